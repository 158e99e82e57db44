"""The circulation pages in Chromium: DHS staff draft a comment (after fixing a mistake), the DHS
representative submits the answer, HHS (the owner) sees it by agency and resolves it; every page
and state passes axe-core within the content security policy."""

from __future__ import annotations

import re

from docx import Document
from playwright.sync_api import Browser, Page, expect

from pitf import workdays
from pitf.circulation import services
from pitf.circulation.models import Comment
from pitf.models import Agency, Body
from tests.e2e.conftest import CSP_RECORDER, VIEWPORT, axe_check, sign_in
from tests.factories import UserFactory


def open_and_check(page: Page, url: str, heading) -> None:
    response = page.goto(url)
    assert response.ok, f"{url} answered {response.status}"
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    axe_check(page)
    assert page.evaluate("window.__cspViolations") == [], url


def test_draft_submit_and_resolve_and_the_pages_pass_axe(
    live_server, people, page: Page, browser: Browser
):
    base = live_server.url
    dhs = Agency.objects.get(acronym="DHS")
    dhs_staff = UserFactory(agency=dhs, full_name="Dana DHS-Staff")
    circulation = services.circulation_start(
        actor=people["staff"],
        document=Body.objects.get(short_name="spog"),
        owner_agency=Agency.objects.get(acronym="HHS"),
        title="FY2027 NOFO: Services for Victims of Human Trafficking",
        deadline=workdays.add_business_days(workdays.today_in_washington(), 10),
        message="Please comment on eligibility.",
    )
    detail = f"{base}/circulation/{circulation.pk}/"

    # DHS staff draft a comment.
    sign_in(page, live_server, dhs_staff)
    open_and_check(page, f"{base}/circulation/", "Comment requests")
    page.get_by_role("link", name=circulation.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(circulation.title)
    axe_check(page)
    page.get_by_label("Section or page").fill("Section C.2, page 14")
    page.get_by_role("button", name="Add the comment").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    axe_check(page)
    page.get_by_label("Kind of comment").select_option(label="Substantive")
    page.locator("#id_text").fill("Eligibility should include tribal governments.")
    page.get_by_role("button", name="Add the comment").click()
    expect(page.get_by_role("status")).to_contain_text("in your agency's draft answer")
    expect(page.get_by_text("It is submitted by Riley Representative")).to_be_visible()
    axe_check(page)

    # The representative submits, in another browser.
    other = browser.new_context(viewport=VIEWPORT, locale="en-US")
    other.add_init_script(CSP_RECORDER)
    try:
        rep = other.new_page()
        sign_in(rep, live_server, people["representative"])
        rep.goto(detail)
        expect(rep.get_by_text("Eligibility should include tribal governments.")).to_be_visible()
        rep.locator("label", has_text="Submit our comments").click()
        rep.get_by_role("button", name="Submit the answer").click()
        expect(rep.get_by_role("status")).to_contain_text("DHS's answer is submitted")
        axe_check(rep)
        # The representative names a grant contact on the agency's page.
        rep.goto(f"{base}/circulation/agencies/{dhs.pk}/")
        axe_check(rep)
        rep.get_by_role("button", name="Add the grant contact").click()
        expect(rep.locator("[data-error-summary]")).to_be_visible()
        axe_check(rep)
        rep.get_by_label("Person").first.select_option(str(dhs_staff.pk))
        rep.get_by_role("button", name="Add the grant contact").click()
        expect(rep.get_by_role("status")).to_contain_text("The grant contact is added")
        axe_check(rep)
    finally:
        other.close()

    # The owner sees it by agency, resolves it.
    page.context.clear_cookies()
    sign_in(page, live_server, people["staff"])
    open_and_check(page, detail, circulation.title)
    expect(page.get_by_role("table", name=re.compile("Every submitted comment"))).to_contain_text(
        "tribal governments"
    )
    page.get_by_role("link", name="Resolve comment 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Resolve DHS's comment")
    page.locator("label", has_text="Not adopted").click()
    page.get_by_role("button", name="Save the resolution").click()
    expect(page.locator("[data-error-summary]")).to_contain_text("Say why")
    axe_check(page)
    page.get_by_label("Reason").fill("The statute sets the eligible applicants.")
    page.get_by_role("button", name="Save the resolution").click()
    expect(page.get_by_role("status")).to_contain_text("The resolution is saved")
    axe_check(page)
    assert Comment.objects.get().resolution == "not_adopted"
    # The marking above and below, and the comment matrix downloaded as Word.
    expect(page.get_by_role("note", name="Handling marking").first).to_have_text(
        "PRE-DECISIONAL / DELIBERATIVE"
    )
    with page.expect_download() as download:
        page.get_by_role("link", name="Word (.docx)").click()
    document = Document(download.value.path())
    assert document.sections[0].header.paragraphs[0].text == "PRE-DECISIONAL / DELIBERATIVE"
    table, answers = document.tables  # the comments, then every agency's answer
    row = [cell.text for cell in table.rows[1].cells]
    assert [cell.text for cell in answers.rows[0].cells] == ["Agency", "Answer", "Submitted"]
    assert row[1] == "DHS" and "tribal governments" in row[4]
    assert row[5] == "Not adopted: The statute sets the eligible applicants."
    open_and_check(page, f"{detail}extend/", re.compile("Extend the deadline"))
    open_and_check(page, f"{detail}withdraw/", re.compile("Withdraw"))
    open_and_check(page, f"{base}/my/", re.compile("Sam Staff"))
