"""Lists of meetings: the person's own (a list and a month), the dashboard, and a body's."""

from __future__ import annotations

import datetime
from calendar import Calendar as MonthGrid

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from pitf.meetings import selectors
from pitf.meetings.views.layout import _crumbs, when
from pitf.roles import request_roles


def my_page_panel(request) -> dict:
    return {"next_meetings": selectors.next_meetings_of_person(user=request.user)}


def my_actions_panel(request) -> dict:
    from pitf import workdays
    from pitf.meetings.actions import open_actions_of

    return {
        "items": open_actions_of(request.user, limit=10),
        "today": workdays.today_in_washington(),
    }


def my_meetings(request):
    invitations = list(selectors.meetings_of_person(user=request.user))
    now = timezone.now()
    upcoming = [i for i in invitations if i.meeting.ends_at >= now]
    past = [i for i in invitations if i.meeting.ends_at < now][::-1]
    return render(
        request,
        "meetings/my_meetings.html",
        {"upcoming": upcoming, "past": past, "when": when},
    )


WEEKDAYS = [
    (name, name[:3])
    for name in ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
]


def _month_after(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _month_before(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def my_meetings_month(request, year: int | None = None, month: int | None = None):
    """The person's meetings on a month's calendar, Sunday first; arrow keys move between days
    (static/js/month.js), Tab into a day's meetings."""
    today = timezone.localdate()
    if year is None:
        year, month = today.year, today.month
    if not (1 <= month <= 12 and 1900 <= year <= 2199):
        raise Http404("No such month.")
    by_day = selectors.meetings_of_person_in_month(user=request.user, year=year, month=month)
    weeks = [
        [
            {
                "date": day,
                "in_month": day.month == month,
                "today": day == today,
                "invitations": [
                    (
                        invitee,
                        f"{invitee.meeting.local_start:%-I:%M %p} "
                        f"{invitee.meeting.local_start.tzname()}",
                    )
                    for invitee in by_day.get(day, [])
                ],
            }
            for day in week
        ]
        for week in MonthGrid(firstweekday=6).monthdatescalendar(year, month)
    ]
    first = datetime.date(year, month, 1)
    focus = today if (today.year, today.month) == (year, month) else min(by_day, default=first)
    return render(
        request,
        "meetings/month.html",
        {
            "first": first,
            "weekdays": WEEKDAYS,
            "weeks": weeks,
            "focus": focus,
            "count": sum(len(rows) for rows in by_day.values()),
            "previous": datetime.date(*_month_before(year, month), 1),
            "next": datetime.date(*_month_after(year, month), 1),
            "this_month": (today.year, today.month) == (year, month),
        },
    )


def dashboard(request):
    """The chair's office's bodies with their next meetings and how the invitees answered."""
    return render(
        request,
        "meetings/dashboard.html",
        {"outlooks": selectors.dashboard_of(request_roles(request)), "when": when},
    )


def body_meetings(request, pk: int):
    from pitf import workdays
    from pitf.meetings.actions import actions_of_body
    from pitf.meetings.models import Minutes

    roles = request_roles(request)
    body = selectors.body_for_meetings(user=request.user, roles=roles, pk=pk)
    year = request.GET.get("year", "")
    year_value = int(year) if year.isdigit() and 1900 <= int(year) <= 2199 else None
    upcoming, past = selectors.meetings_of_body(body=body, year=year_value)
    # With no year chosen: the most recent, and whether there are earlier ones.
    earlier = year_value is None and len(past) > selectors.RECENT_PAST
    past = past[: selectors.RECENT_PAST] if earlier else past
    return render(
        request,
        "meetings/body_meetings.html",
        {
            "body": body,
            "upcoming": upcoming,
            "past": past,
            "earlier": earlier,
            "year": year_value,
            "manages": selectors.manages_meetings_of(roles, body.pk),
            "crumbs": _crumbs()[:1],
            "open_actions": list(actions_of_body(body)[:10]),
            "last_minutes": Minutes.objects.filter(
                meeting__body=body, status=Minutes.Status.APPROVED
            )
            .select_related("meeting")
            .order_by("-meeting__starts_at")
            .first(),
            "today": workdays.today_in_washington(),
        },
    )
