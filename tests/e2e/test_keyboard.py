"""The site by keyboard alone: skip link, banner, primary navigation and the sign-in form."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import PASSWORD, axe_check, totp_code
from tests.factories import UserFactory

# What the element with the keyboard focus says: its text, or a button input's value.
FOCUSED_NAME = """() => {
  const element = document.activeElement;
  return (element.innerText || element.value || element.tagName).trim();
}"""
# The focus indicator the U.S. Web Design System draws (WCAG 2.4.7 Focus Visible).
FOCUS_OUTLINE = """element => {
  const style = getComputedStyle(element);
  return `${style.outlineStyle} ${style.outlineWidth}`;
}"""


def tab_to(page: Page, name: str, most: int = 20) -> list[str]:
    """Press Tab until the focused element's text is `name`; the names focused on the way."""
    names = []
    for _ in range(most):
        page.keyboard.press("Tab")
        names.append(page.evaluate(FOCUSED_NAME))
        if names[-1] == name:
            return names
    raise AssertionError(f"{name!r} not reached in {most} presses of Tab; focused: {names}")


def test_skip_link_comes_first_and_moves_focus_to_main(live_server, reference, page: Page):
    page.goto(f"{live_server.url}/")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).not_to_be_in_viewport()

    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert skip.evaluate(FOCUS_OUTLINE) == "solid 4px"

    page.keyboard.press("Enter")
    main = page.locator("#main-content")
    expect(main).to_be_focused()
    expect(page).to_have_url(f"{live_server.url}/#main-content")
    # The next Tab continues inside the main content, past the banner and navigation.
    page.keyboard.press("Tab")
    expect(main.get_by_role("link", name="See the groups")).to_be_focused()


def test_banner_disclosure_opens_and_closes_with_enter(live_server, page: Page):
    page.goto(f"{live_server.url}/")
    button = page.get_by_role("button", name="Here’s how you know")
    content = page.locator("#gov-banner-default")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(content).to_be_hidden()

    assert tab_to(page, "Here’s how you know") == ["Skip to main content", "Here’s how you know"]
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(content).to_be_visible()
    expect(content).to_contain_text("Official websites use .gov")
    # axe skips hidden content, so check the banner's again now that it is shown.
    axe_check(page)

    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(content).to_be_hidden()


def test_primary_navigation_by_keyboard(live_server, reference, page: Page):
    page.goto(f"{live_server.url}/")
    names = tab_to(page, "Member agencies")
    assert names[-3:] == ["About", "Task force and groups", "Member agencies"], names

    nav = page.get_by_role("navigation", name="Primary navigation")
    link = nav.get_by_role("link", name="Member agencies")
    expect(link).to_be_focused()
    assert link.evaluate(FOCUS_OUTLINE) == "solid 4px"
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{live_server.url}/agencies/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Member and invited agencies")
    expect(nav.get_by_role("link", name="Member agencies")).to_have_attribute(
        "aria-current", "page"
    )


def test_sign_in_by_keyboard_alone(live_server, page: Page):
    user = UserFactory()
    page.goto(f"{live_server.url}/accounts/login/")
    email = page.get_by_label("E-mail address")
    password = page.get_by_label("Password")

    # The e-mail field has autofocus, so typing can start at once.
    expect(email).to_be_focused()
    page.keyboard.type(user.email)
    page.keyboard.press("Tab")
    expect(password).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Sign in")).to_be_focused()
    page.keyboard.press("Enter")

    # The second factor: the code field has autofocus too, and Enter submits it.
    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/authenticate/")
    expect(page.get_by_label("Authentication code")).to_be_focused()
    page.keyboard.type(totp_code(user.totp_secret))
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{live_server.url}/my/")
    expect(page.get_by_role("heading", level=1)).to_have_text(user.full_name)


def test_sign_in_by_keyboard_after_an_error(live_server, page: Page):
    """After a failed attempt focus is on the error summary; Tab leads on to the fields."""
    user = UserFactory()
    page.goto(f"{live_server.url}/accounts/login/")
    page.keyboard.type(user.email)
    page.keyboard.press("Enter")

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    names = tab_to(page, "Password: This field is required.")
    assert names == ["Password: This field is required."], names
    page.keyboard.press("Enter")
    password = page.get_by_label("Password")
    expect(password).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    # The form posts to the page's own address, which the summary link gave a #id_password
    # fragment; browsers keep a fragment across a redirect whose Location has none.
    expect(page).to_have_url(
        re.compile(rf"^{re.escape(live_server.url)}/accounts/2fa/authenticate/(#id_password)?$")
    )
    expect(page.get_by_label("Authentication code")).to_be_focused()
    page.keyboard.type(totp_code(user.totp_secret))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"^{re.escape(live_server.url)}/my/(#id_password)?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(user.full_name)
