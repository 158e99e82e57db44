"""Every form the URL map knows, the product's and the Django admin's, filled with bad values
field by field (empty, huge, out-of-range numbers and dates, wrong types, unknown ids, markup,
NUL bytes, very long text) and submitted as a role that may post it: no answer may be a server
error. The page is read as a browser would (its forms, fields and current values), so a new
form is fuzzed without a line here.

`make test` tries a bounded sample of values per field (chosen by the field's name, so that
different fields get different values); `make fuzz` (FUZZ_ALL=1) tries every value on every
field, as the site administrator and as the representative wherever both may post."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from tests.test_permission_matrix import MATRIX, concrete, sample, single_sign_on  # noqa: F401

pytestmark = pytest.mark.django_db

FUZZ_ALL = os.environ.get("FUZZ_ALL") == "1"
PER_FIELD = 2  # bad values per field in `make test` (every one in `make fuzz`)

BAD_VALUES: list[str | list[str]] = [
    "",
    "x" * 20_000,
    "<script>alert('x')</script><a href='https://evil.example'>link</a>",
    "a\x00b",
    "-1",
    "0",
    "99999999999999999999999999",
    "9223372036854775808",
    "1e309",
    "NaN",
    "abc",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "99999-01-01",
    "999999",
    ["1", "2", "abc"],
    "ï¿½ \u202e\ud7ff emoji \U0001f600",
]

# Forms not to submit: signing out ends the walk's session; single sign-on would leave for the
# identity provider; the CSRF-exempt keep-alive takes no fields.
SKIPPED_ACTIONS = ("/accounts/logout/", "/accounts/3rdparty/", "/accounts/oidc/")


@dataclass
class Form:
    method: str
    action: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    choices: dict[str, list[str]] = field(default_factory=dict)


class FormReader(HTMLParser):
    """The forms of a page: method, action, and each field with the value a browser would
    send (checked boxes, selected options, text of text areas)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                Form(
                    method=(attrs.get("method") or "get").lower(), action=attrs.get("action") or ""
                )
            )
            return
        if not self.forms:
            return
        form = self.forms[-1]
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            form.fields.setdefault(name, [])
            if kind in ("checkbox", "radio"):
                form.choices.setdefault(name, []).append(attrs.get("value") or "on")
                if "checked" in attrs:
                    form.fields[name].append(attrs.get("value") or "on")
            else:
                form.fields[name].append(attrs.get("value") or "")
        elif tag == "select" and name:
            self._select = name
            form.fields.setdefault(name, [])
            form.choices.setdefault(name, [])
        elif tag == "option" and self._select:
            value = attrs.get("value") or ""
            form.choices[self._select].append(value)
            if "selected" in attrs:
                form.fields[self._select].append(value)
        elif tag == "textarea" and name:
            self._textarea = name
            form.fields.setdefault(name, []).append("")

    def handle_endtag(self, tag):
        if tag == "select":
            if self._select and self.forms and not self.forms[-1].fields[self._select]:
                options = self.forms[-1].choices[self._select]
                if options:
                    self.forms[-1].fields[self._select].append(options[0])
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1].fields[self._textarea][-1] += data


def forms_of(html: str) -> list[Form]:
    reader = FormReader()
    reader.feed(html)
    return reader.forms


FORMSET_ROW = re.compile(r"-(\d+)-")


def values_for(name: str, form: Form) -> list:
    """The bad values to try in field `name`; for a list of choices also a valid choice other
    than the current one (a record's kind changed, e.g. a TOTP authenticator made a key)."""
    others = [c for c in form.choices.get(name, []) if c and c not in form.fields.get(name, [])]
    if FUZZ_ALL:
        return BAD_VALUES + others
    row = FORMSET_ROW.search(name)
    if (row and row.group(1) != "0") or "__prefix__" in name:
        return []  # the first row of a formset stands for the others and for its template
    start = int(hashlib.sha256(name.encode()).hexdigest(), 16) % len(BAD_VALUES)
    chosen = [BAD_VALUES[(start + step * 5) % len(BAD_VALUES)] for step in range(PER_FIELD)]
    return chosen + others[-1:]


def submit(client: Client, page: str, form: Form, data: dict) -> int:
    target = urljoin(page, form.action) if form.action else page
    path = urlsplit(target).path
    if form.method == "post":
        return client.post(path, data).status_code
    return client.get(path, data).status_code


