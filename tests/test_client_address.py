"""The client's address behind proxies: with TRUSTED_PROXY_COUNT proxies in front, the address
is the X-Forwarded-For entry the outermost trusted proxy wrote, whatever a client forged before
it; with none trusted, a forwarded header changes nothing. The audit log and the per-address
limits read it through one function (pitf.audit.client_ip), and allauth's sign-in limits read
the same setting."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from pitf.audit import client_ip
from pitf.models import AuditEvent
from pitf.people.views import invitations as people_views

PROXY = "10.0.0.2"


def request_from(forwarded: str | None = None, remote: str = PROXY):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


@pytest.mark.parametrize(
    "count, forwarded, expected",
    [
        (0, None, PROXY),
        (0, "203.0.113.9", PROXY),  # no proxy trusted: a client's header is ignored
        (1, None, PROXY),  # came round the proxy: its own address
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # a forged first entry is ignored
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.7", "203.0.113.9"),
        (2, "203.0.113.9", PROXY),  # fewer entries than proxies: not through them all
        (1, "6.6.6.6, not-an-address", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_is_what_the_outermost_trusted_proxy_saw(
    settings, count, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(request_from(forwarded)) == expected


@pytest.fixture
def limited(monkeypatch):
    monkeypatch.setattr(people_views, "UNKNOWN_LINKS_ALLOWED", 3)
    yield
    for address in (PROXY, "127.0.0.1", "203.0.113.9", "198.51.100.4"):
        cache.delete(f"people:unknown-invitation-links:{address}")


def guess(client, n: int, forwarded: str):
    link = reverse("people:invitation-accept", kwargs={"token": f"guess{n}"})
    return client.get(link, HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=PROXY).status_code


@pytest.mark.django_db
def test_behind_a_trusted_proxy_one_client_guessing_links_does_not_lock_out_another(
    client, settings, limited
):
    settings.TRUSTED_PROXY_COUNT = 1
    assert [guess(client, n, "203.0.113.9") for n in range(4)] == [404, 404, 404, 429]
    assert guess(client, 9, "198.51.100.4") == 404  # another client, the same proxy


@pytest.mark.django_db
def test_with_no_proxy_trusted_a_forged_header_does_not_escape_the_limit(client, settings, limited):
    settings.TRUSTED_PROXY_COUNT = 0
    assert [guess(client, n, "203.0.113.9") for n in range(4)] == [404, 404, 404, 429]
    assert guess(client, 9, "198.51.100.4") == 429


@pytest.mark.django_db
def test_the_audit_log_records_the_client_not_the_proxy(client, settings, user):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    client.post(
        reverse("account_login"),
        {"login": user.email, "password": "not the password"},
        HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9",
        REMOTE_ADDR=PROXY,
    )
    failed = AuditEvent.objects.get(action="user.login_failed")
    assert failed.ip_address == "203.0.113.9"
