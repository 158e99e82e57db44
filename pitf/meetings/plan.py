"""The year's plan of a body's meetings: the federal fiscal year (October to September), its
quarters, and a proposed business day in each that is neither a weekend nor a U.S. federal
holiday (pitf.workdays)."""

from __future__ import annotations

import dataclasses
import datetime

from pitf.formats import long_date
from pitf.models import Body
from pitf.workdays import next_business_day

ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth"}
# The proposal: the third Wednesday of the slot's middle month, or the next business day after it.
PROPOSED_WEEKDAY = 2
PROPOSED_WEEK = 3
# A meeting proposed for a slot that has begun is at least this far away, so invitees can plan.
NOTICE_DAYS = 14


@dataclasses.dataclass(frozen=True)
class Slot:
    """One meeting's window in the plan: a fiscal quarter, or the whole fiscal year."""

    number: int
    label: str
    first: datetime.date
    last: datetime.date

    @property
    def field(self) -> str:
        return f"meeting_{self.number}"

    @property
    def span(self) -> str:
        return f"{long_date(self.first)} to {long_date(self.last)}"

    def __contains__(self, day: datetime.date) -> bool:
        return self.first <= day <= self.last


def fiscal_year_of(day: datetime.date) -> int:
    """The federal fiscal year a day falls in: FY2027 runs from 1 October 2026 to 30 September
    2027."""
    return day.year + 1 if day.month >= 10 else day.year


def fiscal_year_bounds(fiscal_year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(fiscal_year - 1, 10, 1), datetime.date(fiscal_year, 9, 30)


def _month_end(year: int, month: int) -> datetime.date:
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def quarters(fiscal_year: int) -> list[Slot]:
    slots = []
    for number in range(1, 5):
        month = (10 + 3 * (number - 1) - 1) % 12 + 1  # October, January, April, July
        year = fiscal_year - 1 if number == 1 else fiscal_year
        last_month = month + 2
        slots.append(
            Slot(
                number=number,
                label=f"{ORDINALS[number].capitalize()} quarter",
                first=datetime.date(year, month, 1),
                last=_month_end(year, last_month),
            )
        )
    return slots


def slots_of(body: Body, fiscal_year: int) -> list[Slot]:
    """The plan's windows for a body that meets quarterly or annually; none for any other."""
    if body.cadence == Body.Cadence.QUARTERLY:
        return quarters(fiscal_year)
    if body.cadence == Body.Cadence.ANNUAL:
        first, last = fiscal_year_bounds(fiscal_year)
        return [Slot(number=1, label=f"Fiscal year {fiscal_year}", first=first, last=last)]
    return []


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> datetime.date:
    first = datetime.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + datetime.timedelta(days=offset + 7 * (n - 1))


def propose(slot: Slot, *, today: datetime.date) -> datetime.date | None:
    """A business day in the slot: the third Wednesday of its middle month (moved past a holiday),
    or, when that is too soon, the first business day at least NOTICE_DAYS away; None when the
    slot leaves no such day."""
    months = (slot.last.year - slot.first.year) * 12 + slot.last.month - slot.first.month + 1
    middle = slot.first.month - 1 + months // 2
    year, month = slot.first.year + middle // 12, middle % 12 + 1
    day = next_business_day(_nth_weekday(year, month, PROPOSED_WEEKDAY, PROPOSED_WEEK))
    earliest = today + datetime.timedelta(days=NOTICE_DAYS)
    if day < earliest:
        day = next_business_day(max(earliest, slot.first))
    return day if day in slot else None


def slot_of_day(slots: list[Slot], day: datetime.date) -> Slot | None:
    return next((slot for slot in slots if day in slot), None)
