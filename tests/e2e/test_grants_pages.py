"""The grants pages in Chromium: HHS staff draft a solicitation through the form (after fixing a
ceiling below the floor), see its marking, attach its draft NOFO (after a file that only carried
a PDF's name), and circulate it; they draft a proposed award (after fixing a mistyped Unique
Entity ID) and find it with the list's filters; every page and state passes axe."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from grants.models import Solicitation
from pitf.circulation.models import Circulation
from tests.e2e.conftest import axe_check, sign_in


def test_draft_and_circulate_a_solicitation(live_server, people, page: Page):
    base = live_server.url
    sign_in(page, live_server, people["staff"])
    page.goto(f"{base}/grants/solicitations/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Grant solicitations")
    axe_check(page)
    page.get_by_role("link", name="Draft a solicitation").click()
    axe_check(page)
    page.get_by_label("Opportunity number").fill("O-OVC-2027-000123")
    page.get_by_label("Title").fill("Services for Victims of Human Trafficking")
    page.get_by_label("Assistance listing number").fill("16.320")
    page.get_by_label("Funding instrument").select_option(label="Cooperative agreement")
    page.get_by_label("Category of funding activity").select_option(
        label="Law, Justice and Legal Services"
    )
    page.get_by_label("Estimated total funding").fill("12000000")
    page.get_by_label("Award ceiling").fill("100000")
    page.get_by_label("Award floor").fill("250000")
    page.get_by_label("Expected number of awards").fill("20")
    page.locator("label", has_text="Native American tribal governments (Federally").click()
    page.get_by_label("Planned post date").fill("2027-02-01")
    page.get_by_label("Planned close date").fill("2027-04-01")
    page.get_by_label("Fiscal year").fill("2027")
    page.get_by_label("Summary").fill("Comprehensive services for victims.")
    page.locator("label", has_text="Survivors").click()
    page.get_by_label("Trafficking type").select_option(label="Both")
    page.get_by_label("Geography").fill("United States")
    page.get_by_role("button", name="Save the draft").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("cannot be below the award floor")
    axe_check(page)
    page.get_by_label("Award ceiling").fill("800000")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Services for Victims of Human Trafficking"
    )
    expect(page.get_by_role("note", name="Handling marking").first).to_have_text(
        "PRE-DECISIONAL / DELIBERATIVE"
    )
    axe_check(page)
    page.get_by_role("link", name="Attach the draft NOFO").click()
    axe_check(page)
    upload = {"name": "nofo.pdf", "mimeType": "application/pdf", "buffer": b"<html></html>"}
    page.get_by_label("Draft NOFO").set_input_files(upload)
    page.get_by_role("button", name="Attach it").click()
    expect(page.locator("[data-error-summary]")).to_contain_text("is not a PDF document")
    axe_check(page)
    upload["buffer"] = b"%PDF-1.7\n%%EOF\n"
    page.get_by_label("Draft NOFO").set_input_files(upload)
    page.get_by_role("button", name="Attach it").click()
    expect(page.get_by_role("status")).to_contain_text("The draft NOFO is attached")
    expect(page.get_by_role("link", name="nofo.pdf")).to_have_attribute(
        "href", re.compile(r"/nofo$")
    )
    # A link alone on its line is a target of at least 24 px (WCAG 2.2, 2.5.8).
    replace = page.get_by_role("link", name="Replace the draft NOFO")
    assert replace.bounding_box()["height"] >= 24
    page.get_by_role("link", name="Circulate for comment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Circulate"))
    axe_check(page)
    # The agencies offered are the others: HHS does not comment on its own solicitation.
    expect(page.get_by_label(re.compile(r"Department of Justice"))).to_have_count(1)
    expect(page.get_by_label(re.compile(r"Health and Human Services"))).to_have_count(0)
    page.get_by_role("button", name="Circulate for comment").click()
    expect(page.get_by_role("status")).to_contain_text("It is circulated")
    axe_check(page)
    solicitation = Solicitation.objects.get()
    assert Circulation.objects.get().document == solicitation
    # The list, filtered from its form.
    page.goto(f"{base}/grants/solicitations/")
    page.get_by_label("Fiscal year").fill("2027")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("heading", name="1 solicitation found")).to_be_visible()
    axe_check(page)
    page.goto(f"{base}/grants/solicitations/{solicitation.pk}/withdraw/")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Withdraw"))
    page.get_by_role("button", name="Withdraw the solicitation").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    axe_check(page)
    page.get_by_label("Why it is withdrawn").fill("Funding moved to next year.")
    page.get_by_role("button", name="Withdraw the solicitation").click()
    expect(page.get_by_role("status")).to_contain_text("The solicitation is withdrawn")
    axe_check(page)
    assert page.evaluate("window.__cspViolations") == []


def test_draft_a_proposed_award_and_find_it(live_server, people, page: Page):
    base = live_server.url
    sign_in(page, live_server, people["staff"])
    page.goto(f"{base}/grants/awards/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Proposed awards")
    expect(page.get_by_text("No proposed awards yet.")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Draft a proposed award").click()
    axe_check(page)
    page.get_by_label("Type of award").select_option(label="Technical assistance")
    page.get_by_label(re.compile("^Title")).fill("Training for shelter staff")
    page.get_by_label(re.compile("^Recipient(?!'s)")).fill("Survivor Advocacy Institute")
    page.get_by_label("Recipient's Unique Entity ID (UEI)").fill("t53mcmltwk58")
    page.get_by_label("Recipient's city").fill("Sacramento")
    page.get_by_label("Recipient's state or territory").select_option(label="California")
    page.get_by_label("Amount").fill("150000")
    page.get_by_label("Period of performance starts").fill("2027-10-01")
    page.get_by_label("Period of performance ends").fill("2028-09-30")
    page.get_by_label(re.compile("^Program")).fill("Training and Technical Assistance")
    page.get_by_label("Assistance listing number").fill("93.598")
    page.get_by_label("Fiscal year").fill("2027")
    page.get_by_label("Purpose").fill("Trauma-informed training for shelter staff.")
    page.locator("label", has_text="Survivors").click()
    page.get_by_label("Trafficking type").select_option(label="Labor trafficking")
    page.get_by_label("Geography").fill("CA")
    page.get_by_role("button", name="Save the draft").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("its last character does not check")
    axe_check(page)
    page.get_by_label("Recipient's Unique Entity ID (UEI)").fill("t53mcmltwk59")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Training for shelter staff")
    expect(page.get_by_text("T53MCMLTWK59")).to_be_visible()
    expect(page.get_by_text("Sacramento, California")).to_be_visible()
    axe_check(page)
    page.goto(f"{base}/grants/awards/")
    page.get_by_label("Trafficking type").select_option(label="Labor trafficking")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("heading", name="1 proposed award found")).to_be_visible()
    expect(page.get_by_role("cell", name="$150,000.00")).to_be_visible()
    axe_check(page)
    page.get_by_label("Trafficking type").select_option(label="Sex trafficking")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("No proposed award matches these filters.")).to_be_visible()
    axe_check(page)
    assert page.evaluate("window.__cspViolations") == []


def test_the_comment_request_shows_the_award_beside_the_form(live_server, people, page: Page):
    """Two columns on a desktop (the document left, the answer right), stacked on a phone; the
    page passes axe at both widths."""
    import datetime

    from grants import services as grants
    from grants.models import Award
    from pitf import workdays
    from tests.test_grants_awards import award_values

    award = grants.document_create(actor=people["staff"], model=Award, **award_values())
    row = grants.document_circulate(
        actor=people["staff"],
        document=award,
        expected_version=award.version,
        deadline=workdays.add_business_days(workdays.today_in_washington(), 10),
    )
    assert row.deadline_at.date() > datetime.date.today()
    sign_in(page, live_server, people["representative"])
    page.goto(f"{live_server.url}/circulation/{row.pk}/")
    document = page.get_by_role("region", name="The document")
    answer = page.get_by_role("region", name="DHS's answer")
    expect(document).to_contain_text("YNDUZMUZF8H8")
    page.set_viewport_size({"width": 1280, "height": 900})
    left, right = document.bounding_box(), answer.bounding_box()
    assert right["x"] >= left["x"] + left["width"] - 1 and abs(right["y"] - left["y"]) < 5
    axe_check(page)
    page.set_viewport_size({"width": 375, "height": 800})
    left, right = document.bounding_box(), answer.bounding_box()
    assert right["y"] >= left["y"] + left["height"] - 1
    axe_check(page)
