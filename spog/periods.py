"""Federal fiscal-year periods: fiscal year 2027 runs from October 1, 2026 to September 30, 2027;
its first quarter is October to December, its first half October to March."""

from __future__ import annotations

import datetime

from django.db import models


class Period(models.TextChoices):
    Q1 = "q1", "First quarter"
    Q2 = "q2", "Second quarter"
    Q3 = "q3", "Third quarter"
    Q4 = "q4", "Fourth quarter"
    H1 = "h1", "First half"
    H2 = "h2", "Second half"
    YEAR = "year", "Whole year"


# The period's first and last month, counted from October (1) of the fiscal year.
_MONTHS = {
    Period.Q1: (1, 3),
    Period.Q2: (4, 6),
    Period.Q3: (7, 9),
    Period.Q4: (10, 12),
    Period.H1: (1, 6),
    Period.H2: (7, 12),
    Period.YEAR: (1, 12),
}


def _month(fiscal_year: int, counted: int) -> tuple[int, int]:
    """(year, month) of the `counted`th month of the fiscal year (1 = October before it)."""
    month = (counted + 8) % 12 + 1
    return (fiscal_year - 1 if month >= 10 else fiscal_year), month


def bounds(fiscal_year: int, period: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a fiscal year's period."""
    first, last = _MONTHS[Period(period)]
    year, month = _month(fiscal_year, first)
    start = datetime.date(year, month, 1)
    year, month = _month(fiscal_year, last)
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return start, following - datetime.timedelta(days=1)


def fiscal_year_of(day: datetime.date) -> int:
    return day.year + 1 if day.month >= 10 else day.year


def label(fiscal_year: int, period: str) -> str:
    """E.g. "FY 2027, first quarter" or "FY 2027"."""
    if period == Period.YEAR:
        return f"FY {fiscal_year}"
    return f"FY {fiscal_year}, {Period(period).label.lower()}"
