"""Security keys (WebAuthn) in Chromium, with the browser's virtual authenticator as the key:
enrolment at the first sign-in, signing in with the key, adding, renaming and removing one from
the account pages, the last second factor kept, the browser's refusals said in words, the
keyboard, axe-core on every page of it, and the audit log.

WebAuthn needs a secure context and a relying-party id that is a domain name: the live server
answers at http://localhost (pytest-django's default), which is both; a numeric address such as
127.0.0.1 is refused by the browser whatever the hub's settings (see test_an_ip_address_...).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import CDPSession, Page, expect

from pitf.models import AuditEvent
from tests.e2e.conftest import PASSWORD, axe_check, enter_second_factor, sign_in
from tests.factories import UserFactory

# A CTAP2 key on USB that answers at once, as if touched, and has a PIN (user verification).
KEY_OPTIONS = {
    "protocol": "ctap2",
    "transport": "usb",
    "hasResidentKey": True,
    "hasUserVerification": True,
    "isUserVerified": True,
    "automaticPresenceSimulation": True,
}


@dataclass
class VirtualSecurityKey:
    """A security key plugged into the page's browser (Chromium's virtual authenticator)."""

    cdp: CDPSession
    authenticator_id: str

    @classmethod
    def plug_in(cls, cdp: CDPSession) -> VirtualSecurityKey:
        added = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": KEY_OPTIONS})
        return cls(cdp, added["authenticatorId"])

    def unplug(self) -> None:
        self.cdp.send(
            "WebAuthn.removeVirtualAuthenticator", {"authenticatorId": self.authenticator_id}
        )

    def credentials(self) -> list[dict]:
        """The credentials the key holds, with the site (rpId) and the use count of each."""
        return self.cdp.send("WebAuthn.getCredentials", {"authenticatorId": self.authenticator_id})[
            "credentials"
        ]


@pytest.fixture
def security_key(page: Page) -> VirtualSecurityKey:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    return VirtualSecurityKey.plug_in(cdp)


@pytest.fixture(autouse=True)
def _keeps_to_the_content_security_policy(page: Page) -> Iterator[None]:
    """allauth's WebAuthn scripts and the hub's run under the strict policy on every page these
    journeys reach: the browser reports each refusal to the console (test_csp.py shows it does),
    which outlives the page, unlike window.__cspViolations."""
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield
    assert refused == []


def heading(page: Page):
    return page.get_by_role("heading", level=1)


def status(page: Page, text: str):
    return page.get_by_role("status").filter(has_text=text)


def key_error(page: Page):
    return page.locator("[data-security-key-error]")


def assert_no_csp_violation(page: Page) -> None:
    assert page.evaluate("window.__cspViolations") == [], page.url


def stored_key(user, name: str) -> Authenticator:
    [authenticator] = [
        a
        for a in Authenticator.objects.filter(user=user, type=Authenticator.Type.WEBAUTHN)
        if a.wrap().name == name
    ]
    return authenticator


def assert_holds_the_stored_key(key: VirtualSecurityKey, authenticator: Authenticator, host: str):
    """The credential the browser made is the one the hub stored, for this site and account."""
    [credential] = key.credentials()
    stored_id = authenticator.wrap().authenticator_data.credential_data.credential_id
    assert base64.b64decode(credential["credentialId"]) == stored_id
    assert credential["rpId"] == host
    assert credential["userName"] == authenticator.user.email


def first_sign_in_to_the_add_page(page: Page, live_server, user) -> None:
    """The password of an account with no second factor yet, then the enrolment page's link to
    a security key instead of the authenticator app."""
    base = getattr(live_server, "url", live_server)
    sign_in(page, base, user.email)
    expect(page).to_have_url(f"{base}/accounts/2fa/totp/activate/")
    page.get_by_role("link", name="Add a security key instead").click()
    expect(page).to_have_url(f"{base}/accounts/2fa/webauthn/add/")
    expect(heading(page)).to_have_text("Add a security key")
    # The page's script takes Enter over once the document has loaded; a key pressed before
    # that would post the bare form (faster than any person types).
    page.wait_for_load_state("load")


def test_first_sign_in_adds_a_security_key_then_it_signs_in(
    live_server, page: Page, security_key: VirtualSecurityKey
):
    user = UserFactory(totp=False)
    first_sign_in_to_the_add_page(page, live_server, user)
    axe_check(page)
    assert_no_csp_violation(page)
    page.get_by_label("Name of the key").fill("Blue YubiKey")
    page.get_by_role("button", name="Add the security key").click()

    # The first factor comes with recovery codes, then the page every sign-in lands on.
    expect(heading(page)).to_have_text("Your recovery codes")
    expect(status(page, "Security key added.")).to_be_visible()
    key = stored_key(user, "Blue YubiKey")
    assert_holds_the_stored_key(security_key, key, urlsplit(live_server.url).hostname)
    assert security_key.credentials()[0]["signCount"] == 1
    page.get_by_role("link", name="I have saved them: continue").click()
    expect(page).to_have_url(f"{live_server.url}/my/")
    expect(heading(page)).to_have_text(user.full_name)

    page.goto(f"{live_server.url}/accounts/2fa/webauthn/")
    expect(heading(page)).to_have_text("Security keys")
    row = page.get_by_role("row", name=re.compile("Blue YubiKey"))
    expect(row).to_contain_text("Not used yet")
    axe_check(page)

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(f"{live_server.url}/")
    sign_in(page, live_server, user.email)
    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/authenticate/")
    # No authenticator app: the page leads with the key, and the field takes a recovery code.
    expect(heading(page)).to_have_text("Use your security key")
    expect(page.get_by_label("Authentication code")).to_have_count(0)
    expect(page.get_by_label("Recovery code")).to_be_visible()
    axe_check(page)
    assert_no_csp_violation(page)
    page.get_by_role("button", name="Use a security key").click()

    expect(page).to_have_url(f"{live_server.url}/my/")
    expect(heading(page)).to_have_text(user.full_name)
    # The key signed, and the hub recorded its use.
    assert security_key.credentials()[0]["signCount"] == 2
    page.goto(f"{live_server.url}/accounts/2fa/webauthn/")
    expect(page.get_by_role("row", name=re.compile("Blue YubiKey"))).not_to_contain_text(
        "Not used yet"
    )
    last_login = AuditEvent.objects.filter(action="user.login", actor=user).latest("pk")
    assert last_login.data["methods"] == ["password", "mfa"]
    assert AuditEvent.objects.filter(
        action="mfa.enrolled", actor=user, data__name="Blue YubiKey"
    ).exists()


@pytest.mark.parametrize(
    "keys",
    [["Tab", "Enter"], ["Enter"]],
    ids=["tab-to-the-button-then-enter", "enter-in-the-name-field"],
)
def test_a_key_is_added_by_keyboard(
    live_server, page: Page, security_key: VirtualSecurityKey, keys: list[str]
):
    user = UserFactory(totp=False)
    first_sign_in_to_the_add_page(page, live_server, user)
    name = page.get_by_label("Name of the key")
    name.click()
    name.press("Control+A")
    page.keyboard.type("Desk key")
    for key in keys:
        if key == "Enter" and len(keys) > 1:
            expect(page.get_by_role("button", name="Add the security key")).to_be_focused()
        page.keyboard.press(key)

    expect(heading(page)).to_have_text("Your recovery codes")
    expect(status(page, "Security key added.")).to_be_visible()
    assert_holds_the_stored_key(
        security_key, stored_key(user, "Desk key"), urlsplit(live_server.url).hostname
    )


def test_a_person_with_the_app_adds_renames_and_removes_a_key(
    live_server, people, page: Page, security_key: VirtualSecurityKey
):
    base = live_server.url
    person = people["staff"]
    sign_in(page, live_server, person.email)
    # No key yet: the second step offers none.
    expect(heading(page)).to_have_text("Enter your authentication code")
    expect(page.get_by_role("button", name="Use a security key")).to_have_count(0)
    enter_second_factor(page, person.totp_secret)
    expect(page).to_have_url(f"{base}/my/")

    page.goto(f"{base}/accounts/2fa/")
    expect(heading(page)).to_have_text("Second factors")
    page.get_by_role("link", name="Add a security key").click()
    # Changing one's factors asks for a fresh confirmation first.
    expect(heading(page)).to_have_text("Confirm it is you")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(f"{base}/accounts/2fa/webauthn/add/")
    axe_check(page)
    assert_no_csp_violation(page)
    page.get_by_label("Name of the key").fill("Desk key")
    page.get_by_role("button", name="Add the security key").click()
    expect(status(page, "Security key added.")).to_be_visible()
    assert_holds_the_stored_key(
        security_key, stored_key(person, "Desk key"), urlsplit(base).hostname
    )

    page.goto(f"{base}/accounts/2fa/")
    expect(page.get_by_text("You have added 1 security key.")).to_be_visible()
    page.get_by_role("link", name="Manage security keys").click()
    expect(heading(page)).to_have_text("Security keys")
    axe_check(page)
    page.get_by_role("link", name="Rename Desk key").click()
    expect(heading(page)).to_have_text("Rename a security key")
    axe_check(page)
    page.get_by_label("Name of the key").fill("Spare key in the safe")
    page.get_by_role("button", name="Save").click()
    expect(heading(page)).to_have_text("Security keys")
    renamed = AuditEvent.objects.get(action="mfa.renamed", actor=person)
    assert (renamed.data["name_before"], renamed.data["name_after"]) == (
        "Desk key",
        "Spare key in the safe",
    )
    expect(page.get_by_role("row", name=re.compile("Spare key in the safe"))).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Desk key"))).to_have_count(0)
    key = stored_key(person, "Spare key in the safe")

    # With the app and the key, the second step offers both.
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, person.email)
    expect(heading(page)).to_have_text("Enter your authentication code")
    expect(page.get_by_label("Authentication code")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Use a security key").click()
    expect(page).to_have_url(f"{base}/my/")

    page.goto(f"{base}/accounts/2fa/webauthn/")
    page.get_by_role("link", name="Remove Spare key in the safe").click()
    # A new sign-in is no fresh confirmation: this time confirm with the key itself.
    expect(heading(page)).to_have_text("Confirm it is you")
    page.get_by_role("link", name="Use a security key").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/webauthn/reauthenticate/"))
    axe_check(page)
    page.get_by_role("button", name="Use a security key").click()
    expect(heading(page)).to_have_text("Remove the security key “Spare key in the safe”?")
    axe_check(page)
    page.get_by_role("link", name="Keep it").click()
    expect(page.get_by_role("row", name=re.compile("Spare key in the safe"))).to_be_visible()
    page.get_by_role("link", name="Remove Spare key in the safe").click()
    page.get_by_role("button", name="Remove the key").click()

    expect(heading(page)).to_have_text("Security keys")
    expect(status(page, "Security key removed.")).to_be_visible()
    expect(page.get_by_text("No security key is added yet.")).to_be_visible()
    assert not Authenticator.objects.filter(pk=key.pk).exists()
    assert Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists()
    for action, name in [("mfa.enrolled", "Desk key"), ("mfa.removed", "Spare key in the safe")]:
        event = AuditEvent.objects.get(action=action, actor=person, data__name=name)
        assert event.data["authenticator"] == "security key"

    # A site administrator reads both in the audit log.
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, people["site_admin"])
    page.goto(f"{base}/people/audit-log/?actor={person.email}")
    entries = page.get_by_role("region", name=re.compile("^Entries"))
    # Each entry is a group of rows: what happened, then its details and address.
    entry = entries.get_by_role("rowgroup")
    added = entry.filter(has_text="Mfa enrolled").filter(has_text="Desk key")
    removed = entry.filter(has_text="Mfa removed")
    expect(added).to_contain_text("Authenticator: security key")
    expect(removed).to_contain_text("Authenticator: security key")
    expect(removed).to_contain_text("Name: Spare key in the safe")
    axe_check(page)


def test_the_only_second_factor_is_a_key_that_cannot_be_removed(
    live_server, page: Page, security_key: VirtualSecurityKey
):
    user = UserFactory(totp=False)
    first_sign_in_to_the_add_page(page, live_server, user)
    page.get_by_label("Name of the key").fill("Only key")
    page.get_by_role("button", name="Add the security key").click()
    expect(heading(page)).to_have_text("Your recovery codes")

    page.goto(f"{live_server.url}/accounts/2fa/webauthn/")
    page.get_by_role("link", name="Remove Only key").click()
    expect(heading(page)).to_have_text("The security key “Only key” cannot be removed yet")
    expect(page.get_by_text("It is your only second factor")).to_be_visible()
    expect(page.get_by_role("button", name="Remove the key")).to_have_count(0)
    axe_check(page)
    page.get_by_role("link", name="Add another security key").click()
    expect(heading(page)).to_have_text("Add a security key")
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.WEBAUTHN).count() == 1


def test_the_browser_s_refusals_are_said_in_words(
    live_server, page: Page, security_key: VirtualSecurityKey
):
    user = UserFactory(totp=False)
    first_sign_in_to_the_add_page(page, live_server, user)
    page.get_by_role("button", name="Add the security key").click()
    expect(heading(page)).to_have_text("Your recovery codes")

    # The same key again: the browser refuses it, and the page says why.
    page.goto(f"{live_server.url}/accounts/2fa/webauthn/add/")
    expect(key_error(page)).to_be_hidden()
    page.get_by_role("button", name="Add the security key").click()
    expect(key_error(page)).to_be_focused()
    expect(key_error(page)).to_have_text(re.compile("already added to your account"))
    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/webauthn/add/")
    axe_check(page)
    assert_no_csp_violation(page)
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.WEBAUTHN).count() == 1

    # Signing in with a key this account does not know.
    page.get_by_role("button", name="Sign out").click()
    security_key.unplug()
    VirtualSecurityKey.plug_in(security_key.cdp)
    sign_in(page, live_server, user.email)
    page.get_by_role("button", name="Use a security key").click()
    expect(key_error(page)).to_have_text(re.compile("not one added to this account"))
    expect(key_error(page)).to_be_focused()
    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/authenticate/")
    axe_check(page)


def test_an_add_page_opened_again_in_another_tab_says_to_reload(
    live_server, page: Page, security_key: VirtualSecurityKey
):
    user = UserFactory(totp=False)
    first_sign_in_to_the_add_page(page, live_server, user)
    # The second tab's visit starts a new ceremony; the first tab's answer no longer fits it.
    other_tab = page.context.new_page()
    other_tab.goto(f"{live_server.url}/accounts/2fa/webauthn/add/")
    other_tab.close()
    page.get_by_role("button", name="Add the security key").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Reload this page and try again.")
    expect(summary).not_to_contain_text("Incorrect code")
    axe_check(page)
    assert not Authenticator.objects.filter(user=user, type=Authenticator.Type.WEBAUTHN).exists()
    page.reload()
    page.get_by_role("button", name="Add the security key").click()
    expect(status(page, "Security key added.")).to_be_visible()


def test_an_ip_address_is_refused_by_the_browser_and_the_page_says_so(
    live_server, page: Page, security_key: VirtualSecurityKey
):
    """Why the live server is reached as localhost: Chromium takes no IP address as a
    relying-party id, so a key cannot be added at http://127.0.0.1 (nor at make run's address
    typed that way); the person is told to use the site's name."""
    numeric = live_server.url.replace("localhost", "127.0.0.1")
    user = UserFactory(totp=False)
    first_sign_in_to_the_add_page(page, numeric, user)
    page.get_by_role("button", name="Add the security key").click()
    expect(key_error(page)).to_have_text(re.compile("not a numeric IP address"))
    assert security_key.credentials() == []
