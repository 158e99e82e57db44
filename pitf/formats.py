"""Dates in the words the hub's pages and messages use, and cells a spreadsheet shows as text."""

from __future__ import annotations

import datetime


def long_date(day: datetime.date | None) -> str:
    """'January 5, 2026' (no leading zero); '' for no date."""
    return f"{day:%B} {day.day}, {day.year}" if day else ""


def moment(at: datetime.datetime) -> str:
    """'Mar 4, 2027, 1:05:09 PM EST' in the hub's time zone, as the Django date format
    "M j, Y, g:i:s A T" writes it, written once per row in Python (the template filter costs
    about ten times as much, per row of a long list)."""
    from django.utils import timezone

    local = timezone.localtime(at)
    hour = local.hour % 12 or 12
    return (
        f"{local:%b} {local.day}, {local.year}, {hour}:{local:%M:%S} "
        f"{'AM' if local.hour < 12 else 'PM'} {local.tzname()}"
    )


def dated(at: datetime.datetime | datetime.date | None, format_string: str) -> str:
    """A date or time in the hub's time zone, in a Django date format ("l, F j, Y, g:i A T"),
    as the template filter `date` writes it."""
    from django.utils import timezone

    from pitf.templatetags.dates import date

    if isinstance(at, datetime.datetime):
        at = timezone.localtime(at)
    return date(at, format_string)


def date_span(start: datetime.date, end: datetime.date | None) -> str:
    return (
        f"from {long_date(start)} to {long_date(end)}"
        if end
        else f"from {long_date(start)}, ongoing"
    )


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
