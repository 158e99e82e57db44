"""A meeting's agenda: the chair's office adds items, orders them with buttons that work by
keyboard, and decides on the agencies' proposals (accept, decline with a reason, merge); agencies
propose until the body's cut-off; publishing sends each invitee the agenda once, and publishing
again sends what changed; a cancelled meeting's agenda no longer changes."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pitf.meetings import agenda, services
from pitf.meetings.models import AgendaItem, BodyMeetingSettings, Meeting
from pitf.models import Agency, Body, Notification
from pitf.workdays import EASTERN
from pitf.workflow import TransitionRefused
from tests.conftest import meeting_on, pdf_upload, written

pytestmark = pytest.mark.django_db
DAY = datetime.date(2027, 4, 6)  # the meeting: 10:00 to 11:00 Eastern
BEFORE = datetime.datetime(2027, 3, 25, 9, 0, tzinfo=EASTERN)


@pytest.fixture
def clock():
    with time_machine.travel(BEFORE, tick=False) as traveller:
        yield traveller


@pytest.fixture
def meeting(people, clock) -> Meeting:
    return meeting_on(people["chairs_office"], Body.objects.get(short_name="spog"), DAY)


def add(client, meeting, title: str, **fields):
    return client.post(
        reverse("meetings:agenda-item-add", args=[meeting.pk]),
        {"title": title, "kind": "information", "minutes": "", **fields},
    )


def propose(client, meeting, title: str, **fields):
    return client.post(
        reverse("meetings:agenda-item-propose", args=[meeting.pk]),
        {"title": title, "kind": "discussion", **fields},
    )


def titles(meeting) -> list[str]:
    return [item.title for item in agenda.agenda_of(meeting)]


def test_items_are_added_timed_and_ordered_by_the_chairs_office(client, people, meeting, media):
    client.force_login(people["chairs_office"])
    dhs = Agency.objects.get(acronym="DHS")
    assert add(client, meeting, "Welcome", minutes="10").status_code == 302
    add(
        client,
        meeting,
        "Victim services: the year's figures",
        kind="discussion",
        minutes="30",
        presenter_agency=dhs.pk,
        presenter=people["representative"].pk,
    )
    add(client, meeting, "FY2028 priorities", kind="decision", minutes="20")
    welcome = AgendaItem.objects.get(title="Welcome")
    response = client.post(
        reverse("meetings:document-add", args=[meeting.pk]),
        {
            "title": "Welcome letter",
            "marking": "none",
            "agenda_item": welcome.pk,
            "upload": pdf_upload("welcome.pdf"),
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("meetings:agenda", args=[meeting.pk])).content.decode()
    document = welcome.documents.get()
    assert reverse("meetings:document-download", args=[meeting.pk, document.pk, 1]) in page
    assert "10:00 AM, 10 minutes" in page
    assert "10:10 AM, 30 minutes" in page  # after the welcome's ten minutes
    assert "10:40 AM, 20 minutes" in page
    assert "Presented by Riley Representative (DHS)" in page
    assert "For decision" in page

    last = AgendaItem.objects.get(title="FY2028 priorities")
    move = reverse("meetings:agenda-item-move", args=[meeting.pk, last.pk])
    client.post(move, {"direction": "up"})
    client.post(move, {"direction": "up"})
    assert titles(meeting) == [
        "FY2028 priorities",
        "Welcome",
        "Victim services: the year's figures",
    ]
    client.post(move, {"direction": "up"})  # the first stays first
    assert titles(meeting)[0] == "FY2028 priorities"
    client.post(move, {"direction": "down"})
    assert titles(meeting) == [
        "Welcome",
        "FY2028 priorities",
        "Victim services: the year's figures",
    ]


def test_an_agency_proposes_before_the_cutoff_and_sees_the_decision(client, people, meeting, clock):
    client.force_login(people["representative"])
    response = propose(client, meeting, "Labor trafficking in supply chains", description="Why.")
    assert response.status_code == 302
    item = AgendaItem.objects.get(status="proposed")
    assert item.proposing_agency.acronym == "DHS"
    assert titles(meeting) == []  # not on the agenda until accepted

    client.force_login(people["chairs_office"])
    decide = reverse("meetings:agenda-item-decide", args=[meeting.pk, item.pk])
    response = client.post(decide, {"decision": "decline", "note": ""})
    assert "Say why it is declined" in response.content.decode()
    client.post(decide, {"decision": "decline", "note": "Taken up by the working group."})
    item.refresh_from_db()
    assert item.status == "declined"

    client.force_login(people["representative"])
    page = client.get(reverse("meetings:agenda", args=[meeting.pk])).content.decode()
    assert "Your agency's proposals" in page
    assert "Declined. Taken up by the working group." in page

    # Past the cut-off (five days before by default): refused, nothing saved.
    clock.move_to(datetime.datetime(2027, 4, 1, 10, 0, tzinfo=EASTERN))
    client.force_login(people["representative"])  # a new day's session
    response = propose(client, meeting, "Late item")
    assert "Proposals for this meeting closed on April 1, 2027, 10:00 AM EDT" in (
        response.content.decode()
    )
    assert not AgendaItem.objects.filter(title="Late item").exists()


def test_the_cutoff_follows_the_bodys_setting(client, people, meeting, clock):
    BodyMeetingSettings.objects.create(body=meeting.body, proposal_days=14)
    client.force_login(people["representative"])
    response = propose(client, meeting, "Too late for a two-week cut-off")
    assert "closed on March 23, 2027" in response.content.decode()


def test_accepted_and_merged_proposals(client, people, meeting):
    client.force_login(people["chairs_office"])
    add(client, meeting, "Grants update")
    on_agenda = AgendaItem.objects.get()
    client.force_login(people["representative"])
    propose(client, meeting, "DHS grants")
    propose(client, meeting, "Blue Campaign")
    dhs_grants, blue = AgendaItem.objects.filter(status="proposed").order_by("pk")
    client.force_login(people["chairs_office"])
    client.post(
        reverse("meetings:agenda-item-decide", args=[meeting.pk, dhs_grants.pk]),
        {"decision": "merge", "merged_into": on_agenda.pk},
    )
    client.post(
        reverse("meetings:agenda-item-decide", args=[meeting.pk, blue.pk]), {"decision": "accept"}
    )
    assert titles(meeting) == ["Grants update", "Blue Campaign"]  # accepted goes last
    page = client.get(reverse("meetings:agenda", args=[meeting.pk])).content.decode()
    assert "Merged into another item: “Grants update”" in page
    # A decided proposal is not decided again.
    decide = reverse("meetings:agenda-item-decide", args=[meeting.pk, dhs_grants.pk])
    assert client.get(decide).status_code == 404


def test_publishing_notifies_each_invitee_once_and_again_with_what_changed(client, people, meeting):
    on_list = meeting.invitees.filter(removed_at__isnull=True).count()
    client.force_login(people["chairs_office"])
    publish = reverse("meetings:agenda-publish", args=[meeting.pk])
    assert "The agenda has no items yet" in client.post(publish).content.decode()
    add(client, meeting, "Welcome", minutes="10")
    add(client, meeting, "FY2028 priorities", kind="decision", minutes="20")
    response = client.post(publish)
    assert response.status_code == 302
    sent = Notification.objects.filter(kind="meeting.agenda")
    assert sent.count() == on_list
    assert sent.values("recipient").distinct().count() == on_list
    notice = written(sent.get(recipient=people["representative"].email))
    assert notice.subject == "Agenda: SPOG quarterly meeting, April 6"
    assert "1. Welcome (for information, 10 minutes)" in notice.body
    assert "2. FY2028 priorities (for decision, 20 minutes)" in notice.body
    assert reverse("meetings:agenda", args=[meeting.pk]) in notice.body

    assert "Nothing changed since" in client.post(publish).content.decode()
    assert sent.count() == on_list  # nobody is sent it twice

    item = AgendaItem.objects.get(title="FY2028 priorities")
    client.post(
        reverse("meetings:agenda-item-edit", args=[meeting.pk, item.pk]),
        {"title": "FY2028 priorities", "kind": "decision", "minutes": "30", "version": 1},
    )
    page = client.get(reverse("meetings:agenda", args=[meeting.pk])).content.decode()
    assert "time allotted 20 minutes → 30 minutes" in page
    client.post(publish)
    again = written(
        Notification.objects.filter(
            kind="meeting.agenda", recipient=people["representative"].email
        ).latest("pk")
    )
    assert again.subject.startswith("Agenda changed: SPOG quarterly meeting")
    assert "“FY2028 priorities”: time allotted 20 minutes → 30 minutes" in again.body
    assert Notification.objects.filter(kind="meeting.agenda").count() == 2 * on_list


def test_an_edit_made_meanwhile_is_not_saved_over(client, people, meeting):
    item = services.agenda_item_add(actor=people["chairs_office"], meeting=meeting, title="A")
    services.agenda_item_edit(
        actor=people["chairs_office"], item=item, expected_version=1, title="B", kind="decision"
    )
    client.force_login(people["chairs_office"])
    response = client.post(
        reverse("meetings:agenda-item-edit", args=[meeting.pk, item.pk]),
        {"title": "C", "kind": "information", "version": 1},
    )
    assert "was changed by someone else" in response.content.decode()
    item.refresh_from_db()
    assert item.title == "B"


def test_only_the_chairs_office_arranges_and_not_once_cancelled(client, people, meeting):
    client.force_login(people["representative"])
    assert add(client, meeting, "Mine").status_code == 403
    item = services.agenda_item_add(actor=people["chairs_office"], meeting=meeting, title="A")
    move = reverse("meetings:agenda-item-move", args=[meeting.pk, item.pk])
    assert client.post(move, {"direction": "up"}).status_code == 403
    services.meeting_cancel(
        actor=people["chairs_office"],
        meeting=meeting,
        expected_version=meeting.version,
        reason="No",
    )
    client.force_login(people["chairs_office"])
    assert add(client, meeting, "B").status_code == 404
    with pytest.raises(TransitionRefused):
        services.agenda_item_add(actor=people["chairs_office"], meeting=meeting, title="B")
    with pytest.raises(TransitionRefused):
        services.agenda_item_propose(actor=people["representative"], meeting=meeting, title="C")
    assert titles(meeting) == ["A"]


def test_the_agenda_page_reads_in_constant_queries(client, people, meeting, media):
    client.force_login(people["chairs_office"])
    url = reverse("meetings:agenda", args=[meeting.pk])

    def queries_with(items: int) -> int:
        while AgendaItem.objects.filter(status="accepted").count() < items:
            item = services.agenda_item_add(
                actor=people["chairs_office"],
                meeting=meeting,
                title="Item",
                minutes=10,
                presenter=people["representative"],
                presenter_agency=people["representative"].agency,
            )
            services.document_add(
                actor=people["chairs_office"],
                meeting=meeting,
                title="Doc",
                upload=pdf_upload(),
                agenda_item=item,
            )
            services.agenda_item_propose(
                actor=people["representative"], meeting=meeting, title="Proposal"
            )
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert queries_with(1) == queries_with(6)


def test_the_agenda_downloads_as_pdf_and_word_with_the_marking_on_every_page(
    client, people, meeting
):
    import io as _io

    import docx
    from pypdf import PdfReader

    for number in range(1, 41):  # forty items: several pages
        services.agenda_item_add(
            actor=people["chairs_office"],
            meeting=meeting,
            title=f"Item {number}: the year's figures",
            minutes=5,
            description="A long description of what is to be discussed. " * 8,
        )
    client.force_login(people["representative"])
    response = client.get(reverse("meetings:agenda-pdf", args=[meeting.pk]))
    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(_io.BytesIO(response.content)).pages
    assert len(pages) > 1
    for page in pages:
        assert "PRE-DECISIONAL / DELIBERATIVE" in page.extract_text()
    assert "1. Item 1: the year's figures" in pages[0].extract_text()

    response = client.get(reverse("meetings:agenda-docx", args=[meeting.pk]))
    document = docx.Document(_io.BytesIO(response.content))
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "PRE-DECISIONAL / DELIBERATIVE"
    assert section.footer.paragraphs[0].text == "PRE-DECISIONAL / DELIBERATIVE"
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Agenda: SPOG quarterly meeting"
    assert headings[1] == "1. Item 1: the year's figures"
    assert len(headings) == 41
    assert "10:00 AM, For information, 5 minutes" in [p.text for p in document.paragraphs]
