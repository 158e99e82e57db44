"""Names people type are shown as text, never as markup: with every agency's and body's name,
a circulation's title and a solicitation's title carrying a live link and a script, every page of
the permission matrix (as a person who may open it) shows them escaped, the form hints that
name an agency or body included."""

from __future__ import annotations

import pytest
from django.test import Client

from pitf.models import Agency, Body
from tests.test_permission_matrix import (  # noqa: F401  (fixtures the matrix's examples need)
    MATRIX,
    ROLES,
    concrete,
    sample,
    single_sign_on,
)

pytestmark = pytest.mark.django_db
LINK = '<a href="https://evil.example/">click</a>'
SCRIPT = "<script>alert(1)</script>"
PAYLOAD = f" {LINK}{SCRIPT}"


def _who_may_open(row) -> str | None:
    for role in ("site_admin", *ROLES):
        if row.expected[role] == "allow":
            return role
    return None


def test_names_with_markup_are_shown_as_text_on_every_page(sample, single_sign_on):  # noqa: F811
    for agency in Agency.objects.all():
        Agency.objects.filter(pk=agency.pk).update(name=agency.name + PAYLOAD)
    for body in Body.objects.all():
        Body.objects.filter(pk=body.pk).update(name=body.name + PAYLOAD)
    client = Client()
    shown, leaked = 0, []
    for row in MATRIX:
        role = _who_may_open(row)
        if row.method != "GET" or role is None:
            continue
        path = concrete(row.path, sample=sample)
        client.logout()
        if sample["people"][role] is not None:
            client.force_login(sample["people"][role])
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        text = response.content.decode()
        shown += "evil.example" in text
        if LINK in text or SCRIPT in text:
            leaked.append(f"{path} (as {role})")
    assert not leaked, "markup shown live on:\n" + "\n".join(leaked)
    assert shown >= 20  # the names did reach the pages, escaped
