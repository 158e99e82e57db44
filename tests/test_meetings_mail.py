"""The calendar invitations as they arrive, through a real worker process and Redis to the SMTP
sink: each message carries a `text/calendar; method=...` part that two independent parsers
(icalendar and vobject) read alike: METHOD, UID, SEQUENCE, ORGANIZER, ATTENDEE, and a start in
America/New_York that stays 10:00 across the November daylight-saving change. A reschedule
arrives as SEQUENCE 1 of the same UID; a cancellation as METHOD:CANCEL."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from django.utils import timezone

from pitf.meetings import services
from pitf.models import Body

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]
EASTERN = ZoneInfo("America/New_York")


def calendar_part(message):
    [part] = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    return part


def both_parsers(message) -> tuple:
    """(icalendar's calendar and its event, vobject's calendar, the part's method parameter)."""
    part = calendar_part(message)
    text = part.get_content()
    calendar = icalendar.Calendar.from_ical(text)
    [event] = calendar.walk("VEVENT")
    return calendar, event, vobject.readOne(text), part.get_param("method")


def messages_to(sink, address: str, count: int) -> list:
    sink.wait_for(count, timeout=60)
    return [m for m in list(sink.messages) if m["To"] == address]


def test_invitation_update_and_cancellation_as_they_arrive(
    people, celery_worker_process, smtp_sink
):
    spog = Body.objects.get(short_name="spog")
    representative = people["representative"]
    organizer = people["chairs_office"]
    # 18 November next year: after the first Sunday of November, so Eastern Standard Time.
    day = datetime.date(timezone.localdate().year + 1, 11, 18)
    start = datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=EASTERN)
    meeting = services.meeting_schedule(
        actor=organizer,
        body=spog,
        title="SPOG quarterly meeting",
        kind="regular",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        time_zone="America/New_York",
        place="Harry S Truman Building, Room 1107",
        video_link="https://meet.example.gov/spog",
    )
    [invitation] = messages_to(smtp_sink, representative.email, 2)
    calendar, event, other, method = both_parsers(invitation)
    assert method == "REQUEST"
    # icalendar
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["UID"]) == meeting.uid and event["SEQUENCE"] == 0
    from pitf.meetings.replies import reply_address

    answer_to = reply_address(meeting.invitees.get(person=representative))
    assert str(event["ORGANIZER"]) == f"mailto:{answer_to}"
    assert {str(a) for a in event.get("ATTENDEE")} == {
        f"mailto:{representative.email}",
        f"mailto:{organizer.email}",
    }
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    begins = event.decoded("DTSTART")
    assert (begins.hour, begins.minute, begins.utcoffset()) == (
        10,
        0,
        datetime.timedelta(hours=-5),
    )
    assert "DTSTAMP" in event
    # vobject, independently
    assert other.method.value == "REQUEST"
    assert other.vevent.uid.value == meeting.uid
    assert int(other.vevent.sequence.value) == 0
    assert other.vevent.organizer.value == f"mailto:{answer_to}"
    assert {a.value for a in other.vevent.attendee_list} == {
        f"mailto:{representative.email}",
        f"mailto:{organizer.email}",
    }
    # vobject reads the zone from the file's own VTIMEZONE (its standard and daylight rules).
    begins = other.vevent.dtstart.value
    assert other.vevent.dtstart.params["X-VOBJ-ORIGINAL-TZID"] == ["America/New_York"]
    assert vobject.icalendar.TimezoneComponent.pickTzid(begins.tzinfo) == "America/New_York"
    assert (begins.hour, begins.minute) == (10, 0)
    assert begins.astimezone(datetime.UTC).hour == 15
    assert "meet.example.gov/spog" in other.vevent.location.value
    assert [tz.tzid.value for tz in other.vtimezone_list] == ["America/New_York"]

    # Rescheduled to the same hour a week later: the same UID, SEQUENCE 1.
    later = start + datetime.timedelta(days=7)
    meeting = services.meeting_reschedule(
        actor=organizer,
        meeting=meeting,
        expected_version=meeting.version,
        reason="Moved a week for the Secretary's travel.",
        starts_at=later,
        ends_at=later + datetime.timedelta(hours=2),
    )
    _, update = messages_to(smtp_sink, representative.email, 4)
    calendar, event, other, method = both_parsers(update)
    assert method == "REQUEST"
    assert str(event["UID"]) == meeting.uid and event["SEQUENCE"] == 1
    assert other.vevent.uid.value == meeting.uid and int(other.vevent.sequence.value) == 1
    assert other.vevent.dtstart.value.date() == later.date()
    assert other.vevent.dtstart.value.hour == 10

    services.meeting_cancel(
        actor=organizer,
        meeting=meeting,
        expected_version=meeting.version,
        reason="The principals cannot attend.",
    )
    _, _, cancellation = messages_to(smtp_sink, representative.email, 6)
    calendar, event, other, method = both_parsers(cancellation)
    assert method == "CANCEL"
    assert calendar["METHOD"] == "CANCEL" and other.method.value == "CANCEL"
    assert str(event["UID"]) == meeting.uid and event["SEQUENCE"] == 2
    assert other.vevent.status.value == "CANCELLED"
    assert int(other.vevent.sequence.value) == 2
    # Every message is distinct: three Message-IDs for three notices.
    ids = {m["Message-ID"] for m in messages_to(smtp_sink, representative.email, 6)}
    assert len(ids) == 3


def test_a_published_agenda_reaches_each_invitee_once(people, celery_worker_process, smtp_sink):
    """Through the worker and the SMTP sink: one agenda message per person on the list, the
    items in its text; publishing again after a change sends one more each, saying what
    changed."""
    from tests.conftest import meeting_on, text_of

    meeting = meeting_on(
        people["chairs_office"],
        Body.objects.get(short_name="spog"),
        datetime.date(timezone.localdate().year + 1, 3, 9),
    )
    invitations = meeting.invitees.count()
    smtp_sink.wait_for(invitations, timeout=60)
    office = people["chairs_office"]
    welcome = services.agenda_item_add(actor=office, meeting=meeting, title="Welcome", minutes=10)
    services.agenda_item_add(
        actor=office, meeting=meeting, title="FY2028 priorities", kind="decision", minutes=20
    )
    sent = services.agenda_publish(actor=office, meeting=meeting)
    assert sent == invitations
    arrived = smtp_sink.wait_for(invitations + sent, timeout=60)
    agendas = [m for m in arrived if m["Subject"].startswith("Agenda:")]
    assert sorted(m["To"] for m in agendas) == sorted(
        meeting.invitees.values_list("person__email", flat=True)
    )
    text = text_of(next(m for m in agendas if m["To"] == people["representative"].email))
    assert "1. Welcome (for information, 10 minutes)" in text
    assert "2. FY2028 priorities (for decision, 20 minutes)" in text

    services.agenda_item_move(actor=office, item=welcome, up=False)
    services.agenda_publish(actor=office, meeting=meeting)
    arrived = smtp_sink.wait_for(invitations + 2 * sent, timeout=60)
    changed = [m for m in arrived if m["Subject"].startswith("Agenda changed:")]
    assert len(changed) == sent
    assert "The order changed." in text_of(changed[0])
    assert len(arrived) == invitations + 2 * sent  # nobody was sent anything twice
