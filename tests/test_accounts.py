"""Signing in: password then a second factor, MFA enrolment at first sign-in, the lockout and its
unlock paths, mail through the notification queue, and the audit events of each step."""

from __future__ import annotations

import re
import time

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.urls import reverse

from pitf.accounts import lockout
from pitf.accounts.adapters import mail_kind
from pitf.models import AuditEvent, Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a brand new passphrase for the hub"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Every test signs in from 127.0.0.1: start each with allauth's per-address limits clear."""
    clear_address_rate_limits()


def clear_address_rate_limits(ip: str = "127.0.0.1") -> None:
    from allauth.core.internal import ratelimit
    from django.core.cache import cache
    from django.test import RequestFactory

    request = RequestFactory().post("/", REMOTE_ADDR=ip)
    for action in ("login", "login_failed", "reset_password"):
        for rate in ratelimit.get_rates(app="allauth.account", action=action):
            if rate.per == "ip":
                cache.delete(
                    ratelimit.get_cache_key(
                        request, app="allauth.account", action=action, rate=rate
                    )
                )


def actions() -> list[str]:
    return list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))


def password_step(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def sign_in(client, user, password=PASSWORD):
    response = password_step(client, user.email, password)
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(
        reverse("mfa_authenticate"), {"code": pyotp.TOTP(user.totp_secret).now()}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def page_text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


class TestPasswordThenSecondFactor:
    def test_the_password_alone_does_not_sign_in(self, client):
        user = UserFactory()
        response = password_step(client, user.email)
        assert response["Location"] == reverse("mfa_authenticate")
        assert client.get(reverse("my-page"))["Location"].startswith(reverse("account_login"))

    def test_password_and_code_sign_in_and_are_audited(self, client):
        user = UserFactory()
        response = sign_in(client, user)
        assert response["Location"] == reverse("my-page")
        assert client.get(reverse("my-page")).status_code == 200
        login = AuditEvent.objects.get(action="user.login")
        assert login.actor == user
        assert login.data["methods"] == ["password", "mfa"]
        assert login.ip_address == "127.0.0.1"

    def test_the_code_of_the_step_before_still_works_but_not_an_older_one(self, client):
        user = UserFactory()
        app = pyotp.TOTP(user.totp_secret)
        now = time.time()
        password_step(client, user.email)
        too_old = client.post(reverse("mfa_authenticate"), {"code": app.at(now - 60)})
        assert "Incorrect code." in page_text(too_old)
        just_moved_on = client.post(reverse("mfa_authenticate"), {"code": app.at(now - 30)})
        assert just_moved_on["Location"] == reverse("my-page")

    def test_a_wrong_code_is_refused_with_a_message_and_audited(self, client):
        user = UserFactory()
        password_step(client, user.email)
        response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
        assert response.status_code == 200
        assert "Incorrect code." in page_text(response)
        assert client.get(reverse("my-page")).status_code == 302
        assert AuditEvent.objects.get(action="user.mfa_failed").actor == user

    def test_a_recovery_code_replaces_the_app(self, client):
        from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

        user = UserFactory()
        code = RecoveryCodes.activate(user).get_unused_codes()[0]
        password_step(client, user.email)
        response = client.post(reverse("mfa_authenticate"), {"code": code})
        assert response["Location"] == reverse("my-page")

    def test_a_wrong_password_is_audited_with_the_address_never_the_password(self, client):
        user = UserFactory()
        response = password_step(client, user.email, "not the right password")
        assert response.status_code == 200
        assert "Please enter a correct e-mail address and password." in page_text(response)
        event = AuditEvent.objects.get(action="user.login_failed")
        assert event.actor_email == user.email and event.data["email"] == user.email
        assert "not the right password" not in str(event.data)

    def test_sign_out_is_audited(self, client):
        user = UserFactory()
        sign_in(client, user)
        client.post(reverse("account_logout"))
        assert AuditEvent.objects.filter(action="user.logout", actor=user).count() == 1
        assert client.get(reverse("my-page")).status_code == 302

    def test_a_deactivated_account_cannot_sign_in(self, client):
        user = UserFactory(is_active=False)
        response = password_step(client, user.email)
        assert response["Location"] == reverse("account_inactive")
        assert "This account is deactivated" in page_text(client.get(response["Location"]))
        assert client.get(reverse("my-page")).status_code == 302

    def test_there_is_no_sign_up(self, client):
        response = client.post(
            reverse("account_signup"), {"email": "new@example.gov", "password1": NEW_PASSWORD}
        )
        assert "Accounts are by invitation" in page_text(response)
        from pitf.models import User

        assert not User.objects.filter(email="new@example.gov").exists()


class TestEnrolmentAtFirstSignIn:
    def test_an_account_without_a_second_factor_must_enrol_before_anything_else(
        self, client, django_capture_on_commit_callbacks
    ):
        user = UserFactory(totp=False)
        response = password_step(client, user.email)
        assert response["Location"] == reverse("my-page")
        for name in ("my-page", "home", "account_change_password"):
            response = client.get(reverse(name))
            assert response["Location"] == reverse("mfa_activate_totp"), name

        page = client.get(reverse("mfa_activate_totp"))
        assert "Set up your authenticator app" in page_text(page)
        secret = page.context["form"].secret
        assert f'value="{secret}"' in page.content.decode()
        # Reloading the page (after scanning it, say) shows the same key.
        again = client.get(reverse("mfa_activate_totp"))
        assert again.context["form"].secret == secret

        wrong = client.post(reverse("mfa_activate_totp"), {"code": "123456"})
        assert "Incorrect code." in page_text(wrong)
        assert not Authenticator.objects.filter(user=user).exists()

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()})
        assert response["Location"] == reverse("mfa_view_recovery_codes")
        codes = client.get(reverse("mfa_view_recovery_codes"))
        assert len(codes.context["unused_codes"]) == 10
        assert client.get(reverse("my-page")).status_code == 200
        enrolled = AuditEvent.objects.filter(action="mfa.enrolled", actor=user)
        assert sorted(e.data["authenticator"] for e in enrolled) == [
            "authenticator app",
            "recovery codes",
        ]
        # The security notice went to the queue, not straight to a mailbox.
        assert Notification.objects.filter(recipient=user.email, kind="mfa.totp_activated")
        assert mail.outbox == []

    def test_the_enrolment_pages_stay_open(self, client):
        user = UserFactory(totp=False)
        password_step(client, user.email)
        for name in ("mfa_activate_totp", "mfa_add_webauthn", "mfa_index"):
            assert client.get(reverse(name)).status_code == 200, name
        assert client.post(reverse("accounts:keep-alive")).status_code == 200

    def test_the_only_second_factor_cannot_be_removed(self, client):
        user = UserFactory()
        sign_in(client, user)
        # Changing one's factors asks for the password again.
        assert client.post(reverse("mfa_deactivate_totp"))["Location"].startswith(
            reverse("account_reauthenticate")
        )
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        response = client.post(reverse("mfa_deactivate_totp"))
        assert response.status_code == 200
        assert "This is your only second factor" in page_text(response)
        assert Authenticator.objects.filter(user=user, type="totp").exists()

    def test_removing_one_of_two_factors_is_audited_and_regenerating_codes_too(
        self, client, django_capture_on_commit_callbacks
    ):
        from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

        user = UserFactory()
        RecoveryCodes.activate(user)
        Authenticator.objects.create(user=user, type=Authenticator.Type.WEBAUTHN, data={})
        sign_in(client, user)
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("mfa_deactivate_totp"))
        assert response["Location"] == reverse("mfa_index")
        assert AuditEvent.objects.get(action="mfa.removed").data == {
            "authenticator": "authenticator app"
        }
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("mfa_generate_recovery_codes"))
        assert AuditEvent.objects.filter(
            action="mfa.recovery_codes_regenerated", actor=user
        ).exists()


