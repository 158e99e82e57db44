"""The pages work under the site's strict Content-Security-Policy: no script or style that the
policy blocks, and the U.S. Web Design System's JavaScript runs."""

from __future__ import annotations

from playwright.sync_api import ConsoleMessage, Page, expect

from tests.e2e.conftest import axe_check, sign_in
from tests.factories import UserFactory

PUBLIC_PATHS = ["/", "/agencies/", "/bodies/", "/accounts/login/"]


def mentions_csp(message: ConsoleMessage) -> bool:
    return "Content Security Policy" in message.text


def test_public_pages_keep_to_the_policy(live_server, reference, page: Page):
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page_errors: list[str] = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))

    for path in PUBLIC_PATHS:
        response = page.goto(f"{live_server.url}{path}")
        assert response.ok, path
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy, policy
        # USWDS's JavaScript ran: uswds-init.js removes this class only once uswds.js has loaded.
        expect(page.locator("html")).not_to_have_class("usa-js-loading")
        # Exercise the script-driven parts too: the banner's disclosure.
        page.get_by_role("button", name="Here’s how you know").click()
        expect(page.locator("#gov-banner-default")).to_be_visible()
        assert page.evaluate("window.__cspViolations") == [], path

    # A failed sign-in: the error summary and site.js, which focuses it.
    sign_in(page, live_server.url, UserFactory().email, password="not the right password")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert page.evaluate("window.__cspViolations") == []

    assert [line for line in console if "Content Security Policy" in line] == []
    assert page_errors == []


def test_signed_in_page_keeps_to_the_policy(live_server, signed_in_user, page: Page):
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.reload()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.locator("html")).not_to_have_class("usa-js-loading")
    assert page.evaluate("window.__cspViolations") == []
    assert [text for text in console if "Content Security Policy" in text] == []


def test_the_policy_is_enforced_and_the_check_would_see_a_violation(live_server, page: Page):
    """A control for the tests above: the browser context does not bypass the policy, an
    inline script is refused and reported, and axe still runs because page.evaluate goes
    through the DevTools protocol."""
    page.goto(f"{live_server.url}/accounts/login/")
    with page.expect_console_message(predicate=mentions_csp) as refused:
        page.evaluate(
            """() => {
              const script = document.createElement("script");
              script.textContent = "window.inlineScriptRan = true;";
              document.body.append(script);
            }"""
        )
    assert refused.value.type == "error"
    assert "script-src" in refused.value.text
    assert page.evaluate("window.inlineScriptRan") is None
    violations = page.evaluate("window.__cspViolations")
    assert len(violations) == 1 and violations[0].startswith("script-src-elem blocked inline")
    axe_check(page)
