"""What every part of the data set uses: the names people are given, the scale of every count, the
report of what was made, and the terms and UEIs drawn."""

from __future__ import annotations

import datetime
import random
import string
from dataclasses import dataclass, field

ONE_DAY = datetime.timedelta(days=1)
FIRST_NAMES = [
    "Avery",
    "Blake",
    "Casey",
    "Dana",
    "Elliot",
    "Finley",
    "Gray",
    "Harper",
    "Indy",
    "Jordan",
    "Kendall",
    "Logan",
    "Morgan",
    "Noel",
    "Oakley",
    "Parker",
    "Quinn",
    "Riley",
    "Sage",
    "Taylor",
    "Umber",
    "Val",
    "Wren",
    "Yael",
    "Zion",
]
LAST_NAMES = [
    "Adams",
    "Baker",
    "Chen",
    "Diaz",
    "Evans",
    "Fischer",
    "Garcia",
    "Hughes",
    "Ito",
    "Jones",
    "Khan",
    "Lopez",
    "Martin",
    "Nguyen",
    "Ortiz",
    "Patel",
    "Quinlan",
    "Rossi",
    "Singh",
    "Torres",
    "Uddin",
    "Vega",
    "Walsh",
    "Xu",
    "Young",
    "Zhang",
]
EVENT_ACTIONS = (
    ["user.login"] * 12
    + ["user.logout"] * 6
    + ["user.login_failed"] * 2
    + ["permission.denied", "invitation.sent", "designation.made", "meeting.scheduled"]
    + ["notification.failed", "user.mfa_added", "membership.joined", "office.appointed"]
)


@dataclass
class Scale:
    """How much of each thing to make; `factor` shrinks them all (tests use a small one)."""

    agencies: int = 60
    people: int = 3_000
    audit_entries: int = 1_000_000
    meetings: int = 600
    solicitations: int = 5_000
    awards: int = 20_000
    comments: int = 100_000
    factor: float = 1.0

    def of(self, count: int, least: int = 1) -> int:
        return max(least, round(count * self.factor))


@dataclass
class Report:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, what: str, count: int) -> None:
        self.counts[what] = self.counts.get(what, 0) + count


def _terms(start: datetime.date, end: datetime.date, rng: random.Random, years=(2, 4)):
    """Back-to-back terms from `start` to `end` (the last one open), each a few years long."""
    terms, begin = [], start
    while begin <= end:
        length = datetime.timedelta(days=365 * rng.randint(*years) + rng.randint(-60, 60))
        finish = begin + length
        if finish >= end:
            terms.append((begin, None))
            break
        terms.append((begin, finish))
        begin = finish + ONE_DAY
    return terms


def _uei(rng: random.Random) -> str:
    from grants.models import UEI_ALPHABET, uei_check_character

    letters = sorted(UEI_ALPHABET - set(string.digits))
    alphabet = sorted(UEI_ALPHABET)
    while True:
        body = rng.choice(letters) + "".join(rng.choice(alphabet) for _ in range(10))
        if not any(body[i : i + 9].isdigit() for i in range(3)):
            return body + uei_check_character(body)
