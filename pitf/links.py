"""Links to the hub, built in one place: the path of a page on the address the person reached
the hub at (from their request), or, in what is sent without a request (e-mails and calendar
files sent by tasks), on the hub's address as people reach it (settings.SITE_URL)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def absolute(path: str, base: str | None = None) -> str:
    """The full address of `path` on `base` (see request_base), or on SITE_URL."""
    return (base or settings.SITE_URL).rstrip("/") + path


def request_base(request) -> str:
    """The address the person reached the hub at, as the request says (its host is one of
    ALLOWED_HOSTS)."""
    return request.build_absolute_uri("/")


def page_link(url_name: str, *args) -> str:
    """The full address of the page `url_name` with `args`, on SITE_URL."""
    return absolute(reverse(url_name, args=args))
