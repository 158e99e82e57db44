"""The circulation journey in Chromium: HHS circulates a grant solicitation to the SPOG; DHS and
DOJ comment and submit, DOL answers "no comment", the other agencies do not answer; HHS sees the
answers by agency, resolves both comments and downloads the comment matrix as Word, which
python-docx opens: the marking, the table and the resolutions."""

from __future__ import annotations

import datetime
import re

from docx import Document
from playwright.sync_api import Browser, Page, expect

from grants.models import Solicitation
from pitf.circulation.models import Circulation, Delegate
from pitf.models import Agency, Body
from tests.e2e.conftest import CSP_RECORDER, VIEWPORT, axe_check, sign_in
from tests.factories import DesignationFactory, UserFactory
from tests.test_grants import draft_values


def as_person(browser: Browser, live_server, person):
    context = browser.new_context(viewport=VIEWPORT, locale="en-US")
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()
    sign_in(page, live_server, person)
    return context, page


def comment_and_submit(page: Page, url: str, section: str, text: str) -> None:
    page.goto(url)
    page.get_by_label("Section or page").fill(section)
    page.get_by_label("Kind of comment").select_option(label="Substantive")
    page.locator("#id_text").fill(text)
    page.get_by_role("button", name="Add the comment").click()
    expect(page.get_by_role("status")).to_contain_text("in your agency's draft answer")
    page.locator("label", has_text="Submit our comments").click()
    page.get_by_role("button", name="Submit the answer").click()
    expect(page.get_by_role("status")).to_contain_text("answer is submitted")


def test_circulate_comment_no_comment_silence_resolve_and_download(
    live_server, people, page: Page, browser: Browser
):
    base = live_server.url
    spog = Body.objects.get(short_name="spog")
    doj = Agency.objects.get(acronym="DOJ")
    dol = Agency.objects.get(acronym="DOL")
    Delegate.objects.create(agency=doj, person=people["chair"], named_by=people["site_admin"])
    dol_representative = UserFactory(agency=dol, full_name="Lee Labor")
    DesignationFactory(
        person=dol_representative, agency=dol, body=spog, start_date=datetime.date(2020, 1, 1)
    )
    solicitation = Solicitation.objects.create(
        agency=Agency.objects.get(acronym="HHS"), created_by=people["staff"], **draft_values()
    )

    # HHS circulates it.
    sign_in(page, live_server, people["staff"])
    page.goto(f"{base}/grants/solicitations/{solicitation.pk}/")
    page.get_by_role("link", name="Circulate for comment").click()
    page.get_by_label("Message to the agencies").fill("Please comment on eligibility.")
    page.get_by_role("button", name="Circulate for comment").click()
    expect(page.get_by_role("status")).to_contain_text("It is circulated")
    circulation = Circulation.objects.get()
    detail = f"{base}/circulation/{circulation.pk}/"

    # DHS and DOJ comment; DOL answers no comment; the others stay silent.
    for person, section, text in [
        (people["representative"], "Section C.2", "Eligibility should include tribes."),
        (people["chair"], "Section D.1", "Performance measures should count survivors."),
    ]:
        context, other = as_person(browser, live_server, person)
        try:
            comment_and_submit(other, detail, section, text)
            axe_check(other)
        finally:
            context.close()
    context, other = as_person(browser, live_server, dol_representative)
    try:
        other.goto(detail)
        other.locator("label", has_text="No comment").click()
        other.get_by_role("button", name="Submit the answer").click()
        expect(other.get_by_role("status")).to_contain_text("DOL's answer is submitted")
    finally:
        context.close()

    # HHS sees the answers by agency and resolves both comments.
    page.goto(detail)
    answers = page.get_by_role("table", name=re.compile("Every agency it was circulated to"))
    expect(answers.get_by_role("row", name=re.compile("Department of Labor"))).to_contain_text(
        "No comment"
    )
    expect(answers.get_by_role("row", name=re.compile("Department of Education"))).to_contain_text(
        "No answer"
    )
    axe_check(page)
    for number, resolution, reason in [
        (1, "Adopted in part", ""),
        (2, "Not adopted", "The measures are set by statute."),
    ]:
        page.get_by_role("link", name=f"Resolve comment {number}").click()
        page.locator("label", has_text=resolution).click()
        if reason:
            page.get_by_label("Reason").fill(reason)
        page.get_by_role("button", name="Save the resolution").click()
        expect(page.get_by_role("status")).to_contain_text("The resolution is saved")
    with page.expect_download() as download:
        page.get_by_role("link", name="Word (.docx)").click()
    document = Document(download.value.path())
    assert document.sections[0].header.paragraphs[0].text == "PRE-DECISIONAL / DELIBERATIVE"
    assert document.sections[0].footer.paragraphs[0].text == "PRE-DECISIONAL / DELIBERATIVE"
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    # By agency name: Homeland Security before Justice.
    assert [(row[1], row[2], row[5]) for row in rows[1:]] == [
        ("DHS", "Section C.2", "Adopted in part"),
        ("DOJ", "Section D.1", "Not adopted: The measures are set by statute."),
    ]
