"""A reporting cycle from start to end in Chromium: the SPOG chair's office opens a cycle, DHS's
staff write an entry, DHS's representative submits, the chair's office returns the report with
comments, it is changed and submitted again and accepted; the chair's office builds the portrait
as PDF (by the worker, its progress on the page) and downloads it. Every page and state passes
axe-core."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from pitf.models import Agency
from spog.models import ReportingCycle
from spog.reference import load_plans
from tests.e2e.conftest import axe_check, sign_in
from tests.factories import UserFactory


def switch_to(page: Page, live_server, person) -> None:
    """Sign out (the session's cookie cleared) and sign in as `person`."""
    page.context.clear_cookies()
    sign_in(page, live_server, person)


def test_cycle_entry_submission_return_acceptance_and_portrait(
    live_server, people, page: Page, media, celery_worker_process
):
    load_plans()
    office, representative = people["chairs_office"], people["representative"]
    writer = UserFactory(agency=Agency.objects.get(acronym="DHS"), full_name="Dana Drafter")
    base = live_server.url

    sign_in(page, live_server, office)
    page.goto(f"{base}/spog/reports/")
    expect(page.get_by_text("No reporting cycle yet.")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Open a reporting cycle").click()
    page.get_by_label("Fiscal year").fill("2027")
    page.get_by_label("Period").select_option("q1")
    page.get_by_label("Due date").fill("2027-01-29")
    page.get_by_label("Instructions to agencies").fill("Report October to December.")
    axe_check(page)
    page.get_by_role("button", name="Open the cycle").click()
    expect(page.get_by_role("status")).to_contain_text("The cycle for FY 2027, first quarter")
    expect(page.get_by_role("cell", name="Not started").first).to_be_visible()
    axe_check(page)
    report = ReportingCycle.objects.get().reports.get(agency__acronym="DHS")

    switch_to(page, live_server, writer)
    page.goto(f"{base}/spog/reports/")
    page.get_by_role("link", name="Draft").click()
    expect(page.get_by_text("No entry yet.")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Add an entry").click()
    page.get_by_label("Category").select_option("training")
    page.get_by_role("textbox", name="Title").fill("Victim identification for port officers")
    page.get_by_role("textbox", name="Description").fill("Two-day course at five ports of entry.")
    page.get_by_label("Began").fill("2026-10-14")
    page.get_by_label("People trained").fill("240")
    page.get_by_role("button", name="Add the entry").click()
    expect(
        page.get_by_text("Choose at least one objective the entry serves.", exact=True)
    ).to_be_visible()
    expect(page.get_by_text("Trainings need “Who was trained”.", exact=True)).to_be_visible()
    axe_check(page)
    page.get_by_text("1.2 Train first responders").click()
    page.get_by_label("Who was trained").fill("CBP officers")
    page.get_by_role("button", name="Add the entry").click()
    expect(page.get_by_role("status")).to_contain_text("is added")
    expect(page.get_by_text("Your agency's representatives to the SPOG submit")).to_be_visible()
    axe_check(page)

    switch_to(page, live_server, representative)
    page.goto(f"{base}/spog/reports/{report.pk}/")
    page.get_by_role("link", name="Submit the report").click()
    page.get_by_role("button", name="Submit the report").click()
    expect(page.get_by_role("status")).to_contain_text("submitted (version 1)")

    switch_to(page, live_server, office)
    page.goto(f"{base}/spog/reports/{report.pk}/")
    page.get_by_role("link", name="Review the report").click()
    page.get_by_text("Return it to the agency").click()
    page.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_text("Say what the agency should change.", exact=True)).to_be_visible()
    axe_check(page)
    page.get_by_label("Comments").fill("Name the five ports.")
    page.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_role("status")).to_contain_text("returned to the agency")

    switch_to(page, live_server, writer)
    page.goto(f"{base}/spog/reports/{report.pk}/")
    expect(page.get_by_role("region", name="Returned by the chair's office")).to_contain_text(
        "Name the five ports."
    )
    axe_check(page)
    page.get_by_role("link", name="Change “Victim identification for port officers”").click()
    page.get_by_role("textbox", name="Description").fill(
        "Miami, Houston, Newark, Seattle and San Diego."
    )
    page.get_by_role("button", name="Save the entry").click()
    expect(page.get_by_role("status")).to_contain_text("is saved")

    switch_to(page, live_server, representative)
    page.goto(f"{base}/spog/reports/{report.pk}/submit/")
    page.get_by_role("button", name="Submit the report").click()
    expect(page.get_by_role("status")).to_contain_text("submitted (version 2)")

    switch_to(page, live_server, office)
    page.goto(f"{base}/spog/reports/{report.pk}/review/")
    page.get_by_text("Accept the report").click()
    page.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_role("status")).to_contain_text("The report is accepted")
    page.get_by_role("link", name="Version 1").click()
    expect(page.get_by_text("Two-day course at five ports of entry.")).to_be_visible()
    axe_check(page)

    page.goto(f"{base}/spog/portrait/2027/")
    expect(page.get_by_text("Miami, Houston, Newark, Seattle and San Diego.")).to_be_visible()
    expect(page.get_by_role("img", name="Bar chart, entries by category.")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Build as PDF").click()
    expect(page.get_by_role("status").first).to_contain_text("is being built")
    link = page.get_by_role("link", name="Download the new file")
    expect(link).to_be_visible(timeout=60_000)
    axe_check(page)
    with page.expect_download() as pdf:
        link.click()
    text = "".join(p.extract_text() for p in PdfReader(pdf.value.path()).pages)
    assert "PRE-DECISIONAL / DELIBERATIVE" in text
    assert "Victim identification for port officers" in text
