"""Signing in in Chromium: password then the authenticator app's code, enrolment at the first
sign-in, the lockout message, a password reset from the e-mail a real worker delivers, and every
account page free of axe-core violations."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import Page, expect

from pitf.models import AuditEvent
from tests.conftest import text_of
from tests.e2e.conftest import PASSWORD, axe_check, sign_in, totp_code
from tests.factories import UserFactory

NEW_PASSWORD = "a brand new passphrase for the hub"


def heading(page: Page):
    return page.get_by_role("heading", level=1)


def test_sign_in_with_password_and_authenticator_code(live_server, page: Page):
    user = UserFactory()
    page.goto(f"{live_server.url}/accounts/login/")
    axe_check(page)
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()

    expect(heading(page)).to_have_text("Enter your authentication code")
    code = page.get_by_label("Authentication code")
    expect(code).to_have_attribute("autocomplete", "one-time-code")
    expect(code).to_have_accessible_description(re.compile("6-digit code"))
    axe_check(page)
    code.fill("000000")
    page.get_by_role("button", name="Verify and sign in").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Incorrect code.")
    axe_check(page)

    page.get_by_label("Authentication code").fill(totp_code(user.totp_secret))
    page.get_by_role("button", name="Verify and sign in").click()
    expect(page).to_have_url(f"{live_server.url}/my/")
    expect(heading(page)).to_have_text(user.full_name)


def test_sign_in_helper_works_for_every_role(live_server, people, browser):
    for role, person in people.items():
        if person is None:
            continue
        context = browser.new_context()
        page = context.new_page()
        sign_in(page, live_server, person)
        expect(page).to_have_url(f"{live_server.url}/my/")
        context.close()
        assert AuditEvent.objects.filter(action="user.login", actor=person).exists(), role


def test_first_sign_in_enrols_the_app_then_signs_in_with_it(live_server, page: Page):
    user = UserFactory(totp=False)
    sign_in(page, live_server, user.email)

    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/totp/activate/")
    expect(heading(page)).to_have_text("Set up your authenticator app")
    expect(
        page.get_by_role("status").filter(has_text="Every account needs a second factor")
    ).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    axe_check(page)
    # Elsewhere is refused until a second factor is set up.
    page.goto(f"{live_server.url}/my/")
    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/totp/activate/")
    secret = page.get_by_label("Setup key").input_value()

    page.get_by_label("Authentication code").fill(totp_code(secret))
    page.get_by_role("button", name="Turn on the authenticator app").click()

    expect(heading(page)).to_have_text("Your recovery codes")
    codes = page.get_by_role("list", name="Unused recovery codes").get_by_role("listitem")
    expect(codes).to_have_count(10)
    axe_check(page)
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    page.get_by_role("link", name="I have saved them: continue").click()
    expect(page).to_have_url(f"{live_server.url}/my/")

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(f"{live_server.url}/")
    user.totp_secret = secret
    sign_in(page, live_server, user)
    expect(page).to_have_url(f"{live_server.url}/my/")
    expect(heading(page)).to_have_text(user.full_name)


def test_the_lockout_says_when_and_how(live_server, page: Page, settings):
    user = UserFactory()
    for _ in range(settings.LOGIN_FAILURES_ALLOWED):
        sign_in(page, live_server, user.email, password="not the right password")
        expect(page.locator("[data-error-summary]")).to_contain_text("Please enter a correct")
    sign_in(page, live_server, user.email)
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(re.compile(r"Try again after \d{1,2}:\d\d [AP]M"))
    expect(summary).to_contain_text("reset your password by e-mail")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/")
    axe_check(page)


@pytest.mark.worker
def test_password_reset_by_e_mail(live_server, page: Page, celery_worker_process, smtp_sink):
    user = UserFactory()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Forgot your password?").click()
    expect(heading(page)).to_have_text("Reset your password")
    axe_check(page)
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_role("button", name="Send the reset link").click()
    expect(heading(page)).to_have_text("Check your e-mail")
    axe_check(page)

    [message] = smtp_sink.wait_for(1)
    assert message["To"] == user.email
    assert message["Subject"] == "[PITF hub] Reset your password"
    body = text_of(message)
    link = re.search(r"(http://\S+/accounts/password/reset/key/\S+)", body)[1]
    assert link.startswith(live_server.url)

    page.goto(link)
    expect(heading(page)).to_have_text("Set a new password")
    new_password = page.get_by_role("textbox", name="New password *", exact=True)
    expect(new_password).to_have_accessible_description(re.compile("At least 15 characters"))
    axe_check(page)
    new_password.fill("too short")
    page.get_by_label("New password again").fill("too short")
    page.get_by_role("button", name="Set the new password").click()
    expect(page.locator("[data-error-summary]")).to_contain_text("This password is too short")
    axe_check(page)
    page.get_by_role("textbox", name="New password *", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set the new password").click()
    expect(heading(page)).to_have_text("Your password is changed")
    axe_check(page)

    page.goto(link)
    expect(heading(page)).to_have_text("This reset link does not work")
    axe_check(page)

    sign_in(page, live_server, user, password=NEW_PASSWORD)
    expect(page).to_have_url(f"{live_server.url}/my/")


def test_public_account_pages_pass_axe(live_server, page: Page):
    for path, title in [
        ("/accounts/signup/", "Accounts are by invitation"),
        ("/accounts/inactive/", "This account is deactivated"),
        ("/accounts/password/reset/key/1-bad-key/", "This reset link does not work"),
        ("/accounts/3rdparty/login/cancelled/", "Single sign-on cancelled"),
        ("/accounts/3rdparty/login/error/", "Single sign-on did not work"),
    ]:
        page.goto(f"{live_server.url}{path}")
        expect(heading(page)).to_have_text(title)
        axe_check(page)


def test_signed_in_account_pages_pass_axe(live_server, page: Page, signed_in_user):
    for path, title in [
        ("/accounts/2fa/", "Second factors"),
        ("/accounts/2fa/webauthn/", "Security keys"),
        ("/accounts/password/change/", "Change your password"),
        ("/accounts/sessions/", "Where you are signed in"),
        ("/accounts/logout/", "Sign out"),
        ("/accounts/reauthenticate/", "Confirm it is you"),
        ("/accounts/2fa/reauthenticate/", "Confirm it is you"),
    ]:
        page.goto(f"{live_server.url}{path}")
        expect(heading(page)).to_have_text(title)
        axe_check(page)
    # Changing factors asks for the password first, then shows the page asked for.
    page.goto(f"{live_server.url}/accounts/2fa/totp/deactivate/")
    expect(heading(page)).to_have_text("Confirm it is you")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(heading(page)).to_have_text("Remove the authenticator app")
    axe_check(page)
    page.get_by_role("button", name="Remove the authenticator app").click()
    expect(page.locator("[data-error-summary]")).to_contain_text("This is your only second factor")
    axe_check(page)
    for path, title in [
        ("/accounts/2fa/webauthn/add/", "Add a security key"),
        ("/accounts/2fa/recovery-codes/generate/", "Make new recovery codes"),
    ]:
        page.goto(f"{live_server.url}{path}")
        expect(heading(page)).to_have_text(title)
        axe_check(page)


def test_a_site_administrator_unlocks_in_the_browser(live_server, page: Page, people, settings):
    from pitf.accounts import lockout

    staff = people["staff"]
    from django.test import Client

    client = Client()
    for _ in range(settings.LOGIN_FAILURES_ALLOWED):
        client.post("/accounts/login/", {"login": staff.email, "password": "wrong password!"})
    assert lockout.locked_until(staff.email) is not None

    sign_in(page, live_server, people["site_admin"])
    page.goto(f"{live_server.url}/accounts/hub/unlock/{staff.pk}/")
    expect(heading(page)).to_have_text(f"Unlock signing in for {staff.full_name}")
    axe_check(page)
    page.get_by_role("button", name="Unlock signing in").click()
    expect(page.get_by_role("status").first).to_contain_text(f"{staff.email} can sign in again.")
    assert lockout.locked_until(staff.email) is None
