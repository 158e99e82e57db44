"""Every URL outside the public list needs a login; the public pages open without one."""

import re

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from pitf.permissions import PUBLIC_URL_NAMES

pytestmark = pytest.mark.django_db
SAMPLE_ARGUMENTS = {"int": "1", "str": "sample", "slug": "sample", "path": "sample/x", "uuid": None}


def walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            child_namespace = entry.namespace or namespace
            yield from walk(
                entry.url_patterns,
                prefix + str(entry.pattern),
                f"{child_namespace}:" if entry.namespace else namespace,
            )
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else None
            yield prefix + str(entry.pattern), name, entry.callback


def concrete_path(pattern: str) -> str:
    """Fill a route's converters (or a regex's groups) with sample values."""
    path = re.sub(
        r"<(?:(\w+):)?\w+>",
        lambda m: (
            SAMPLE_ARGUMENTS.get(m.group(1) or "str") or "00000000-0000-0000-0000-000000000000"
        ),
        pattern,
    )
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", path)
    return "/" + path.lstrip("^").rstrip("$").replace("\\", "")


ALL_URLS = sorted(set(walk(get_resolver().url_patterns)), key=lambda row: row[0])


@pytest.mark.parametrize(("pattern", "name", "view"), ALL_URLS, ids=[u[0] or "/" for u in ALL_URLS])
def test_every_url_needs_login_unless_public(client, pattern, name, view):
    response = client.get(concrete_path(pattern))
    marked_public = getattr(view, "login_required", True) is False
    if name in PUBLIC_URL_NAMES:
        assert (
            response.status_code != 302
            or "login" not in response.get("Location", "")
            or (name == "logout")
        ), f"public URL {name} sent an anonymous visitor to a login page"
        return
    assert not marked_public, f"{pattern} ({name}) opts out of login but is not in PUBLIC_URL_NAMES"
    assert response.status_code == 302, f"{pattern} answered {response.status_code}"
    location = response["Location"]
    assert location.startswith((reverse(settings.LOGIN_URL), reverse("admin:login"))), (
        f"{pattern} redirected to {location}, not to a login page"
    )


def test_public_pages_open_without_login(client, reference):
    for name in ("home", "agency-directory", "body-list"):
        assert client.get(reverse(name)).status_code == 200


def test_every_public_name_exists():
    names = {name for _, name, _ in ALL_URLS}
    assert names >= PUBLIC_URL_NAMES
