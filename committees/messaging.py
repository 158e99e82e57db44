"""Reads of the messaging calendar: the Public Affairs Committee's communications and the year's
observances as a month and as a list, with a flag where two agencies plan communications on the
same theme within a few days of each other, and the calendar as an iCalendar file."""

from __future__ import annotations

import calendar as month_calendar
import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field

import icalendar
from django.conf import settings
from django.http import Http404

from committees.access import sees
from committees.models import Communication, Observance
from pitf.meetings.calendar import calendar_of
from pitf.models import Body
from pitf.roles import Roles

# Two agencies' communications on one theme this many days apart (or closer) are flagged.
CLOSE_DAYS = 3


def calendar_body(user, roles: Roles) -> Body:
    """The Public Affairs Committee, for its people; 404 to anyone else."""
    body = Body.objects.filter(short_name="public-affairs").first()
    if body is None or not sees(user, roles, body):
        raise Http404("No messaging calendar.")
    return body


def communication_for(user, roles: Roles, pk: int) -> Communication:
    communication = (
        Communication.objects.select_related("body", "agency", "observance", "created_by")
        .filter(pk=pk)
        .first()
    )
    if communication is None or not sees(user, roles, communication.body):
        raise Http404("No such communication.")
    return communication


def theme_key(theme: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", theme.lower()).strip()


def between(body: Body, first: datetime.date, last: datetime.date) -> list[Communication]:
    """The communications that overlap the days from `first` to `last` (one query)."""
    return list(
        Communication.objects.filter(body=body, starts_on__lte=last)
        .exclude(ends_on__lt=first)
        .exclude(ends_on__isnull=True, starts_on__lt=first)
        .select_related("agency", "observance")
        .order_by("starts_on", "pk")
    )


def close_to(communications: list[Communication]) -> dict[int, list[Communication]]:
    """For each communication, the other agencies' communications on the same theme within
    CLOSE_DAYS of it; each communication also keeps its own as `close`, for the pages."""
    by_theme = defaultdict(list)
    for communication in communications:
        by_theme[theme_key(communication.theme)].append(communication)
    found: dict[int, list[Communication]] = defaultdict(list)
    gap = datetime.timedelta(days=CLOSE_DAYS)
    for rows in by_theme.values():
        for one in rows:
            for other in rows:
                if other.agency_id == one.agency_id or other.pk == one.pk:
                    continue
                if other.starts_on <= one.last_day + gap and one.starts_on <= other.last_day + gap:
                    found[one.pk].append(other)
    for communication in communications:
        communication.close = found.get(communication.pk, [])
    return found


@dataclass
class Day:
    day: datetime.date
    in_month: bool
    communications: list = field(default_factory=list)
    observances: list = field(default_factory=list)


@dataclass
class Month:
    first: datetime.date
    weeks: list[list[Day]]
    long_observances: list[Observance]
    communications: list[Communication]
    close: dict

    @property
    def previous(self) -> datetime.date:
        return (self.first - datetime.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> datetime.date:
        return (self.first + datetime.timedelta(days=32)).replace(day=1)


def month_of(body: Body, first: datetime.date) -> Month:
    """The month's grid, Sunday first, each day with the communications and the short
    observances on it; observances longer than a week are listed above the grid (two queries,
    three with the neighbours the flags compare with)."""
    weeks_of_days = month_calendar.Calendar(firstweekday=6).monthdatescalendar(
        first.year, first.month
    )
    start, end = weeks_of_days[0][0], weeks_of_days[-1][-1]
    gap = datetime.timedelta(days=CLOSE_DAYS)
    nearby = between(body, start - gap, end + gap)
    shown = [c for c in nearby if c.starts_on <= end and c.last_day >= start]
    observances = list(Observance.objects.filter(starts_on__lte=end, ends_on__gte=start))
    long = [o for o in observances if (o.ends_on - o.starts_on).days >= 7]
    short = [o for o in observances if (o.ends_on - o.starts_on).days < 7]
    weeks = []
    for week in weeks_of_days:
        days = []
        for day in week:
            days.append(
                Day(
                    day=day,
                    in_month=day.month == first.month,
                    communications=[c for c in shown if c.starts_on <= day <= c.last_day],
                    observances=[o for o in short if o.starts_on <= day <= o.ends_on],
                )
            )
        weeks.append(days)
    in_month = [
        c for c in shown if c.starts_on.month == first.month or c.last_day.month == first.month
    ]
    return Month(
        first=first,
        weeks=weeks,
        long_observances=long,
        communications=in_month,
        close=close_to(nearby),
    )


def year_list(body: Body, year: int) -> tuple[list[Communication], dict, list[Observance]]:
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    gap = datetime.timedelta(days=CLOSE_DAYS)
    nearby = between(body, first - gap, last + gap)
    shown = [c for c in nearby if c.starts_on <= last and c.last_day >= first]
    observances = list(Observance.objects.filter(starts_on__lte=last, ends_on__gte=first))
    return shown, close_to(nearby), observances


def calendar_ics(communications: list[Communication], observances: list[Observance]) -> bytes:
    """The calendar as an iCalendar file: each communication and observance an all-day event
    with a stable UID and, for a communication, a SEQUENCE that rises with each change."""
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0] or "pitf.local"
    events = []
    for communication in communications:
        event = icalendar.Event()
        event.add("uid", f"communication-{communication.pk}@{host}")
        event.add("sequence", communication.version)
        event.add(
            "summary",
            f"{communication.agency.acronym}: {communication.title} "
            f"({communication.get_status_display().lower()})",
        )
        event.add("dtstart", communication.starts_on)
        event.add("dtend", communication.last_day + datetime.timedelta(days=1))
        event.add("dtstamp", datetime.datetime.now(datetime.UTC))
        event.add(
            "description",
            f"{communication.get_channel_display()} for {communication.audience}. "
            f"Theme: {communication.theme}."
            + (f" For {communication.observance}." if communication.observance else ""),
        )
        events.append(event)
    for observance in observances:
        event = icalendar.Event()
        event.add("uid", f"observance-{observance.pk}@{host}")
        event.add("summary", observance.name)
        event.add("dtstart", observance.starts_on)
        event.add("dtend", observance.ends_on + datetime.timedelta(days=1))
        event.add("dtstamp", datetime.datetime.now(datetime.UTC))
        events.append(event)
    return calendar_of(events, method=None, name="PITF hub: messaging calendar").to_ical()
