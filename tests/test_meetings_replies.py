"""Answers from calendar programs come back to the hub: each invitation names its own reply
address as ORGANIZER; an Outlook-style iTIP REPLY to it becomes the person's answer once, and a
reply with the wrong secret, UID or SEQUENCE, a stale one, or one for a cancelled meeting
changes nothing."""

from __future__ import annotations

import datetime
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import icalendar
import pytest

from pitf.meetings import replies, services
from pitf.meetings.models import CalendarReply, Meeting
from pitf.models import AuditEvent, Body, Notification

pytestmark = pytest.mark.django_db
EASTERN = ZoneInfo("America/New_York")


@pytest.fixture
def meeting(people):
    day = datetime.date(datetime.date.today().year + 1, 4, 6)
    return services.meeting_schedule(
        actor=people["site_admin"],
        body=Body.objects.get(short_name="spog"),
        title="SPOG quarterly meeting",
        kind="regular",
        starts_at=datetime.datetime.combine(day, datetime.time(10), EASTERN),
        ends_at=datetime.datetime.combine(day, datetime.time(12), EASTERN),
        time_zone="America/New_York",
        place="Harry S Truman Building",
    )


def outlook_reply(meeting: Meeting, *, to: str, attendee: str, partstat: str, **changes) -> bytes:
    """An iTIP REPLY as Outlook sends it: a multipart message whose calendar part carries
    METHOD:REPLY, the event's UID and SEQUENCE and the attendee's PARTSTAT."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "REPLY")
    event = icalendar.Event()
    event.add("uid", changes.get("uid", meeting.uid))
    event.add("sequence", changes.get("sequence", meeting.sequence))
    event.add("dtstamp", datetime.datetime.now(datetime.UTC))
    event.add("dtstart", meeting.local_start)
    organizer = icalendar.vCalAddress(f"mailto:{to}")
    event.add("organizer", organizer)
    person = icalendar.vCalAddress(f"mailto:{attendee}")
    person.params["partstat"] = icalendar.vText(partstat)
    event.add("attendee", person)
    calendar.add_component(event)
    message = EmailMessage()
    message["From"] = attendee
    message["To"] = to
    message["Subject"] = f"Accepted: {meeting.title}"
    message["Message-ID"] = changes.get("message_id", f"<{partstat}.{meeting.sequence}@outlook>")
    message.set_content(f"{attendee} has answered.")
    message.add_alternative(
        calendar.to_ical(), maintype="text", subtype="calendar", params={"method": "REPLY"}
    )
    return message.as_bytes()


def invitation_organizer(person) -> str:
    notice = Notification.objects.filter(kind="meeting.invitation", recipient=person.email).get()
    event = icalendar.Calendar.from_ical(bytes(notice.attachments.get().content)).walk("VEVENT")[0]
    return str(event["ORGANIZER"]).removeprefix("mailto:")


def test_each_invitation_names_its_own_reply_address_as_organizer(meeting, people):
    address = invitation_organizer(people["representative"])
    invitee = meeting.invitees.get(person=people["representative"])
    assert address == replies.reply_address(invitee)
    assert address.startswith("meetings+") and len(address.split("@")[0]) <= 64
    assert replies.invitee_of(address) == invitee
    assert (
        replies.invitee_of(
            address.split("@")[0][:-1]
            + ("0" if address.split("@")[0][-1] != "0" else "1")
            + "@"
            + address.split("@")[1]
        )
        is None
    )


def test_an_accept_from_outlook_becomes_the_answer_once(meeting, people):
    person = people["representative"]
    address = invitation_organizer(person)
    reply = outlook_reply(meeting, to=address, attendee=person.email, partstat="ACCEPTED")
    assert replies.reply_record(reply).status == "recorded"
    invitee = meeting.invitees.get(person=person)
    assert invitee.response == "in_person"
    assert AuditEvent.objects.filter(action="meeting.answered", actor=person).count() == 1
    assert replies.reply_record(reply).status == "duplicate"
    assert AuditEvent.objects.filter(action="meeting.answered", actor=person).count() == 1
    decline = outlook_reply(
        meeting, to=address, attendee=person.email, partstat="DECLINED", message_id="<d@x>"
    )
    assert replies.reply_record(decline).status == "recorded"
    invitee.refresh_from_db()
    assert invitee.response == "not_attending"


def test_replies_that_do_not_match_change_nothing(meeting, people):
    person = people["representative"]
    address = invitation_organizer(person)
    invitee = meeting.invitees.get(person=person)
    forged = address.split("+")[0] + "+" + f"{invitee.pk}-{'0' * 20}@" + address.split("@")[1]
    assert not replies.reply_record(
        outlook_reply(meeting, to=forged, attendee=person.email, partstat="ACCEPTED")
    ).ours
    other_uid = outlook_reply(
        meeting,
        to=address,
        attendee=person.email,
        partstat="ACCEPTED",
        uid="x@elsewhere",
        message_id="<uid@x>",
    )
    assert replies.reply_record(other_uid).reason == "the reply is about another meeting"
    # Rescheduled since: a reply to the old version is stale.
    meeting = services.meeting_reschedule(
        actor=people["site_admin"],
        meeting=meeting,
        expected_version=meeting.version,
        reason="Another room.",
        place="Room 1205",
    )
    stale = outlook_reply(
        meeting,
        to=address,
        attendee=person.email,
        partstat="ACCEPTED",
        sequence=0,
        message_id="<stale@x>",
    )
    assert "earlier version" in replies.reply_record(stale).reason
    services.meeting_cancel(
        actor=people["site_admin"],
        meeting=meeting,
        expected_version=meeting.version,
        reason="No quorum.",
    )
    meeting.refresh_from_db()
    late = outlook_reply(
        meeting, to=address, attendee=person.email, partstat="ACCEPTED", message_id="<late@x>"
    )
    assert replies.reply_record(late).reason == "the meeting is cancelled"
    invitee.refresh_from_db()
    assert invitee.response == ""
    assert CalendarReply.objects.filter(outcome="recorded").count() == 0
    assert CalendarReply.objects.filter(outcome="ignored").count() == 3


def test_mail_that_is_not_a_calendar_reply_is_not_ours(meeting, people):
    message = EmailMessage()
    message["To"] = invitation_organizer(people["representative"])
    message["Subject"] = "Question about the agenda"
    message.set_content("Will there be a dial-in?")
    assert not replies.reply_record(message.as_bytes()).ours
    assert not CalendarReply.objects.exists()


@pytest.fixture
def imap_server():
    from tests.processes import ImapServer

    server = ImapServer().start()
    yield server
    server.stop()


def deliver(server, raw: bytes) -> None:
    import imaplib

    mailbox = imaplib.IMAP4("127.0.0.1", server.port)
    mailbox.login("meetings", server.password)
    mailbox.append("INBOX", None, None, raw)
    mailbox.logout()


def left_in_mailbox(server) -> int:
    import imaplib

    mailbox = imaplib.IMAP4("127.0.0.1", server.port)
    mailbox.login("meetings", server.password)
    mailbox.select("INBOX")
    _, found = mailbox.search(None, "ALL")
    mailbox.logout()
    return len(found[0].split())


def test_a_reply_delivered_to_the_mailbox_changes_the_answer_on_the_meeting_page(
    client, meeting, people, imap_server, settings
):
    """Dovecot on loopback holds the hub's reply mailbox: an Outlook-style Decline and a
    person's question arrive; one read records the decline (the meeting page shows it) and
    deletes it, leaves the question, and a second read changes nothing."""
    settings.MEETING_REPLIES_IMAP_URL = imap_server.url()
    person = people["representative"]
    address = invitation_organizer(person)
    deliver(
        imap_server, outlook_reply(meeting, to=address, attendee=person.email, partstat="DECLINED")
    )
    question = EmailMessage()
    question["To"] = address
    question["Subject"] = "Will there be a dial-in?"
    question.set_content("Thanks.")
    deliver(imap_server, question.as_bytes())
    from pitf.meetings.tasks import read_calendar_replies

    assert read_calendar_replies() == {"recorded": 1, "ignored": 0, "duplicate": 0, "left": 1}
    client.force_login(people["chairs_office"])
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    row = page.split("Riley Representative")[1].split("</tr>")[0]
    assert "Not attending" in row
    assert left_in_mailbox(imap_server) == 1  # the question, for a person to read
    assert read_calendar_replies() == {"recorded": 0, "ignored": 0, "duplicate": 0, "left": 1}
