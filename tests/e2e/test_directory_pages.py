"""The directory pages in Chromium: every page passes axe-core (WCAG 2.1 AA) in the states people
meet it in (lists, filtered and empty results, forms with errors, confirmation pages, history on
a past date), keeps to the content security policy, and the navigation's drop-down works."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from pitf.models import Agency, Body, BodyRole, Designation, Membership
from tests.e2e.conftest import axe_check, sign_in
from tests.factories import UserFactory


def open_and_check(page: Page, url: str, heading: str | re.Pattern) -> None:
    response = page.goto(url)
    assert response.ok, f"{url} answered {response.status}"
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    axe_check(page)
    assert page.evaluate("window.__cspViolations") == [], url


def submit_and_expect_errors(page: Page, button: str, *messages: str) -> None:
    page.get_by_role("button", name=button).click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    for message in messages:
        expect(summary).to_contain_text(message)
    axe_check(page)


def test_site_admin_agency_pages_pass_axe(live_server, people, page: Page):
    base = live_server.url
    dhs = Agency.objects.get(acronym="DHS")
    sign_in(page, live_server, people["site_admin"])

    open_and_check(page, f"{base}/manage/agencies/", "Agencies")
    page.get_by_label("Search").fill("justice")
    page.get_by_role("button", name="Filter").click()
    results = page.get_by_role("region", name=re.compile("agencies found"))
    expect(results).to_contain_text("Department of Justice")
    axe_check(page)
    page.get_by_label("Search").fill("no such agency")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("No agency matches these filters")).to_be_visible()
    axe_check(page)

    open_and_check(
        page, f"{base}/manage/agencies/{dhs.pk}/", "Department of Homeland Security (DHS)"
    )
    open_and_check(page, f"{base}/manage/agencies/new/", "Create an agency")
    page.get_by_label("Acronym").fill("DOS")
    submit_and_expect_errors(
        page, "Create agency", "Name: This field is required", "already used by another agency"
    )
    open_and_check(
        page, f"{base}/manage/agencies/{dhs.pk}/edit/", "Edit Department of Homeland Security"
    )
    page.get_by_label("Parent department").select_option(label="Department of Justice (DOJ)")
    submit_and_expect_errors(page, "Save changes", "is a component; choose that kind")

    open_and_check(
        page,
        f"{base}/manage/agencies/{dhs.pk}/deactivate/",
        "Deactivate Department of Homeland Security",
    )
    page.get_by_role("button", name="Deactivate the agency").click()
    expect(page.get_by_text("Department of Homeland Security was deactivated.")).to_be_visible()
    expect(page.get_by_text("Inactive", exact=True)).to_be_visible()
    axe_check(page)
    open_and_check(
        page,
        f"{base}/manage/agencies/{dhs.pk}/reactivate/",
        "Reactivate Department of Homeland Security",
    )


def test_site_admin_body_and_membership_pages_pass_axe(live_server, people, page: Page):
    base = live_server.url
    spog = Body.objects.get(short_name="spog")
    dhs_membership = Membership.objects.get(agency__acronym="DHS", body=spog)
    observer = Membership.objects.get(agency__acronym="OBS", body=spog)
    sign_in(page, live_server, people["site_admin"])

    open_and_check(page, f"{base}/manage/bodies/", "Bodies")
    open_and_check(page, f"{base}/manage/bodies/{spog.pk}/", "Senior Policy Operating Group")
    open_and_check(page, f"{base}/manage/bodies/new/", "Create a committee or working group")
    page.get_by_role("textbox", name=re.compile(r"^Name")).fill("Short-lived Working Group")
    page.get_by_label("Short name").fill("short-lived")
    page.get_by_label("Established").fill("2026-06-01")
    page.get_by_label("Sunset", exact=True).fill("2026-05-01")
    submit_and_expect_errors(page, "Create body", "is before the date the body was established")
    open_and_check(
        page, f"{base}/manage/bodies/{spog.pk}/edit/", "Edit the Senior Policy Operating Group"
    )

    open_and_check(
        page,
        f"{base}/manage/bodies/{spog.pk}/memberships/new/",
        "Add an agency to the Senior Policy Operating Group",
    )
    submit_and_expect_errors(page, "Add the membership", "Agency: This field is required")
    open_and_check(
        page,
        f"{base}/manage/memberships/{dhs_membership.pk}/end/",
        "End DHS's membership of the Senior Policy Operating Group",
    )
    page.get_by_label("Last day").fill("2003-01-01")
    submit_and_expect_errors(page, "End the membership", "is before the start date")
    open_and_check(
        page,
        f"{base}/manage/memberships/{observer.pk}/status/",
        "Change OBS's status in the Senior Policy Operating Group",
    )


def test_site_admin_designation_pages_pass_axe(live_server, people, page: Page):
    base = live_server.url
    spog = Body.objects.get(short_name="spog")
    principal = Designation.objects.get(person=people["representative"])
    colleague = UserFactory(
        agency=people["representative"].agency, full_name="Dana Colleague", totp=False
    )
    sign_in(page, live_server, people["site_admin"])

    open_and_check(
        page,
        f"{base}/manage/bodies/{spog.pk}/designations/new/",
        "Designate a representative in the Senior Policy Operating Group",
    )
    person = page.get_by_role("combobox", name=re.compile("^Person"))
    # Before an agency is chosen no one is offered; then only that agency's staff.
    expect(person.locator("option:enabled")).to_have_text(["- Select -"])
    page.get_by_role("combobox", name=re.compile("^Agency")).select_option(
        label="Department of Homeland Security (DHS)"
    )
    offered = person.locator("option:enabled")
    expect(offered.filter(has_text="Dana Colleague")).to_have_count(1)
    assert all(", DHS)" in label for label in offered.all_text_contents()[1:])
    assert person.locator("option:disabled").count() > 0
    page.get_by_role("combobox", name=re.compile("^Person")).select_option(
        label=f"Dana Colleague ({colleague.email}, DHS)"
    )
    # USWDS draws its own radio button; people click the label.
    page.locator("label", has_text=re.compile("^Principal$")).click()
    expect(page.get_by_label("Principal")).to_be_checked()
    submit_and_expect_errors(page, "Designate", "DHS already has a principal")
    open_and_check(
        page,
        f"{base}/manage/designations/{principal.pk}/end/",
        "End Riley Representative's designation",
    )
    open_and_check(
        page,
        f"{base}/manage/designations/{principal.pk}/hand-over/",
        "Hand over Riley Representative's designation",
    )
    page.get_by_label("From").fill("2019-01-01")
    submit_and_expect_errors(page, "Hand over", "Hand over to: This field is required")


def test_site_admin_office_pages_pass_axe(live_server, people, page: Page):
    """Appointing a chair by keyboard from the body's page, the refusal of a second chair, and
    the page to end a term."""
    base = live_server.url
    spog = Body.objects.get(short_name="spog")
    sign_in(page, live_server, people["site_admin"])
    open_and_check(page, f"{base}/manage/bodies/{spog.pk}/", "Senior Policy Operating Group")
    page.get_by_role("link", name="Appoint a chair or chair’s office staff").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Appoint to the Senior Policy Operating Group's offices"
    )
    axe_check(page)
    page.get_by_role("combobox", name=re.compile("^Person")).select_option(
        label=f"Sam Staff ({people['staff'].email}, HHS)"
    )
    page.locator("label", has_text=re.compile("^Chair$")).click()
    page.get_by_label("From").fill("2021-01-04")
    page.get_by_role("button", name="Appoint").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Senior Policy Operating Group")
    expect(page.locator("body")).to_contain_text("Sam Staff is chair of the Senior Policy")
    axe_check(page)
    page.get_by_role("link", name="Appoint a chair or chair’s office staff").click()
    page.get_by_role("combobox", name=re.compile("^Person")).select_option(
        label=f"Oakley Observer ({people['observer'].email}, OBS)"
    )
    page.locator("label", has_text=re.compile("^Chair$")).click()
    submit_and_expect_errors(page, "Appoint", "has one chair at a time")
    chair = BodyRole.objects.get(person=people["staff"])
    open_and_check(page, f"{base}/manage/offices/{chair.pk}/end/", "End Sam Staff's term")


def test_history_pages_pass_axe(live_server, people, page: Page):
    base = live_server.url
    spog = Body.objects.get(short_name="spog")
    dhs = Agency.objects.get(acronym="DHS")
    sign_in(page, live_server, people["staff"])

    open_and_check(
        page, f"{base}/manage/history/members/", "Which agencies belonged to a body on a date"
    )
    expect(page.get_by_role("cell", name="Department of Transportation (DOT)")).to_be_visible()
    open_and_check(
        page,
        f"{base}/manage/history/members/?body={spog.pk}&on=2009-06-30",
        "Which agencies belonged to a body on a date",
    )
    expect(
        page.get_by_role(
            "heading", name="Members of the Senior Policy Operating Group on June 30, 2009"
        )
    ).to_be_visible()
    open_and_check(
        page,
        f"{base}/manage/history/members/?body={spog.pk}&on=tomorrow",
        "Which agencies belonged to a body on a date",
    )
    expect(page.locator("[data-error-summary]")).to_contain_text("Enter a valid date")
    open_and_check(
        page,
        f"{base}/manage/history/representatives/?body={spog.pk}&agency={dhs.pk}&on=2021-01-01",
        "Who represented an agency in a body on a date",
    )
    expect(page.get_by_role("cell", name="Riley Representative").first).to_be_visible()


def test_reader_pages_and_the_navigation_drop_down(live_server, people, page: Page):
    base = live_server.url
    sign_in(page, live_server, people["observer"])
    nav = page.get_by_role("navigation", name="Primary navigation")
    directory = nav.get_by_role("button", name="Directory")
    expect(directory).to_have_attribute("aria-expanded", "false")
    directory.click()
    expect(directory).to_have_attribute("aria-expanded", "true")
    axe_check(page)  # with the drop-down open
    nav.get_by_role("link", name="Bodies").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bodies")
    expect(page.get_by_role("link", name="Create a committee or working group")).to_have_count(0)
    axe_check(page)
    page.get_by_role("link", name="Grantmaking Committee").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Grantmaking Committee")
    expect(
        page.get_by_text("No agency belongs to the Grantmaking Committee today.")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Add an agency")).to_have_count(0)
    axe_check(page)
    open_and_check(page, f"{base}/manage/agencies/", "Agencies")
    expect(page.get_by_role("link", name="Create an agency")).to_have_count(0)
    response = page.goto(f"{base}/manage/agencies/new/")
    assert response.status == 403
    axe_check(page)
