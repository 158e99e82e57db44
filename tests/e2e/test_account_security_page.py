"""The account security page in Chromium: reached from the header's account links, it lists the
person's sign-in and passes axe."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import axe_check


def test_the_header_leads_to_account_security(live_server, page: Page, signed_in_user):
    page.get_by_role("link", name="Account security").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Account security")
    expect(page.get_by_role("cell", name="Signed in")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Manage your second factors").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Second factors")
    assert page.evaluate("window.__cspViolations") == []