def fuzz_page(client: Client, path: str) -> list[str]:
    """Submit every form of the page at `path` with each bad value in each field in turn;
    the server errors found, as 'METHOD action field=value -> status'."""
    response = client.get(path)
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return []
    page = response.request["PATH_INFO"]
    errors = []
    for form in forms_of(response.content.decode()):
        action = urljoin(page, form.action) if form.action else page
        if urlsplit(action).netloc or any(skip in action for skip in SKIPPED_ACTIONS):
            continue
        names = [name for name in form.fields if name != "csrfmiddlewaretoken"]
        for name in names:
            for value in values_for(name, form):
                data = {key: values for key, values in form.fields.items() if key != name}
                data[name] = value
                status = submit(client, page, form, data)
                if status >= 500:
                    shown = repr(value)[:40]
                    errors.append(f"{form.method.upper()} {action} {name}={shown} -> {status}")
                # A submission may have signed the person out or changed the page's rows;
                # the next submission still goes to the same address.
    return errors


def roles_that_post(row) -> list[str]:
    allowed = [role for role, cell in row.expected.items() if cell == "allow"]
    preferred = [role for role in ("site_admin", "representative") if role in allowed]
    if not preferred:
        preferred = [role for role in allowed if role != "anonymous"][:1] or allowed[:1]
    return preferred if FUZZ_ALL else preferred[:1]


PAGES = [row for row in MATRIX if row.method == "GET" and not row.name.startswith("admin:")]


@pytest.mark.parametrize("row", PAGES, ids=[row.name for row in PAGES])
def test_no_form_of_the_product_answers_a_server_error(sample, single_sign_on, row):  # noqa: F811
    errors = []
    for role in roles_that_post(row):
        client = Client(raise_request_exception=False)
        person = sample["people"][role]
        if person is not None:
            client.force_login(person)
        errors += fuzz_page(client, concrete(row.path, sample=sample))
    assert not errors, "\n".join(errors[:20])


def admin_pages() -> list[str]:
    """For every model the admin shows: its list (with its search and filters), its add form
    and the change form of its first row."""
    names = []
    for model in admin.site._registry:
        opts = model._meta
        names.append(f"admin:{opts.app_label}_{opts.model_name}")
    return sorted(names)


ADMIN_PAGES = admin_pages()


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_no_form_of_the_admin_answers_a_server_error(sample, name):  # noqa: F811
    model = next(
        m for m in admin.site._registry if f"admin:{m._meta.app_label}_{m._meta.model_name}" == name
    )
    model_admin = admin.site._registry[model]
    client = Client(raise_request_exception=False)
    client.force_login(sample["people"]["site_admin"])
    # A row of each of allauth's kinds, so that their change forms are tried too.
    SocialAccount.objects.get_or_create(
        user=sample["people"]["staff"], provider="openid_connect", uid="fuzz", extra_data={}
    )
    errors = []
    changelist = reverse(f"{name}_changelist")
    errors += fuzz_page(client, changelist)
    hierarchy = model_admin.date_hierarchy
    if hierarchy:
        for part in ("year", "month", "day"):
            for value in ("99999999999999999999", "abc", "-1", "0"):
                status = client.get(changelist, {f"{hierarchy}__{part}": value}).status_code
                if status >= 500:
                    errors.append(f"GET {changelist} {hierarchy}__{part}={value} -> {status}")
    for popup in ("_popup=1&_to_field=id&_source_model=nonsense", "_popup=1&_to_field=nonsense"):
        status = client.get(f"{reverse(f'{name}_add')}?{popup}").status_code
        if status >= 500:
            errors.append(f"GET add ?{popup} -> {status}")
    # The change form of the newest row (for a body, a working group with a few members, not
    # the SPOG's list) stands for the add form, which has the same fields, unless there is none;
    # `make fuzz` tries both.
    newest = model._default_manager.order_by("-pk").first()
    if newest is not None:
        errors += fuzz_page(client, reverse(f"{name}_change", args=[newest.pk]))
    if (newest is None or FUZZ_ALL) and model_admin.has_add_permission(_request_for(sample)):
        errors += fuzz_page(client, reverse(f"{name}_add"))
    assert not errors, "\n".join(errors[:20])


def _request_for(sample):  # noqa: F811
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = sample["people"]["site_admin"]
    return request


def test_the_reader_finds_fields_and_their_values():
    """The walk is only as good as its reading of a page."""
    html = (
        '<form method="post" action="/x/"><input type="hidden" name="version" value="3">'
        '<input name="title" value="A &amp; B"><select name="agency"><option value="">-</option>'
        '<option value="7" selected>DHS</option></select><textarea name="notes">hi</textarea>'
        '<input type="checkbox" name="flag" value="on" checked><button type="submit">Go</button>'
        "</form>"
    )
    [form] = forms_of(html)
    assert form.method == "post" and form.action == "/x/"
    assert form.fields == {
        "version": ["3"],
        "title": ["A & B"],
        "agency": ["7"],
        "notes": ["hi"],
        "flag": ["on"],
    }
    assert len(values_for("title", form)) == PER_FIELD or FUZZ_ALL
    assert values_for("agency", form)[-1] == "" or FUZZ_ALL or "7" not in values_for("agency", form)
