"""The public pages, the sign-in page and "My page" as a browser shows them, each with no
WCAG 2.1 A or AA violation that axe-core can find.

/admin/login/ is left out on purpose: it is Django's own admin template, used only in
emergencies by site administrators, and not part of the site's U.S. Web Design System pages.
"""

from __future__ import annotations

import datetime

from playwright.sync_api import Page, expect

from pitf.models import Body
from tests.e2e.conftest import axe_check, sign_in
from tests.factories import BodyRoleFactory, DesignationFactory, UserFactory


def test_home_page(live_server, reference, page: Page):
    page.goto(f"{live_server.url}/")

    expect(page).to_have_title("About the PITF and the SPOG | PITF coordination hub")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "The President’s Interagency Task Force to Monitor and Combat Trafficking in Persons"
    )
    pitf = page.locator("section", has=page.locator("#pitf-heading"))
    expect(pitf.get_by_role("listitem")).to_have_text(
        ["Chaired by the Secretary of State", "Meets annually", "Established October 28, 2000"]
    )
    spog = page.locator("section", has=page.locator("#spog-heading"))
    expect(spog.get_by_role("listitem")).to_have_text(
        [
            "Chaired by the Ambassador-at-Large to Monitor and Combat Trafficking in Persons",
            "Meets quarterly",
        ]
    )
    nav = page.get_by_role("navigation", name="Primary navigation")
    expect(nav.get_by_role("link", name="About")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("link", name="See the agencies")).to_have_attribute(
        "href", "/agencies/"
    )
    expect(page.get_by_role("link", name="sign in", exact=True)).to_be_visible()
    axe_check(page)


def test_agency_directory(live_server, reference, page: Page):
    page.goto(f"{live_server.url}/agencies/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Member and invited agencies")
    table = page.get_by_role("table", name="Member and invited agencies")
    dot = table.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Department of Transportation (DOT)")
    )
    expect(dot).to_have_count(1)
    expect(dot.get_by_role("cell").nth(1)).to_contain_text("Member of the SPOG since 2011")
    website = dot.get_by_role("link", name="https://www.transportation.gov (DOT website)")
    expect(website).to_have_attribute("href", "https://www.transportation.gov")
    expect(website).to_be_visible()
    # The column of a component agency's parent reads "Not a component" to a screen reader.
    expect(
        dot.get_by_role("cell").first.get_by_text("Not a component", exact=True)
    ).to_be_attached()
    nav = page.get_by_role("navigation", name="Primary navigation")
    expect(nav.get_by_role("link", name="Member agencies")).to_have_attribute(
        "aria-current", "page"
    )
    axe_check(page)


def test_body_list(live_server, reference, page: Page):
    page.goto(f"{live_server.url}/bodies/")

    expect(page.get_by_role("heading", level=1)).to_have_text("The task force and its groups")
    expect(page.get_by_role("heading", level=2)).to_have_text(
        [
            "Task force",
            "Senior Policy Operating Group",
            "Standing committees",
            "Ad hoc working groups",
        ]
    )
    grantmaking = page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", level=3, name="Grantmaking Committee")
    )
    expect(grantmaking).to_contain_text("promising practices for successful grants")
    expect(grantmaking).to_contain_text("Part of")
    expect(grantmaking).to_contain_text("Senior Policy Operating Group")
    spog = page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", level=3, name="Senior Policy Operating Group")
    )
    expect(spog.locator("dt", has_text="Meets").locator("+ dd")).to_have_text("Quarterly")
    expect(spog.locator("dt", has_text="Chair").locator("+ dd")).to_have_text(
        "Ambassador-at-Large to Monitor and Combat Trafficking in Persons"
    )
    axe_check(page)


def test_login_page(live_server, page: Page):
    page.goto(f"{live_server.url}/accounts/login/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.get_by_label("E-mail address")).to_have_attribute("autocomplete", "email")
    expect(page.get_by_label("Password")).to_have_attribute("autocomplete", "current-password")
    expect(page.get_by_role("alert")).to_have_count(0)
    axe_check(page)


def test_login_page_after_a_missing_password(live_server, page: Page):
    """A field error: shown in the focused summary and tied to the password input."""
    user = UserFactory()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(f"{live_server.url}/accounts/login/")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_have_role("alert")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading", level=2)).to_have_text("There is a problem")
    summary_link = summary.get_by_role("link", name="Password: This field is required.")
    expect(summary_link).to_have_attribute("href", "#id_password")

    password = page.get_by_label("Password")
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(password).to_have_attribute("aria-describedby", "id_password-error")
    expect(page.locator("#id_password-error")).to_have_text("This field is required.")
    expect(password).to_have_accessible_description("This field is required.")
    # The e-mail address typed is kept; the password never is.
    expect(page.get_by_label("E-mail address")).to_have_value(user.email)
    expect(password).to_have_value("")
    axe_check(page)

    # The summary's link takes the keyboard to the field in error.
    summary_link.press("Enter")
    expect(password).to_be_focused()


def test_login_page_after_a_wrong_password(live_server, page: Page):
    """A form error: shown in the focused summary, with no field marked invalid."""
    user = UserFactory()
    sign_in(page, live_server.url, user.email, password="not the right password")

    expect(page).to_have_url(f"{live_server.url}/accounts/login/")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Please enter a correct")
    expect(page.get_by_label("Password")).not_to_have_attribute("aria-invalid", "true")
    axe_check(page)


def test_my_page(live_server, reference, signed_in_user, page: Page):
    spog = Body.objects.get(short_name="spog")
    DesignationFactory(person=signed_in_user, body=spog, start_date=datetime.date(2024, 1, 1))
    BodyRoleFactory(
        person=signed_in_user,
        body=Body.objects.get(short_name="grantmaking"),
        start_date=datetime.date(2024, 1, 1),
    )
    page.reload()

    expect(page).to_have_title("My page | PITF coordination hub")
    expect(page.get_by_role("heading", level=1)).to_have_text(signed_in_user.full_name)
    expect(page.get_by_text(signed_in_user.agency.name, exact=True)).to_be_visible()
    expect(page.get_by_role("main").get_by_role("listitem")).to_have_text(
        [
            f"Principal for {signed_in_user.agency.acronym} in the Senior Policy Operating"
            " Group, since January 1, 2024",
            "Chair's office, Grantmaking Committee",
        ]
    )
    nav = page.get_by_role("navigation", name="Primary navigation")
    expect(nav.get_by_role("link", name="My page")).to_have_attribute("aria-current", "page")
    expect(nav.get_by_role("button", name="Sign out")).to_be_visible()
    axe_check(page)


def test_my_page_without_designations(live_server, signed_in_user, page: Page):
    expect(page.get_by_text("You are not designated to represent an agency")).to_be_visible()
    axe_check(page)


def test_my_page_needs_sign_in(live_server, page: Page):
    page.goto(f"{live_server.url}/my/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/my/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