class TestSecurityKeys:
    """Removing security keys; adding them and signing in with them is in the browser tests
    (tests/e2e/test_security_keys.py), where a virtual authenticator answers."""

    def test_a_key_that_is_the_last_second_factor_stays(self, client):
        user = UserFactory()
        key = Authenticator.objects.create(
            user=user, type=Authenticator.Type.WEBAUTHN, data={"name": "Only key"}
        )
        sign_in(client, user)
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        # Beside the key, the app may go; then the key is the last second factor.
        assert client.post(reverse("mfa_deactivate_totp"))["Location"] == reverse("mfa_index")
        remove = reverse("mfa_remove_webauthn", kwargs={"pk": key.pk})
        assert "It is your only second factor" in page_text(client.get(remove))
        response = client.post(remove)
        assert response.status_code == 200
        assert "It is your only second factor" in page_text(response)
        assert Authenticator.objects.filter(pk=key.pk).exists()
        assert not AuditEvent.objects.filter(action="mfa.removed", data__name="Only key")

    def test_removing_a_key_beside_the_app_is_audited_with_its_name(self, client):
        user = UserFactory()
        key = Authenticator.objects.create(
            user=user, type=Authenticator.Type.WEBAUTHN, data={"name": "Blue YubiKey"}
        )
        sign_in(client, user)
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        response = client.post(reverse("mfa_remove_webauthn", kwargs={"pk": key.pk}))
        assert response["Location"] == reverse("mfa_list_webauthn")
        assert not Authenticator.objects.filter(pk=key.pk).exists()
        assert AuditEvent.objects.get(action="mfa.removed", actor=user).data == {
            "authenticator": "security key",
            "name": "Blue YubiKey",
        }
        assert Notification.objects.filter(recipient=user.email, kind="mfa.webauthn_removed")

    def test_removing_someone_else_s_key_is_not_found(self, client):
        key = Authenticator.objects.create(
            user=UserFactory(), type=Authenticator.Type.WEBAUTHN, data={"name": "Their key"}
        )
        user = UserFactory()
        sign_in(client, user)
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        response = client.post(reverse("mfa_remove_webauthn", kwargs={"pk": key.pk}))
        assert response.status_code == 404
        assert Authenticator.objects.filter(pk=key.pk).exists()


