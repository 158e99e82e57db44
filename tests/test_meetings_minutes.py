"""Minutes: the chair's office drafts them (from the agenda and the decisions, in Markdown with a
preview, sanitised), circulates the draft for concurrence to the agencies that attended, resolves
their comments, approves (refused while a comment is unresolved) and so locks them; an amendment
says why and makes a new draft version; every version is kept and compared; approved minutes
download as PDF and Word with the marking on every page."""

from __future__ import annotations

import datetime
import io

import docx
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pitf.circulation import services as circulation
from pitf.circulation.models import Recipient
from pitf.meetings import services
from pitf.meetings.models import Meeting, Minutes
from pitf.meetings.services import Present
from pitf.meetings.services.minutes import circulation_of
from pitf.models import Body, Notification
from pitf.workdays import EASTERN
from pitf.workflow import TransitionRefused
from tests.conftest import meeting_on

pytestmark = pytest.mark.django_db
DAY = datetime.date(2027, 4, 6)
BEFORE = datetime.datetime(2027, 4, 1, 9, 0, tzinfo=EASTERN)
AFTER = datetime.datetime(2027, 4, 6, 15, 0, tzinfo=EASTERN)
DEADLINE = datetime.date(2027, 4, 13)


@pytest.fixture
def clock():
    with time_machine.travel(BEFORE, tick=False) as traveller:
        yield traveller


@pytest.fixture
def meeting(people, clock) -> Meeting:
    """A SPOG meeting with one item on its agenda; DHS's principal and the chair's office (DOS)
    attended; one decision recorded against the item."""
    office = people["chairs_office"]
    scheduled = meeting_on(office, Body.objects.get(short_name="spog"), DAY)
    item = services.agenda_item_add(actor=office, meeting=scheduled, title="FY2028 priorities")
    clock.move_to(AFTER)
    services.attendance_record(
        actor=office,
        meeting=scheduled,
        present=[
            Present(person=people["representative"], mode="in_person"),
            Present(person=office, mode="in_person"),
        ],
        expected="none",
    )
    services.decision_record(
        actor=office, meeting=scheduled, text="The four priorities stand.", agenda_item=item
    )
    return scheduled


def test_the_first_draft_is_written_from_the_agenda_and_the_decisions(client, people, meeting):
    client.force_login(people["chairs_office"])
    response = client.post(reverse("meetings:minutes-start", args=[meeting.pk]))
    assert response.status_code == 302
    text = Minutes.objects.get().versions.get().text
    assert "## 1. FY2028 priorities" in text
    assert "- Decided: The four priorities stand." in text
    # Not yet for anyone else: the draft is the chair's office's own.
    client.force_login(people["representative"])
    page = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    assert "No minutes yet." in page and "FY2028 priorities" not in page


def test_preview_and_save_render_markdown_and_drop_what_could_run(client, people, meeting):
    services.minutes_start(actor=people["chairs_office"], meeting=meeting)
    client.force_login(people["chairs_office"])
    edit = reverse("meetings:minutes-edit", args=[meeting.pk])
    text = (
        "## Opening\n\nThe chair **opened** the meeting.\n\n<script>alert(1)</script>\n\n"
        "[a link](javascript:alert(2)) and [the plan](https://www.state.gov/plan)\n"
    )
    response = client.post(edit, {"text": text, "version": 1, "preview": "Preview"})
    page = response.content.decode()
    preview = page.split('aria-label="Preview of the minutes">')[1].split("</section>")[0]
    assert "<strong>opened</strong>" in preview
    assert "<script>" not in preview and 'href="javascript:' not in preview
    assert "&lt;script&gt;" in preview  # shown as text, never run
    assert 'href="https://www.state.gov/plan"' in preview
    assert Minutes.objects.get().versions.count() == 1  # a preview saves nothing
    response = client.post(edit, {"text": text, "version": 1})
    assert response.status_code == 302
    assert Minutes.objects.get().versions.count() == 2


