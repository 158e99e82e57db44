"""Calendar files of meetings (RFC 5545, with iTIP methods of RFC 5546), written with the
icalendar library: one UID per meeting, SEQUENCE raised by each change, the local time with its
TZID and the VTIMEZONE that defines it, so that a 10:00 Eastern meeting stays 10:00 Eastern
across a daylight-saving change in every calendar program."""

from __future__ import annotations

import calendar as months
import datetime
import functools
import zoneinfo
from collections.abc import Iterable

import icalendar
from django.utils import timezone

from pitf.meetings.models import Invitee, Meeting

PRODUCT_ID = "-//PITF coordination hub//Meetings//EN"


def organizer_address(meeting: Meeting, email: str = "") -> icalendar.vCalAddress:
    """The chair's office of the meeting's body: by name, at `email` (an invitation's own reply
    address, so that the calendar program's answer comes back to the hub) or the scheduling
    person's address."""
    organizer = icalendar.vCalAddress(f"mailto:{email or meeting.scheduled_by.email}")
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
    meeting: Meeting,
    *,
    attendees: Iterable[Invitee],
    cancelled: bool = False,
    organizer: str = "",
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
    event.add("organizer", organizer_address(meeting, organizer))
    for invitee in attendees:
        event.add("attendee", attendee_address(invitee))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
UTC = datetime.UTC
# The years a zone's yearly rule is checked against before it is written as one.
RULE_CHECKED_UNTIL = 2045


def _offset(zone: zoneinfo.ZoneInfo, at: datetime.datetime) -> datetime.timedelta:
    return at.astimezone(zone).utcoffset()


STEP = datetime.timedelta(minutes=15)  # changes happen on the hour or the half hour


def _transitions(zone: zoneinfo.ZoneInfo, year: int) -> list[datetime.datetime]:
    """The instants (UTC, to the quarter hour) at which the zone's offset changes in `year`."""
    found = []
    day = datetime.datetime(year, 1, 1, tzinfo=UTC)
    while day.year == year:
        following = day + datetime.timedelta(days=1)
        if _offset(zone, day) != _offset(zone, following):
            for quarter in range(1, 24 * 4 + 1):
                at = day + quarter * STEP
                if _offset(zone, at) != _offset(zone, at - STEP):
                    found.append(at)
                    break
        day = following
    return found


def _byday(day: datetime.date) -> str:
    """The day as a yearly rule says it: "2SU" (the second Sunday), "-1SU" (the last)."""
    weekday = WEEKDAYS[day.weekday()]
    if day.day + 7 > months.monthrange(day.year, day.month)[1]:
        return f"-1{weekday}"
    return f"{(day.day - 1) // 7 + 1}{weekday}"


def _rule_day(year: int, month: int, byday: str) -> datetime.date:
    weekday = WEEKDAYS.index(byday[-2:])
    nth = int(byday[:-2])
    days = [
        datetime.date(year, month, d)
        for d in range(1, months.monthrange(year, month)[1] + 1)
        if datetime.date(year, month, d).weekday() == weekday
    ]
    return days[nth - 1] if nth > 0 else days[nth]


@functools.cache
def _observances(name: str, since: int) -> tuple | None:
    """(daylight?, start, offset from, offset to, name, yearly rule or None) of each of the
    zone's observances from `since` on, or None when its changes follow no yearly rule."""
    zone = zoneinfo.ZoneInfo(name)
    changes = _transitions(zone, since)
    if not changes:
        if any(_transitions(zone, year) for year in range(since + 1, RULE_CHECKED_UNTIL)):
            return None
        start = datetime.datetime(since, 1, 1)
        offset = _offset(zone, start.replace(tzinfo=UTC))
        return ((False, start, offset, offset, start.replace(tzinfo=zone).tzname(), None),)
    observances = []
    for at in changes:
        before, after = _offset(zone, at - STEP), _offset(zone, at)
        wall = (at + before).replace(tzinfo=None)  # the local time the change happens at
        byday = _byday(wall.date())
        for year in range(since, RULE_CHECKED_UNTIL):
            day = _rule_day(year, wall.month, byday)
            instant = (datetime.datetime.combine(day, wall.time()) - before).replace(tzinfo=UTC)
            if _offset(zone, instant - STEP) != before or _offset(zone, instant) != after:
                return None
        local = at.astimezone(zone)
        rule = {"freq": "yearly", "bymonth": wall.month, "byday": byday}
        observances.append((bool(local.dst()), wall, before, after, local.tzname(), rule))
    return tuple(observances)


