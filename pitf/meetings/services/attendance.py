"""Recording who attended a meeting: the chair's office, at or after the meeting."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from pitf.audit import log_event
from pitf.meetings.attendance import attendance_fingerprint, attendance_of
from pitf.meetings.models import Attendance, Meeting
from pitf.meetings.services.notices import _require_manages
from pitf.meetings.workflows import MEETING
from pitf.models import User

CHANGED_MEANWHILE = (
    "Someone recorded this meeting's attendance while you were editing it. Nothing was saved; "
    "the form now shows what they recorded."
)


@dataclass(frozen=True)
class Present:
    """A person who attended, how, and (for someone not on the list) why."""

    person: User
    mode: str
    reason: str = ""


def attendance_record(
    *, actor: User, meeting: Meeting, present: list[Present], expected: str
) -> list[Attendance]:
    """Record who attended (everyone else did not): each person for the agency they were
    invited for (someone not on the list, for their own agency, with the reason they came).
    `expected` is the attendance the form was loaded with (attendance_fingerprint)."""
    _require_manages(actor, meeting.body)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
        MEETING.require(meeting, "record_attendance")
        if attendance_fingerprint(attendance_of(meeting)) != expected:
            raise ValidationError(CHANGED_MEANWHILE, code="changed_meanwhile")
        invited = {row.person_id: row for row in meeting.invitees.filter(removed_at__isnull=True)}
        _check(present, invited)
        meeting.attendance.exclude(person_id__in=[p.person.pk for p in present]).delete()
        rows = [
            Attendance.objects.update_or_create(
                meeting=meeting,
                person=p.person,
                defaults={
                    "agency_id": (
                        invited[p.person.pk].agency_id
                        if p.person.pk in invited
                        else p.person.agency_id
                    ),
                    "mode": p.mode,
                    "not_invited_reason": "" if p.person.pk in invited else p.reason.strip(),
                    "recorded_by": actor,
                },
            )[0]
            for p in present
        ]
        log_event("meeting.attendance_recorded", actor=actor, target=meeting, attended=len(rows))
    return rows


def _check(present: list[Present], invited: dict) -> None:
    errors, seen = [], set()
    for p in present:
        if p.person.pk in seen:
            errors.append(f"{p.person} is recorded twice.")
        seen.add(p.person.pk)
        if p.mode not in Attendance.Mode.values:
            errors.append(f"Say whether {p.person} attended in person or remotely.")
        if p.person.pk not in invited and not p.reason.strip():
            errors.append(
                f"{p.person} was not on this meeting's list: say why they attended, or leave "
                "them out."
            )
    if errors:
        raise ValidationError(errors)