def test_circulated_approved_locked_and_amended(client, people, meeting, clock):
    office = people["chairs_office"]
    minutes = services.minutes_start(actor=office, meeting=meeting)
    client.force_login(office)
    with pytest.raises(TransitionRefused):  # not before it is circulated
        services.minutes_approve(actor=office, minutes=minutes, expected_version=1)
    response = client.post(
        reverse("meetings:minutes-circulate", args=[meeting.pk]),
        {"deadline": DEADLINE.isoformat(), "version": 1},
    )
    assert response.status_code == 302
    found = circulation_of(minutes)
    # To the agencies that attended, not the chair's office's own (DOS owns it).
    assert [r.agency.acronym for r in found.recipients.all()] == ["DHS"]
    assert Notification.objects.filter(
        kind="circulation.request", recipient=people["representative"].email
    ).exists()

    # DHS reads the draft and comments; the chair's office cannot approve until it is resolved.
    client.force_login(people["representative"])
    page = client.get(reverse("circulation:detail", args=[found.pk])).content.decode()
    assert "FY2028 priorities" in page
    comment = circulation.comment_add(
        actor=people["representative"],
        circulation=found,
        section="1",
        kind="substantive",
        text="Say the priorities were reaffirmed.",
    )
    recipient = found.recipients.get()
    circulation.answer_submit(
        actor=people["representative"], recipient=recipient, expected_version=1, answer="comments"
    )
    client.force_login(office)
    approve = reverse("meetings:minutes-approve", args=[meeting.pk])
    response = client.post(approve, {"version": 2})
    assert "1 comment is not resolved yet" in response.content.decode()
    comment.refresh_from_db()
    circulation.comment_resolve(
        actor=office, comment=comment, expected_version=comment.version, resolution="adopted"
    )
    assert client.post(approve, {"version": 2}).status_code == 302
    minutes.refresh_from_db()
    assert minutes.status == "approved"

    # Locked: editing is refused, through the page and the service.
    edit = reverse("meetings:minutes-edit", args=[meeting.pk])
    assert client.post(edit, {"text": "Changed", "version": 3}).status_code == 404
    with pytest.raises(TransitionRefused):
        services.minutes_save(actor=office, minutes=minutes, expected_version=3, text="Changed")

    amend = reverse("meetings:minutes-amend", args=[meeting.pk])
    text = minutes.versions.first().text + "\nThe priorities were reaffirmed.\n"
    response = client.post(amend, {"reason": "", "text": text, "version": 3})
    assert "Say why the approved minutes are amended." in response.content.decode()
    response = client.post(amend, {"reason": "DHS's comment", "text": text, "version": 3})
    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.status == "draft" and minutes.versions.count() == 2
    diff = client.get(reverse("meetings:minutes-diff", args=[meeting.pk]) + "?from=1&to=2")
    page = diff.content.decode()
    assert "<strong>Added:</strong> The priorities were reaffirmed." in page
    assert "Why amended: DHS&#x27;s comment" in page


def test_approved_minutes_download_as_pdf_and_word_with_the_marking(client, people, meeting):
    from pypdf import PdfReader

    office = people["chairs_office"]
    minutes = services.minutes_start(actor=office, meeting=meeting)
    client.force_login(people["representative"])
    assert client.get(reverse("meetings:minutes-pdf", args=[meeting.pk])).status_code == 404
    services.minutes_circulate(actor=office, minutes=minutes, expected_version=1, deadline=DEADLINE)
    minutes.refresh_from_db()
    services.minutes_approve(actor=office, minutes=minutes, expected_version=minutes.version)
    response = client.get(reverse("meetings:minutes-pdf", args=[meeting.pk]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "PRE-DECISIONAL / DELIBERATIVE" in text and "1. FY2028 priorities" in text
    response = client.get(reverse("meetings:minutes-docx", args=[meeting.pk]))
    document = docx.Document(io.BytesIO(response.content))
    assert document.sections[0].header.paragraphs[0].text == "PRE-DECISIONAL / DELIBERATIVE"
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["Minutes: SPOG quarterly meeting", "1. FY2028 priorities"]
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["Decided: The four priorities stand."]


def test_without_other_agencies_attending_there_is_no_one_to_circulate_to(people, clock):
    office = people["chairs_office"]
    scheduled = meeting_on(office, Body.objects.get(short_name="spog"), DAY)
    clock.move_to(AFTER)
    minutes = services.minutes_start(actor=office, meeting=scheduled)
    with pytest.raises(Exception, match="record who attended first"):
        services.minutes_circulate(
            actor=office, minutes=minutes, expected_version=1, deadline=DEADLINE
        )
    minutes.refresh_from_db()
    assert minutes.status == "draft"
    assert not Recipient.objects.exists()


def test_the_minutes_page_reads_in_constant_queries(client, people, meeting):
    office = people["chairs_office"]
    minutes = services.minutes_start(actor=office, meeting=meeting)
    client.force_login(office)
    url = reverse("meetings:minutes", args=[meeting.pk])

    def queries_with(versions: int) -> int:
        while minutes.versions.count() < versions:
            minutes.refresh_from_db()
            services.minutes_save(
                actor=office, minutes=minutes, expected_version=minutes.version, text="Text"
            )
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert queries_with(2) == queries_with(8)
