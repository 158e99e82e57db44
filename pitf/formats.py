"""Dates in the words the hub's pages and messages use, and cells a spreadsheet shows as text."""

from __future__ import annotations

import datetime


def long_date(day: datetime.date | None) -> str:
    """'January 5, 2026' (no leading zero); '' for no date."""
    return f"{day:%B} {day.day}, {day.year}" if day else ""


def date_span(start: datetime.date, end: datetime.date | None) -> str:
    return (
        f"from {long_date(start)} to {long_date(end)}"
        if end
        else f"from {long_date(start)}, ongoing"
    )


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
