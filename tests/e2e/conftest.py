"""Browser fixtures: Debian's Chromium driven by Playwright's synchronous API against
pytest-django's live server, with axe-core for the WCAG 2.0, 2.1 and 2.2 A and AA checks.

The live server runs in another thread with its own database connection, so it only sees
committed rows: every test here uses ``live_server`` (which implies ``transactional_db``)
and asks for ``reference`` or creates users after it. There is no internet: Chromium is
Debian's, never one that ``playwright install`` downloads.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pyotp
import pytest
import time_machine
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from tests.factories import UserFactory

HERE = Path(__file__).resolve().parent

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Wide enough for the U.S. Web Design System's desktop navigation (its breakpoint is 1024px).
VIEWPORT = {"width": 1280, "height": 800}
# Local pages answer in milliseconds; a short timeout makes a broken page fail fast.
TIMEOUT_MS = 5_000

PASSWORD = "correct horse battery staple"

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE = Axe()

# Records every Content-Security-Policy violation the page reports, from before its first
# script runs. Playwright adds it through the DevTools protocol, which the policy does not
# govern, so the init script itself is no violation.
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ` +
      `${event.sourceFile}:${event.lineNumber}`
  );
});
"""


def pytest_collection_modifyitems(config, items):
    """Every test in this folder drives the browser: mark it so `-m "not browser"` skips it."""
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _fresh_address_rate_limits() -> None:
    """Every browser here signs in from the loopback address, and allauth allows 30 sign-ins a
    minute from one address: each journey starts with the per-address counts clear, so that the
    journeys run just before it do not get its sign-ins refused. The per-address limits are not
    what these tests are about; the lockout of one e-mail address is counted by key, not
    cleared here."""
    from allauth.core.internal import ratelimit
    from django.core.cache import cache
    from django.test import RequestFactory
    from django.utils.module_loading import import_string

    for app in ("allauth.account", "allauth.mfa"):
        config = import_string(f"{app}.app_settings.RATE_LIMITS")
        for ip in ("127.0.0.1", "::1"):
            request = RequestFactory().post("/", REMOTE_ADDR=ip)
            for action in config:
                for rate in ratelimit.get_rates(app=app, action=action, config=config):
                    if rate.per == "ip":
                        cache.delete(
                            ratelimit.get_cache_key(request, app=app, action=action, rate=rate)
                        )


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh context per test: no cookies, storage or focus carried over.

    bypass_csp stays False so the site's own Content-Security-Policy is enforced as in a real
    browser. axe-core is injected with page.evaluate, which goes through the DevTools
    protocol and is not subject to the page's policy (test_csp.py checks both).
    """
    context = browser.new_context(viewport=VIEWPORT, locale="en-US", bypass_csp=False)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    context.add_init_script(CSP_RECORDER)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def axe_violations(page: Page) -> str:
    """axe-core's readable report of the page as it is now, with the WCAG 2.0, 2.1 and 2.2 A
    and AA rules; empty when there is no violation."""
    results = AXE.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_TAGS},
            "resultTypes": ["violations"],
        },
    )
    return results.generate_report() if results.violations_count else ""


def axe_check(page: Page) -> None:
    """Fail the test with axe's readable report if the page as it is now has any violation of
    the WCAG 2.0, 2.1 and 2.2 A and AA rules."""
    report = axe_violations(page)
    if report:
        pytest.fail(f"axe on {page.url}:\n{report}", pytrace=False)


def totp_code(secret: str) -> str:
    """The authenticator app's current code for `secret`. allauth accepts each code once, so a
    code this run has already entered is not offered again: the clock of this process (the
    test's and the live server's, which runs in a thread of it) moves on to the next 30-second
    step instead of the test waiting for it; it moves back when the test ends."""
    totp = pyotp.TOTP(secret)
    code = totp.now()
    while code in _ENTERED_CODES.setdefault(secret, set()):
        step_ends = (int(time.time()) // totp.interval + 1) * totp.interval
        traveller = time_machine.travel(step_ends + 0.5, tick=True)
        traveller.start()
        _CLOCK_STEPS.append(traveller)
        code = totp.now()
    _ENTERED_CODES[secret].add(code)
    return code


_ENTERED_CODES: dict[str, set[str]] = {}
_CLOCK_STEPS: list[time_machine.travel] = []


@pytest.fixture(autouse=True)
def _clock_back_after_totp_steps() -> Iterator[None]:
    """Undo the clock's moves that `totp_code` made for this test, latest first."""
    yield
    while _CLOCK_STEPS:
        _CLOCK_STEPS.pop().stop()


def enter_second_factor(page: Page, secret: str) -> None:
    """The second step of signing in: the code from the authenticator app."""
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    page.get_by_label("Authentication code").fill(totp_code(secret))
    page.get_by_role("button", name="Verify and sign in").click()


def sign_in(page: Page, live_server, user, password: str = PASSWORD) -> None:
    """Sign in through the login form with the mouse, as most people would: e-mail address and
    password, then the authenticator app's code computed from `user.totp_secret` (every user of
    UserFactory and of the `people` fixture has one).

    `live_server` is the fixture or its URL; `user` is a User, or just an e-mail address for the
    password step alone (a wrong password, an account without a second factor)."""
    base_url = getattr(live_server, "url", live_server)
    email = user if isinstance(user, str) else user.email
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    secret = getattr(user, "totp_secret", None)
    if secret:
        enter_second_factor(page, secret)


@pytest.fixture
def signed_in_user(live_server, page: Page):
    """A user (from UserFactory, TOTP enrolled) signed in through the login form and the second
    factor; the page is on /my/."""
    user = UserFactory()
    sign_in(page, live_server, user)
    expect(page).to_have_url(f"{live_server.url}/my/")
    return user
