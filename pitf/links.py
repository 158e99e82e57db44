"""Links to the hub in what is sent without a request (e-mails, calendar files): the path of a
page on the hub's address as people reach it (settings.SITE_URL)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def page_link(url_name: str, *args) -> str:
    """The full address of the page `url_name` with `args`."""
    return absolute(reverse(url_name, args=args))
