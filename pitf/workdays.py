"""Federal business days: weekdays that are not U.S. federal holidays (the `holidays` package's
calendar), and the close of business in Washington. Comment deadlines and the year's plan of
meetings count in them."""

from __future__ import annotations

import datetime
import functools
import zoneinfo

import holidays

from pitf.formats import long_date

EASTERN = zoneinfo.ZoneInfo("America/New_York")
OPENING = datetime.time(9, 0)
CLOSE_OF_BUSINESS = datetime.time(17, 0)


@functools.lru_cache(maxsize=64)
def _holidays_of(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("US", years=[year])


def holiday_name(day: datetime.date) -> str | None:
    return _holidays_of(day.year).get(day)


def day_problem(day: datetime.date) -> str | None:
    """Why a day is not a business day, in words, or None."""
    if day.weekday() >= 5:
        return f"{long_date(day)} is a {day:%A}; choose a weekday."
    name = holiday_name(day)
    if name:
        return f"{long_date(day)} is a federal holiday ({name}); choose another day."
    return None


def is_business_day(day: datetime.date) -> bool:
    return day_problem(day) is None


def next_business_day(day: datetime.date) -> datetime.date:
    """The day itself if it is a business day, else the first one after it."""
    while not is_business_day(day):
        day += datetime.timedelta(days=1)
    return day


def add_business_days(day: datetime.date, count: int) -> datetime.date:
    """The business day `count` business days after `day` (before it, for a negative count)."""
    step = datetime.timedelta(days=1 if count >= 0 else -1)
    remaining = abs(count)
    while remaining:
        day += step
        if is_business_day(day):
            remaining -= 1
    return day


def close_of_business(day: datetime.date) -> datetime.datetime:
    """5:00 PM Eastern on `day`."""
    return datetime.datetime.combine(day, CLOSE_OF_BUSINESS, tzinfo=EASTERN)


def opening_of(day: datetime.date) -> datetime.datetime:
    """9:00 AM Eastern on `day`."""
    return datetime.datetime.combine(day, OPENING, tzinfo=EASTERN)


def today_in_washington() -> datetime.date:
    from django.utils import timezone

    return timezone.now().astimezone(EASTERN).date()
