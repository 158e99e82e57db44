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
