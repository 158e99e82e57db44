"""Calendar files of meetings (RFC 5545, with iTIP methods of RFC 5546), written with the
icalendar library: one UID per meeting, SEQUENCE raised by each change, the local time with its
TZID and the VTIMEZONE that defines it, so that a 10:00 Eastern meeting stays 10:00 Eastern
across a daylight-saving change in every calendar program."""

from __future__ import annotations

from collections.abc import Iterable

import icalendar
from django.utils import timezone

from pitf.meetings.models import Invitee, Meeting

PRODUCT_ID = "-//PITF coordination hub//Meetings//EN"


def organizer_address(meeting: Meeting) -> icalendar.vCalAddress:
    """The chair's office of the meeting's body, as the scheduling person's address."""
    organizer = icalendar.vCalAddress(f"mailto:{meeting.scheduled_by.email}")
    organizer.params["cn"] = icalendar.vText(f"{meeting.body.name}, chair's office")
    return organizer


def attendee_address(invitee: Invitee) -> icalendar.vCalAddress:
    attendee = icalendar.vCalAddress(f"mailto:{invitee.person.email}")
    attendee.params["cn"] = icalendar.vText(invitee.person.full_name or invitee.person.email)
    attendee.params["role"] = icalendar.vText("REQ-PARTICIPANT")
    attendee.params["rsvp"] = icalendar.vText("TRUE")
    status = {
        Invitee.Response.IN_PERSON: "ACCEPTED",
        Invitee.Response.REMOTELY: "ACCEPTED",
        Invitee.Response.NOT_ATTENDING: "DECLINED",
        Invitee.Response.SENDING_ALTERNATE: "DELEGATED",
    }.get(invitee.response, "NEEDS-ACTION")
    attendee.params["partstat"] = icalendar.vText(status)
    return attendee


def meeting_event(
    meeting: Meeting, *, attendees: Iterable[Invitee], cancelled: bool = False
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", meeting.uid)
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.local_start)
    event.add("dtend", meeting.local_end)
    event.add("summary", meeting.title)
    location = ", ".join(part for part in (meeting.place, meeting.video_link) if part)
    if location:
        event.add("location", location)
    if meeting.video_link:
        event.add("url", meeting.video_link)
    description = [f"{meeting.body.name}: {meeting.get_kind_display().lower()}."]
    if meeting.video_link:
        description.append(f"Video: {meeting.video_link}")
    if meeting.dial_in:
        description.append(f"Dial-in: {meeting.dial_in}")
    if meeting.notes:
        description.append(meeting.notes)
    if meeting.change_reason:
        description.append(f"Change: {meeting.change_reason}")
    event.add("description", "\n".join(description))
    event.add("organizer", organizer_address(meeting))
    for invitee in attendees:
        event.add("attendee", attendee_address(invitee))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def calendar_of(
    events: Iterable[icalendar.Event], *, method: str | None, name: str = ""
) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        # What a calendar program calls the subscribed calendar (and its RFC 7986 twin).
        calendar.add("x-wr-calname", name)
        calendar.add("name", name)
    if method:
        calendar.add("method", method)
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar


def invitation_ics(meeting: Meeting, *, attendees: Iterable[Invitee]) -> bytes:
    """An iTIP REQUEST: a new meeting or a change to one (same UID, higher SEQUENCE)."""
    event = meeting_event(meeting, attendees=attendees)
    return calendar_of([event], method="REQUEST").to_ical()


def cancellation_ics(meeting: Meeting, *, attendees: Iterable[Invitee]) -> bytes:
    """An iTIP CANCEL, for a cancelled meeting or a person taken off the list."""
    event = meeting_event(meeting, attendees=attendees, cancelled=True)
    return calendar_of([event], method="CANCEL").to_ical()


def download_ics(meetings: Iterable[Meeting], *, name: str = "") -> bytes:
    """A plain calendar file (no METHOD) of one or more meetings, to download or subscribe to
    (`name`: the calendar's name in the program that subscribes)."""
    events = [meeting_event(m, attendees=(), cancelled=m.cancelled) for m in meetings]
    return calendar_of(events, method=None, name=name).to_ical()
