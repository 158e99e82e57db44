"""Single sign-on in Chromium through a real OpenID Connect provider's own login form: a person
with an account gets in, a stranger sees the refusal page, and nothing is created for them."""

from __future__ import annotations

from allauth.socialaccount.models import SocialAccount
from playwright.sync_api import Page, expect

from pitf.models import User
from tests.e2e.conftest import axe_check
from tests.factories import UserFactory
from tests.test_sso import PROVIDER_NAME, oidc_provider  # noqa: F401  (the provider fixture)


def through_the_provider(page: Page, live_server, sub: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    axe_check(page)
    page.get_by_role("button", name=f"Sign in with {PROVIDER_NAME}").click()
    # The provider's own page: choose who to be there.
    expect(page.get_by_role("heading", name="Authorize Client")).to_be_visible()
    page.get_by_label("Subject").fill(sub)
    page.get_by_role("button", name="Authorize", exact=True).click()


def test_a_person_with_an_account_signs_in(live_server, page: Page, oidc_provider):  # noqa: F811
    user = UserFactory(email="principal@dhs.example.gov", totp=False)
    # The provider's answer shows it checked a second factor.
    oidc_provider.person("dhs-42", email=user.email, email_verified=True, amr=["pwd", "mfa"])
    through_the_provider(page, live_server, "dhs-42")
    expect(page).to_have_url(f"{live_server.url}/my/")
    expect(page.get_by_role("heading", level=1)).to_have_text(user.full_name)
    assert page.evaluate("window.__cspViolations") == []
    axe_check(page)


def test_a_stranger_is_refused(live_server, page: Page, oidc_provider):  # noqa: F811
    oidc_provider.person("nobody-1", email="nobody@example.gov", email_verified=True)
    through_the_provider(page, live_server, "nobody-1")
    expect(page.get_by_role("heading", level=1)).to_have_text("No account for this sign-in")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("signed you in as nobody@example.gov")
    expect(alert).to_contain_text("Nothing was created, and you are not signed in.")
    axe_check(page)
    assert not User.objects.filter(email="nobody@example.gov").exists()
    assert not SocialAccount.objects.exists()
    page.goto(f"{live_server.url}/my/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/my/")


def test_a_tampered_state_shows_an_error_page(live_server, page: Page, oidc_provider):  # noqa: F811
    page.goto(f"{live_server.url}/accounts/oidc/oidc/login/callback/?code=stolen&state=not-ours")
    expect(page.get_by_role("heading", level=1)).to_have_text("Single sign-on did not work")
    expect(page.get_by_role("alert")).to_contain_text("could not be accepted")
    axe_check(page)