class TestPasswords:
    def test_the_rules_are_shown_and_a_short_password_is_refused(self, client):
        user = UserFactory()
        sign_in(client, user)
        page = client.get(reverse("account_change_password"))
        assert "At least 15 characters" in page_text(page)
        response = client.post(
            reverse("account_change_password"),
            {"oldpassword": PASSWORD, "password1": "short pass", "password2": "short pass"},
        )
        assert "This password is too short" in page_text(response)
        user.refresh_from_db()
        assert user.check_password(PASSWORD)

    def test_a_common_password_is_refused(self, client):
        user = UserFactory()
        sign_in(client, user)
        response = client.post(
            reverse("account_change_password"),
            {
                "oldpassword": PASSWORD,
                "password1": "migrationschool",
                "password2": "migrationschool",
            },
        )
        assert "This password is too common" in page_text(response)

    def test_a_change_is_audited(self, client):
        user = UserFactory()
        sign_in(client, user)
        client.post(
            reverse("account_change_password"),
            {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )
        user.refresh_from_db()
        assert user.check_password(NEW_PASSWORD)
        assert AuditEvent.objects.get(action="user.password_changed").actor == user
        assert Notification.objects.filter(kind="account.password_changed").exists()


def reset_link(notification: Notification) -> str:
    return re.search(r"http://testserver(/accounts/password/reset/key/\S+)", notification.body)[1]


class TestPasswordReset:
    def test_the_reset_mail_is_a_notification_row(self, client):
        user = UserFactory()
        response = client.post(reverse("account_reset_password"), {"email": user.email})
        assert response["Location"] == reverse("account_reset_password_done")
        notification = Notification.objects.get(kind="account.password_reset")
        assert notification.recipient == user.email
        assert notification.subject == "[PITF hub] Reset your password"
        assert "It works once" in notification.body
        assert mail.outbox == []

    def test_an_unknown_address_gets_no_mail_and_the_same_answer(self, client):
        response = client.post(reverse("account_reset_password"), {"email": "who@example.gov"})
        assert response["Location"] == reverse("account_reset_password_done")
        assert not Notification.objects.exists()

    def test_the_link_sets_a_new_password_once_and_is_audited(self, client):
        user = UserFactory()
        client.post(reverse("account_reset_password"), {"email": user.email})
        link = reset_link(Notification.objects.get(kind="account.password_reset"))
        form_url = client.get(link)["Location"]
        response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
        assert response["Location"] == reverse("account_reset_password_from_key_done")
        user.refresh_from_db()
        assert user.check_password(NEW_PASSWORD)
        assert AuditEvent.objects.get(action="user.password_reset").actor == user
        again = client.get(link, follow=True)
        assert "This reset link does not work" in page_text(again)


class TestLockout:
    def fail(self, client, email, times):
        for _ in range(times):
            password_step(client, email, "not the right password")

    def test_the_sixth_attempt_is_refused_saying_when_and_how_to_unlock(self, client, settings):
        user = UserFactory()
        self.fail(client, user.email, settings.LOGIN_FAILURES_ALLOWED)
        assert lockout.locked_until(user.email) is not None
        # Even the right password is refused while locked.
        response = password_step(client, user.email)
        assert response.status_code == 200
        text = page_text(response)
        assert "signing in with it is locked" in text
        assert re.search(r"Try again after \d{1,2}:\d\d [AP]M \(in 15 minutes\)", text), text
        assert "reset your password by e-mail" in text and "site administrator" in text
        assert AuditEvent.objects.filter(action="user.locked_out").count() == 1
        refused = AuditEvent.objects.filter(action="user.login_failed", data__reason="locked")
        assert refused.count() == 1
        # The lock is per address: another person signs in as usual.
        other = UserFactory()
        assert password_step(client, other.email)["Location"] == reverse("mfa_authenticate")

    def test_the_lock_holds_whichever_host_name_is_used(self, client, settings):
        user = UserFactory()
        settings.ALLOWED_HOSTS = ["testserver", "localhost"]
        self.fail(client, user.email, settings.LOGIN_FAILURES_ALLOWED)
        response = client.post(
            reverse("account_login"),
            {"login": user.email, "password": PASSWORD},
            HTTP_HOST="localhost",
        )
        assert "signing in with it is locked" in page_text(response)

    def test_a_password_reset_unlocks(self, client, settings):
        user = UserFactory()
        self.fail(client, user.email, settings.LOGIN_FAILURES_ALLOWED)
        client.post(reverse("account_reset_password"), {"email": user.email})
        link = reset_link(Notification.objects.get(kind="account.password_reset"))
        form_url = client.get(link)["Location"]
        client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
        assert lockout.locked_until(user.email) is None
        assert AuditEvent.objects.filter(action="user.password_reset", actor=user).exists()
        assert password_step(client, user.email, NEW_PASSWORD)["Location"] == reverse(
            "mfa_authenticate"
        )

    def test_a_site_administrator_unlocks(self, client, settings, people):
        user = people["staff"]
        self.fail(client, user.email, settings.LOGIN_FAILURES_ALLOWED)
        admin_client = type(client)()
        sign_in(admin_client, people["site_admin"])
        url = reverse("accounts:unlock", args=[user.pk])
        page = admin_client.get(url)
        assert "is locked after too many failed attempts" in page_text(page)
        response = admin_client.post(url, follow=True)
        assert f"{user.email} can sign in again." in page_text(response)
        assert lockout.locked_until(user.email) is None
        event = AuditEvent.objects.get(action="user.unlocked")
        assert event.actor == people["site_admin"] and event.target_id == str(user.pk)
        assert password_step(client, user.email)["Location"] == reverse("mfa_authenticate")

    @pytest.mark.parametrize("role", ["staff", "representative", "chairs_office"])
    def test_only_site_administrators_unlock(self, client, settings, people, role):
        victim = people["observer"]
        self.fail(client, victim.email, settings.LOGIN_FAILURES_ALLOWED)
        other = type(client)()
        sign_in(other, people[role])
        response = other.post(reverse("accounts:unlock", args=[victim.pk]))
        assert response.status_code == 403
        assert lockout.locked_until(victim.email) is not None


@pytest.mark.parametrize(
    ("prefix", "kind"),
    [
        ("account/email/password_reset_key", "account.password_reset"),
        ("mfa/email/totp_activated", "mfa.totp_activated"),
        ("account/email/something_new", "account.something_new"),
    ],
)
def test_every_allauth_mail_gets_a_kind(prefix, kind):
    assert mail_kind(prefix) == kind
