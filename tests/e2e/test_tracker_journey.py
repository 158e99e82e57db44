"""A tracker across agencies in Chromium: the FAR working group's chair's office opens the
shipped FAR tracker from its workspace and chooses the participating agencies; DHS's and HHS's
staff write their own columns (HHS first forgets the reason a requirement does not apply);
the chair's office sees the totals in the matrix and downloads it as XLSX, opened here with
openpyxl. Every page and state passes axe-core."""

from __future__ import annotations

import datetime
import io

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from committees.reference import load_trackers
from pitf.models import Agency, Body, Membership
from tests.e2e.conftest import axe_check, sign_in
from tests.factories import BodyRoleFactory, UserFactory

START = datetime.date(2020, 1, 1)


def test_the_far_tracker_from_set_up_to_the_xlsx(live_server, reference, page: Page):
    body = Body.objects.get(short_name="far-implementation")
    agencies = {a.acronym: a for a in Agency.objects.filter(acronym__in=["DHS", "HHS", "DOJ"])}
    for acronym in ("DHS", "HHS", "DOJ"):
        Membership.objects.create(agency=agencies[acronym], body=body, start_date=START)
    office = UserFactory(agency=agencies["DOJ"], full_name="Fran Office")
    BodyRoleFactory(person=office, body=body, start_date=START)
    dhs = UserFactory(agency=agencies["DHS"], full_name="Dana Homeland")
    hhs = UserFactory(agency=agencies["HHS"], full_name="Harper Health")
    load_trackers()
    base = live_server.url

    sign_in(page, live_server, office)
    page.goto(f"{base}/committees/")
    page.get_by_role("link", name="FAR Anti-Trafficking Provision Working Group").click()
    axe_check(page)
    page.get_by_role("link", name="FAR subpart 22.17: agency-side requirements").click()
    expect(page.get_by_text("No agency takes part yet.")).to_be_visible()
    page.get_by_role("link", name="Change the title or agencies").click()
    for acronym in ("DHS", "HHS"):
        page.locator("label.usa-checkbox__label", has_text=f"({acronym})").click()
    axe_check(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("is saved")
    expect(page.get_by_text("0 implemented, 0 in progress, 12 not started")).to_be_visible()
    axe_check(page)

    page.context.clear_cookies()
    sign_in(page, live_server, dhs)
    page.goto(f"{base}/committees/far-implementation/")
    page.get_by_role("link", name="FAR subpart 22.17: agency-side requirements").click()
    expect(page.get_by_role("heading", name="Your agency's column")).to_be_visible()
    expect(page.get_by_role("link", name="Download XLSX")).to_have_count(0)
    page.get_by_role("link", name="Not started (change it)").first.click()
    page.locator("label.usa-radio__label", has_text="Implemented").click()
    page.get_by_label("Note").fill("All 1,400 contracting officers trained in FY 2026.")
    page.get_by_label("Evidence: a link").fill("https://www.dhs.gov/far-training")
    axe_check(page)
    page.get_by_role("button", name="Save your agency's status").click()
    expect(page.get_by_role("status")).to_contain_text("is saved as implemented")
    expect(page.get_by_text("All 1,400 contracting officers trained")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, live_server, hhs)
    page.goto(f"{base}/committees/far-implementation/")
    page.get_by_role("link", name="FAR subpart 22.17: agency-side requirements").click()
    page.get_by_role("link", name="Not started (change it)").nth(1).click()
    page.locator("label.usa-radio__label", has_text="Not applicable").click()
    page.get_by_role("button", name="Save your agency's status").click()
    expect(page.get_by_role("link", name="Say why the requirement does not apply")).to_be_visible()
    axe_check(page)
    page.get_by_label("Why it does not apply").fill("HHS awards no contracts performed abroad.")
    page.get_by_role("button", name="Save your agency's status").click()
    expect(page.get_by_role("status")).to_contain_text("is saved as not applicable")

    page.context.clear_cookies()
    sign_in(page, live_server, office)
    page.goto(f"{base}/committees/far-implementation/")
    page.get_by_role("link", name="FAR subpart 22.17: agency-side requirements").click()
    expect(
        page.get_by_text("1 implemented, 0 in progress, 10 not started and 1 not applicable")
    ).to_be_visible()
    expect(page.get_by_role("cell", name="1 of 2")).to_be_visible()
    expect(page.get_by_role("cell", name="0 of 1")).to_be_visible()
    axe_check(page)
    page.get_by_label("Rows with").select_option(label="Not applicable")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("cell", name="0 of 1")).to_be_visible()
    expect(page.get_by_role("cell", name="1 of 2")).to_have_count(0)
    axe_check(page)
    page.get_by_label("Rows with").select_option(label="Any status")
    page.get_by_role("button", name="Filter").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download XLSX").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    matrix = [list(row) for row in book["Matrix"].iter_rows(values_only=True)]
    assert matrix[0][2:] == ["DHS", "HHS", "Implemented", "Apply"]
    assert matrix[1][2:] == ["Implemented", "Not started", 1, 2]
    assert matrix[2][2:] == ["Not started", "N/A", 0, 1]
    totals = {row[1]: row[2:4] for row in matrix if row[1] and row[1].startswith("Total")}
    assert totals["Total implemented"] == [1, 0]
    assert totals["Total n/a"] == [0, 1]
    notes = [list(row) for row in book["Notes"].iter_rows(values_only=True)]
    assert [row[2:4] for row in notes[1:]] == [["DHS", "Implemented"], ["HHS", "Not applicable"]]
