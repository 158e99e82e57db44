"""Every URL has a permission rule; every URL outside the public rules needs a login; the
public pages open without one."""

import re

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from pitf.permissions import public_url_names, rule_for

pytestmark = pytest.mark.django_db
SAMPLE_ARGUMENTS = {"int": "1", "str": "sample", "slug": "sample", "path": "sample/x"}


def walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(
                entry.url_patterns,
                prefix + str(entry.pattern),
                f"{namespace}{entry.namespace}:" if entry.namespace else namespace,
            )
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else None
            yield prefix + str(entry.pattern), name, entry.callback


def concrete_path(pattern: str) -> str:
    """Fill a route's converters (or a regex's groups) with sample values."""
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", pattern)
    path = re.sub(
        r"<(?:(\w+):)?\w+>",
        lambda m: SAMPLE_ARGUMENTS.get(m.group(1) or "str", "00000000-0000-0000-0000-000000000000"),
        path,
    )
    return "/" + path.replace("^", "").replace("$", "").replace("\\", "")


ALL_URLS = sorted(set(walk(get_resolver().url_patterns)), key=lambda row: row[0])
PUBLIC = public_url_names()


@pytest.mark.parametrize(("pattern", "name", "view"), ALL_URLS, ids=[u[0] or "/" for u in ALL_URLS])
def test_every_url_has_a_permission_rule(pattern, name, view):
    view_name = resolve(concrete_path(pattern)).view_name
    assert rule_for(view_name) is not None, (
        f"{pattern} ({view_name}) has no rule in pitf/permissions.py"
    )


@pytest.mark.parametrize(("pattern", "name", "view"), ALL_URLS, ids=[u[0] or "/" for u in ALL_URLS])
def test_every_url_needs_login_unless_public(client, pattern, name, view):
    response = client.get(concrete_path(pattern))
    if name in PUBLIC:
        # A public page may send a visitor with nothing in progress back to the login page
        # (e.g. the second step of a login), but never as a login wall ("?next=...").
        location = response.get("Location", "")
        assert "?next=" not in location, f"public URL {name} asked an anonymous visitor to log in"
        return
    assert response.status_code == 302, f"{pattern} answered {response.status_code}"
    location = response["Location"]
    assert location.startswith((reverse(settings.LOGIN_URL), reverse("admin:login"))), (
        f"{pattern} redirected to {location}, not to a login page"
    )


def test_public_pages_open_without_login(client, reference):
    for name in ("home", "agency-directory", "body-list", "account_login"):
        assert client.get(reverse(name)).status_code == 200


def test_every_rule_names_an_existing_url():
    names = {name for _, name, _ in ALL_URLS}
    from pitf.permissions import url_rules

    assert set(url_rules()) - names == set()
