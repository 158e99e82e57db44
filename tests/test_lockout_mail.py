"""Lockout as a weapon, defused: when failed attempts lock signing in with an address, the
account's holder is e-mailed once (when it unlocks by itself, and a link), and whoever reads that
mailbox unlocks it at once; the lock and the unlock are in the audit log. A link tampered with,
or for an address no longer the account's, unlocks nothing."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from pitf.accounts import lockout
from pitf.models import AuditEvent, Notification
from tests.factories import UserFactory
from tests.test_accounts import _fresh_rate_limits, password_step  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db


def lock(client, settings, email: str) -> None:
    for _ in range(settings.LOGIN_FAILURES_ALLOWED):
        password_step(client, email, "not the right password")
    assert lockout.locked_until(email) is not None


def test_the_holder_is_told_once_and_unlocks_from_the_mailbox(client, settings):
    person = UserFactory()
    lock(client, settings, person.email)
    password_step(client, person.email, "still guessing")  # refused while locked
    [mail] = Notification.objects.filter(kind="account.locked")
    assert mail.recipient == person.email
    assert "unlocks by itself after" in mail.body
    assert AuditEvent.objects.filter(action="user.locked_out").count() == 1
    link = re.search(r"https?://\S+/accounts/hub/unlock/mail/\S+/", mail.body)[0]
    path = link.split("testserver", 1)[1]
    page = client.get(path)
    assert page.status_code == 200
    assert f"Unlock signing in for {person.email}" in page.content.decode()
    assert lockout.locked_until(person.email) is not None  # opening the link is not enough
    response = client.post(path)
    assert response.status_code == 302 and response["Location"] == reverse("account_login")
    assert lockout.locked_until(person.email) is None
    unlocked = AuditEvent.objects.get(action="user.unlocked")
    assert unlocked.data["by"] == "e-mail" and unlocked.target_label == str(person)
    assert password_step(client, person.email)["Location"] == reverse("mfa_authenticate")


def test_no_mail_for_an_address_with_no_account_and_no_unlock_by_a_bad_link(client, settings):
    lock(client, settings, "nobody@example.gov")
    assert not Notification.objects.filter(kind="account.locked").exists()
    person = UserFactory()
    token = lockout.unlock_token(person)
    for bad in (token[:-2] + "xx", "not-a-link"):
        response = client.get(reverse("accounts:unlock-by-mail", args=[bad]))
        assert response.status_code == 404
        assert "This unlock link does not work" in response.content.decode()
    person.email = "moved@example.gov"
    person.save()
    assert client.get(reverse("accounts:unlock-by-mail", args=[token])).status_code == 404


def test_a_strangers_failures_do_not_lock_the_holder_out_of_their_usual_browser(client, settings):
    from django.test import Client

    from tests.test_accounts import page_text, sign_in

    holder = UserFactory()
    sign_in(client, holder)  # the holder's usual browser, which has signed in before
    cookie = client.cookies[lockout.KNOWN_BROWSER_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert holder.email not in cookie.value  # the cookie names the account by a keyed hash
    client.post(reverse("account_logout"))
    assert client.get(reverse("my-page")).status_code == 302

    stranger = Client()
    lock(stranger, settings, holder.email)
    refused = password_step(Client(), holder.email)  # any unknown client: the account is locked
    assert "signing in with it is locked" in page_text(refused)
    forged = Client()
    forged.cookies[lockout.KNOWN_BROWSER_COOKIE] = cookie.value[:-3] + "abc"
    assert "signing in with it is locked" in page_text(password_step(forged, holder.email))
    # A browser known for another account is not known for this one.
    elsewhere = Client()
    sign_in(elsewhere, UserFactory())
    elsewhere.post(reverse("account_logout"))
    assert "signing in with it is locked" in page_text(password_step(elsewhere, holder.email))

    # The holder's own browser still signs in.
    assert password_step(client, holder.email)["Location"] == reverse("mfa_authenticate")
    locks = AuditEvent.objects.filter(action="user.locked_out")
    assert [e.data["client"] for e in locks] == ["unknown client"]

    # Their own mistakes there lock that browser only, and the e-mailed link unlocks both.
    fresh = Client()
    fresh.cookies[lockout.KNOWN_BROWSER_COOKIE] = cookie.value
    for _ in range(settings.LOGIN_FAILURES_ALLOWED):
        password_step(fresh, holder.email, "a typo")
    assert "signing in with it is locked" in page_text(password_step(fresh, holder.email))
    assert [e.data["client"] for e in locks.order_by("pk")] == ["unknown client", "known browser"]
    assert Notification.objects.filter(kind="account.locked").count() == 2
    assert lockout.lockout_clear(email=holder.email)
    assert password_step(fresh, holder.email)["Location"] == reverse("mfa_authenticate")
    assert password_step(Client(), holder.email)["Location"] == reverse("mfa_authenticate")
