"""Who attended a meeting, read: the recorded attendance, which member agencies it
represented on the meeting's day, and whether the body's quorum was met."""

from __future__ import annotations

import math
from dataclasses import dataclass

from pitf.meetings.models import Attendance, BodyMeetingSettings, Invitee, Meeting
from pitf.models import Agency
from pitf.selectors import agencies_in_body_on

Quorum = BodyMeetingSettings.Quorum
# From an invitee's answer, how the attendance form first supposes they attended.
MODE_FROM_ANSWER = {
    Invitee.Response.IN_PERSON: Attendance.Mode.IN_PERSON,
    Invitee.Response.REMOTELY: Attendance.Mode.REMOTE,
}


def attendance_of(meeting: Meeting) -> list[Attendance]:
    """The meeting's recorded attendance, by agency and name (one query)."""
    return list(meeting.attendance.select_related("person", "agency"))


def attendance_fingerprint(rows: list[Attendance]) -> str:
    """What the attendance form was loaded with: a form posted over attendance recorded since
    by someone else is refused, not saved over it."""
    return ";".join(sorted(f"{row.person_id}:{row.mode}" for row in rows)) or "none"


def quorum_rule(meeting: Meeting) -> str:
    settings = BodyMeetingSettings.objects.filter(body_id=meeting.body_id).first()
    return settings.quorum if settings else Quorum.MAJORITY


def quorum_needed(rule: str, members: int) -> int | None:
    """How many member agencies must be represented: None without a rule."""
    if rule == Quorum.MAJORITY:
        return members // 2 + 1
    if rule == Quorum.TWO_THIRDS:
        return math.ceil(members * 2 / 3)
    return None


@dataclass(frozen=True)
class AttendanceSummary:
    rows: list[Attendance]
    members: list[Agency]  # the body's member agencies on the meeting's day
    represented: list[Agency]  # those with someone attending for them
    rule: str
    needed: int | None

    @property
    def absent(self) -> list[Agency]:
        return [agency for agency in self.members if agency not in self.represented]

    @property
    def quorum_met(self) -> bool | None:
        return None if self.needed is None else len(self.represented) >= self.needed

    @property
    def rule_label(self) -> str:
        return Quorum(self.rule).label


def attendance_summary(meeting: Meeting, rows: list[Attendance] | None = None) -> AttendanceSummary:
    """The attendance and what it means for the body's quorum (three queries)."""
    rows = attendance_of(meeting) if rows is None else rows
    members = list(agencies_in_body_on(body=meeting.body, day=meeting.local_start.date()))
    attending = {row.agency_id for row in rows if row.agency_id}
    represented = [agency for agency in members if agency.pk in attending]
    rule = quorum_rule(meeting)
    return AttendanceSummary(rows, members, represented, rule, quorum_needed(rule, len(members)))
