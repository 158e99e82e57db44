"""A meeting's records from start to end in Chromium: the SPOG chair's office puts an item on the
agenda with its document and publishes it, records who attended after the meeting, drafts and
circulates the minutes; two agencies concur, one comments and its comment is resolved; the
minutes are approved and downloaded as PDF and Word (the Word file opened with python-docx).
Every page and state passes axe-core."""

from __future__ import annotations

import datetime

import docx
import time_machine
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from pitf.circulation import services as circulation
from pitf.meetings.models import Minutes
from pitf.meetings.services.minutes import circulation_of
from pitf.models import Agency, Body
from pitf.workdays import EASTERN
from tests.conftest import meeting_on
from tests.e2e.conftest import axe_check, sign_in
from tests.factories import DesignationFactory, UserFactory

DAY = datetime.date(2027, 4, 6)


def test_agenda_attendance_minutes_concurrence_and_approval(live_server, people, page: Page, media):
    spog = Body.objects.get(short_name="spog")
    principals = {"DHS": people["representative"]}
    for acronym in ("DOJ", "HHS"):
        person = UserFactory(
            agency=Agency.objects.get(acronym=acronym), full_name=f"{acronym} Principal"
        )
        DesignationFactory(person=person, agency=person.agency, body=spog)
        principals[acronym] = person
    office = people["chairs_office"]
    base = live_server.url
    with time_machine.travel(datetime.datetime(2027, 3, 25, 9, 0, tzinfo=EASTERN)) as clock:
        meeting = meeting_on(office, spog, DAY)
        sign_in(page, live_server, office)
        page.goto(f"{base}/meetings/{meeting.pk}/agenda/")
        page.get_by_role("link", name="Add an item").click()
        page.get_by_label("Title").fill("FY2028 priorities")
        page.get_by_label("Kind").select_option("decision")
        page.get_by_label("Time allotted (minutes)").fill("30")
        page.get_by_role("button", name="Add the item").click()
        expect(page.get_by_role("status")).to_contain_text("is on the agenda")

        page.get_by_role("link", name="Documents", exact=True).click()
        page.get_by_role("link", name="Add a document").click()
        page.get_by_label("Title").fill("Read-ahead: FY2028 priorities")
        page.get_by_label("For agenda item").select_option(label="FY2028 priorities")
        page.locator("input[type=file]").set_input_files(
            files=[
                {"name": "read-ahead.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n"}
            ]
        )
        page.get_by_role("button", name="Add the document").click()
        expect(page.get_by_role("status")).to_contain_text("is added")

        page.get_by_role("link", name="Agenda", exact=True).click()
        expect(
            page.get_by_role("link", name="Read-ahead: FY2028 priorities (download)")
        ).to_be_visible()
        page.get_by_role("link", name="Publish the agenda").click()
        page.get_by_role("button", name="Publish the agenda").click()
        expect(page.get_by_role("status")).to_contain_text("The agenda is on its way to")
        axe_check(page)

        clock.move_to(datetime.datetime(2027, 4, 6, 15, 0, tzinfo=EASTERN))
        sign_in(page, live_server, office)  # a new day's session
        page.goto(f"{base}/meetings/{meeting.pk}/attendance/")
        for acronym, person in principals.items():
            page.get_by_label(f"{person.full_name} ({acronym})").select_option("in_person")
        page.get_by_role("button", name="Record attendance").click()
        expect(page.get_by_role("status")).to_contain_text("The attendance was recorded.")

        page.get_by_role("link", name="Minutes", exact=True).click()
        page.get_by_role("button", name="Draft the minutes").click()
        page.get_by_label("Minutes").fill(
            "## 1. FY2028 priorities\n\nThe SPOG reaffirmed the four priorities.\n\n"
            "- Decided: the priorities stand.\n"
        )
        page.get_by_role("button", name="Save the draft").click()
        page.get_by_role("link", name="Circulate for concurrence").click()
        page.get_by_label("Concurrence due").fill("2027-04-13")
        page.get_by_role("button", name="Circulate for concurrence").click()
        expect(page.get_by_role("status")).to_contain_text("circulated to 3 agencies")

        # Two agencies concur, one comments.
        found = circulation_of(Minutes.objects.get(meeting=meeting))
        for acronym in ("DOJ", "HHS"):
            circulation.answer_submit(
                actor=principals[acronym],
                recipient=found.recipients.get(agency__acronym=acronym),
                expected_version=1,
                answer="no_comment",
            )
        comment = circulation.comment_add(
            actor=principals["DHS"],
            circulation=found,
            section="1",
            kind="editorial",
            text="Name the four priorities.",
        )
        circulation.answer_submit(
            actor=principals["DHS"],
            recipient=found.recipients.get(agency__acronym="DHS"),
            expected_version=1,
            answer="comments",
        )
        page.reload()
        expect(page.get_by_text("(1 comment to resolve)")).to_be_visible()
        page.get_by_role("link", name="Approve the minutes").click()
        page.get_by_role("button", name="Approve the minutes").click()
        expect(page.get_by_text("1 comment is not resolved yet")).to_be_visible()
        axe_check(page)
        comment.refresh_from_db()
        circulation.comment_resolve(
            actor=office, comment=comment, expected_version=comment.version, resolution="adopted"
        )
        page.get_by_role("button", name="Approve the minutes").click()
        expect(page.get_by_role("status")).to_contain_text("approved and locked")
        axe_check(page)

        with page.expect_download() as pdf:
            page.get_by_role("link", name="Download PDF").click()
        text = "".join(p.extract_text() for p in PdfReader(pdf.value.path()).pages)
        assert "PRE-DECISIONAL / DELIBERATIVE" in text and "1. FY2028 priorities" in text
        with page.expect_download() as word:
            page.get_by_role("link", name="Download Word").click()
        document = docx.Document(str(word.value.path()))
        assert document.sections[0].header.paragraphs[0].text == "PRE-DECISIONAL / DELIBERATIVE"
        headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        assert headings == ["Minutes: SPOG quarterly meeting", "1. FY2028 priorities"]

        page.get_by_role("link", name="Amend the minutes").click()
        expect(page.get_by_label("Why amended")).to_be_visible()
        axe_check(page)
