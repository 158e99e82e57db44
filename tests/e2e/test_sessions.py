"""The idle-session warning in Chromium: a USWDS modal before the session ends, "Stay signed in"
keeps it, and when time is up the page goes to the login page saying why."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import axe_check

IDLE_SECONDS = 12
WARNING_SECONDS = 8


def test_idle_warning_keep_alive_and_expiry(live_server, settings, page: Page, signed_in_user):
    settings.SESSION_IDLE_MINUTES = IDLE_SECONDS / 60
    settings.SESSION_IDLE_WARNING_MINUTES = WARNING_SECONDS / 60
    page.reload()
    dialog = page.get_by_role("dialog", name="Your session is about to end")
    # The dialog's wrapper has no box of its own; its heading shows whether it is open.
    warning = dialog.get_by_role("heading", name="Your session is about to end")
    expect(warning).to_be_hidden()

    # The warning opens WARNING_SECONDS before the end, with the keyboard focus inside it.
    expect(warning).to_be_visible(timeout=(IDLE_SECONDS - WARNING_SECONDS + 3) * 1000)
    expect(dialog).to_contain_text("you will be signed out in")
    axe_check(page)
    stay = dialog.get_by_role("button", name="Stay signed in")
    expect(stay).to_be_focused()
    expect(dialog.get_by_role("button", name="Sign out")).to_be_visible()

    # Staying signed in (by keyboard) closes it and restarts the clock on the server too.
    page.keyboard.press("Enter")
    expect(warning).to_be_hidden()
    expect(page).to_have_url(f"{live_server.url}/my/")

    # Nothing done: the warning comes back and, when time is up, the login page says why.
    expect(warning).to_be_visible(timeout=(IDLE_SECONDS - WARNING_SECONDS + 3) * 1000)
    expect(page).to_have_url(
        f"{live_server.url}/accounts/login/", timeout=(WARNING_SECONDS + 4) * 1000
    )
    expect(page.get_by_role("status").filter(has_text="without activity")).to_contain_text(
        "For your security you were signed out after"
    )
    page.goto(f"{live_server.url}/my/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/my/")
    axe_check(page)


def test_sign_out_from_the_warning(live_server, settings, page: Page, signed_in_user):
    settings.SESSION_IDLE_MINUTES = IDLE_SECONDS / 60
    settings.SESSION_IDLE_WARNING_MINUTES = WARNING_SECONDS / 60
    page.reload()
    dialog = page.get_by_role("dialog", name="Your session is about to end")
    warning = dialog.get_by_role("heading", name="Your session is about to end")
    expect(warning).to_be_visible(timeout=(IDLE_SECONDS - WARNING_SECONDS + 3) * 1000)
    dialog.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()
    page.goto(f"{live_server.url}/my/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/my/")


def test_the_server_ends_an_idle_session_without_the_page(
    live_server, settings, page: Page, signed_in_user
):
    """A closed laptop runs no script: the next request is refused all the same."""
    settings.SESSION_IDLE_MINUTES = 2 / 60
    page.wait_for_timeout(2500)
    page.goto(f"{live_server.url}/my/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("status").filter(has_text="without activity")).to_be_visible()
