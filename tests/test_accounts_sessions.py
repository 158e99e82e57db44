"""Sessions end: after SESSION_IDLE_MINUTES without a request, SESSION_ABSOLUTE_HOURS after
sign-in, and at once everywhere when an account is deactivated; cookies are secure in production."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from pitf.accounts.sessions import end_sessions
from pitf.middleware import ACTIVITY_RECORDED_AT, LAST_SEEN_AT, SIGNED_IN_AT
from pitf.models import AuditEvent
from tests.factories import UserFactory
from tests.test_accounts import sign_in
from tests.test_config import PRODUCTION_ENV, manage

pytestmark = pytest.mark.django_db


def move_back(client: Client, key: str, seconds: float) -> None:
    session = client.session
    session[key] -= seconds
    session.save()


def told(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def signed_in(client):
    user = UserFactory()
    sign_in(client, user)
    assert client.get(reverse("my-page")).status_code == 200
    return user


def test_an_idle_session_ends_with_a_message(client, signed_in, settings):
    move_back(client, LAST_SEEN_AT, settings.SESSION_IDLE_MINUTES * 60 + 1)
    response = client.get(reverse("my-page"))
    assert response["Location"] == reverse("account_login")
    assert told(response) == [
        "For your security you were signed out after 30 minutes without activity. "
        "Sign in again to continue."
    ]
    assert client.get(reverse("my-page"))["Location"].startswith(reverse("account_login"))
    assert AuditEvent.objects.get(action="user.logout").data["reason"] == "idle"


def test_activity_keeps_a_session_alive(client, signed_in, settings):
    move_back(client, LAST_SEEN_AT, settings.SESSION_IDLE_MINUTES * 60 - 60)
    assert client.post(reverse("accounts:keep-alive")).json() == {"idle_seconds": 1800}
    # The keep-alive was activity: the idle clock starts again.
    move_back(client, LAST_SEEN_AT, settings.SESSION_IDLE_MINUTES * 60 - 60)
    assert client.get(reverse("my-page")).status_code == 200


def test_the_idle_limit_is_configurable(client, signed_in, settings):
    settings.SESSION_IDLE_MINUTES = 5
    move_back(client, LAST_SEEN_AT, 5 * 60 + 1)
    response = client.get(reverse("my-page"))
    assert "after 5 minutes without activity" in told(response)[0]


def test_a_session_ends_twelve_hours_after_sign_in_however_active(client, signed_in):
    move_back(client, SIGNED_IN_AT, 12 * 3600 + 1)
    response = client.get(reverse("my-page"))
    assert response["Location"] == reverse("account_login")
    assert told(response) == [
        "For your security, sessions end 12 hours after sign-in. Please sign in again."
    ]
    assert client.get(reverse("my-page")).status_code == 302
    assert AuditEvent.objects.get(action="user.logout").data["reason"] == "absolute limit"


def test_eleven_hours_after_sign_in_the_session_goes_on(client, signed_in):
    move_back(client, SIGNED_IN_AT, 11 * 3600)
    assert client.get(reverse("my-page")).status_code == 200


def test_the_browser_ends_a_session_whose_warning_ran_out(client, signed_in):
    response = client.post(reverse("accounts:session-timeout"))
    assert response["Location"] == reverse("account_login")
    assert "without activity" in told(response)[0]
    assert client.get(reverse("my-page")).status_code == 302
    # Posted again from a page whose session has already ended: just the message.
    again = client.post(reverse("accounts:session-timeout"))
    assert again["Location"] == reverse("account_login")


def test_keep_alive_needs_a_session_and_a_post(client):
    assert client.post(reverse("accounts:keep-alive"))["Location"].startswith(
        reverse("account_login")
    )
    client.force_login(UserFactory())
    assert client.get(reverse("accounts:keep-alive")).status_code == 405


def test_signed_in_pages_carry_the_warning_and_its_limits(client, signed_in, settings):
    settings.SESSION_IDLE_MINUTES = 30
    settings.SESSION_IDLE_WARNING_MINUTES = 2
    html = client.get(reverse("my-page")).content.decode()
    assert 'data-idle-seconds="1800"' in html
    assert 'data-warning-seconds="120"' in html
    assert f'data-keep-alive-url="{reverse("accounts:keep-alive")}"' in html
    assert "Your session is about to end" in html


def test_anonymous_pages_have_no_warning(client):
    assert "data-session-timeout" not in client.get(reverse("account_login")).content.decode()


def test_end_sessions_signs_a_person_out_everywhere(client, signed_in):
    user = signed_in
    laptop, phone, someone_else = Client(), Client(), Client()
    # Signed in already through the form (the fixture); two more browsers, as if signed in too
    # (a TOTP code signs in only once).
    for browser in (laptop, phone):
        browser.force_login(user)
        assert browser.get(reverse("my-page")).status_code == 200
    someone_else.force_login(UserFactory())
    assert someone_else.get(reverse("my-page")).status_code == 200

    assert end_sessions(user) == 3
    for browser in (client, laptop, phone):
        assert browser.get(reverse("my-page"))["Location"].startswith(reverse("account_login"))
    assert someone_else.get(reverse("my-page")).status_code == 200


def test_a_deactivated_user_is_signed_out_on_the_next_request(client, signed_in):
    signed_in.is_active = False
    signed_in.save(update_fields=["is_active"])
    end_sessions(signed_in)
    assert client.get(reverse("my-page"))["Location"].startswith(reverse("account_login"))


def test_deactivation_alone_already_refuses_the_session(client, signed_in):
    """Even without end_sessions, Django refuses an inactive user's session."""
    signed_in.is_active = False
    signed_in.save(update_fields=["is_active"])
    assert client.get(reverse("my-page"))["Location"].startswith(reverse("account_login"))


def test_cookies_are_secure_in_production():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.SESSION_COOKIE_SAMESITE, s.SESSION_COOKIE_NAME, s.SESSION_EXPIRE_AT_BROWSER_CLOSE)"
    )
    result = manage("shell", "--verbosity", "0", "-c", code, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "Lax", "__Secure-sessionid", "True"]


def writes_of(client, url) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [
        q["sql"].split()[0] + " " + q["sql"].split()[2 if q["sql"].startswith("INSERT") else 1]
        for q in queries.captured_queries
        if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def test_a_page_that_changes_nothing_writes_nothing(client, signed_in, settings):
    """The idle clock and allauth's session list are moved on at most once a minute: a page
    opened within the minute writes no row; a minute later, one request writes them again."""
    url = reverse("my-page")
    assert writes_of(client, url) == []
    move_back(client, LAST_SEEN_AT, 61)
    move_back(client, ACTIVITY_RECORDED_AT, 61)
    later = writes_of(client, url)
    assert any("django_session" in write for write in later), later
    assert any("usersessions_usersession" in write for write in later), later
    assert writes_of(client, url) == []