def vtimezone(name: str, since: int) -> icalendar.Timezone | None:
    """The zone as a VTIMEZONE of yearly rules (RRULE) from `since` on, as calendar programs
    write it, rather than a list of dates that ends in 2037. None when the zone's changes follow
    no yearly rule up to RULE_CHECKED_UNTIL (the caller then lists them)."""
    observances = _observances(name, since)
    if observances is None:
        return None
    component = icalendar.Timezone()
    component.add("tzid", name)
    for daylight, start, before, after, tzname, rule in observances:
        part = icalendar.TimezoneDaylight() if daylight else icalendar.TimezoneStandard()
        part.add("dtstart", start)
        part.add("tzoffsetfrom", before)
        part.add("tzoffsetto", after)
        part.add("tzname", tzname)
        if rule:
            part.add("rrule", rule)
        component.add_component(part)
    return component


def _add_timezones(calendar: icalendar.Calendar, events: list[icalendar.Event]) -> None:
    """A VTIMEZONE of yearly rules for each zone the events use, from the earliest event's
    year; icalendar's list of dates for a zone without such rules. An all-day event (a date)
    has no zone."""
    first: dict[str, int] = {}
    for event in events:
        start = event.decoded("dtstart")
        key = getattr(getattr(start, "tzinfo", None), "key", None)
        if key:
            first[key] = min(first.get(key, start.year), start.year)
    missing = False
    for name, year in sorted(first.items()):
        written = vtimezone(name, year)
        if written is None:
            missing = True
        else:
            calendar.add_component(written)
    if missing:
        calendar.add_missing_timezones()


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
    events = list(events)
    for event in events:
        calendar.add_component(event)
    _add_timezones(calendar, events)
    return calendar


class Invitation:
    """The iTIP REQUEST of one change (a new meeting or a change to one: same UID, higher
    SEQUENCE) for everyone on the list. Each person's file differs only in its ORGANIZER, their
    invitation's own reply address, so the file, which names every attendee, is written once
    and each person's organizer line put in: a list of 300 would otherwise write 300 files of
    300 attendees."""

    _PLACEHOLDER = "organizer@placeholder.invalid"

    def __init__(self, meeting: Meeting, *, attendees: Iterable[Invitee]):
        self.meeting = meeting
        event = meeting_event(meeting, attendees=attendees, organizer=self._PLACEHOLDER)
        self._ics = calendar_of([event], method="REQUEST").to_ical()
        self._line = self._organizer_line(self._PLACEHOLDER)
        if self._ics.count(self._line) != 1:
            raise ValueError("The calendar file's organizer line was not found once.")

    def _organizer_line(self, email: str) -> bytes:
        """The ORGANIZER content line as icalendar writes it (folded at 75 octets)."""
        event = icalendar.Event()
        event.add("organizer", organizer_address(self.meeting, email))
        lines = event.to_ical()
        return lines[lines.index(b"\r\n") + 2 : lines.rindex(b"END:VEVENT")]

    def for_organizer(self, organizer: str = "") -> bytes:
        """The file sent to one person: `organizer`, their invitation's reply address (empty:
        the scheduling person's)."""
        return self._ics.replace(self._line, self._organizer_line(organizer), 1)


def invitation_ics(meeting: Meeting, *, attendees: Iterable[Invitee], organizer: str = "") -> bytes:
    """An iTIP REQUEST for one person: `organizer`, their invitation's reply address."""
    return Invitation(meeting, attendees=attendees).for_organizer(organizer)


def cancellation_ics(meeting: Meeting, *, attendees: Iterable[Invitee]) -> bytes:
    """An iTIP CANCEL, for a cancelled meeting or a person taken off the list."""
    event = meeting_event(meeting, attendees=attendees, cancelled=True)
    return calendar_of([event], method="CANCEL").to_ical()


def download_ics(meetings: Iterable[Meeting], *, name: str = "") -> bytes:
    """A plain calendar file (no METHOD) of one or more meetings, to download or subscribe to
    (`name`: the calendar's name in the program that subscribes)."""
    events = [meeting_event(m, attendees=(), cancelled=m.cancelled) for m in meetings]
    return calendar_of(events, method=None, name=name).to_ical()
