"""Scheduling a meeting, planning a fiscal year's, rescheduling and cancelling one."""

from __future__ import annotations

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pitf import workdays
from pitf.audit import log_event
from pitf.concurrency import current_at, save_versioned
from pitf.formats import long_date
from pitf.meetings import plan, selectors
from pitf.meetings.models import Meeting
from pitf.meetings.services.carry import carry_over_into
from pitf.meetings.services.invitees import invitees_sync
from pitf.meetings.services.notices import (
    _on_list,
    _require_manages,
    cancellation_notice,
    notices_send,
)
from pitf.meetings.services.reminders import reminders_plan
from pitf.meetings.workflows import MEETING
from pitf.models import Body, User


def times_errors(*, starts_at: datetime.datetime, ends_at: datetime.datetime) -> dict:
    """What is wrong with a meeting's times, by the form's field: a day that has passed is the
    date's fault, a time earlier today the start time's (the forms show these with their other
    errors; the services refuse them)."""
    errors = {}
    if ends_at <= starts_at:
        errors["end_time"] = "The meeting must end after it starts."
    now = timezone.now()
    if starts_at < now:
        if starts_at.date() < now.astimezone(starts_at.tzinfo).date():
            errors["day"] = "That day has passed; choose a later day."
        else:
            errors["start_time"] = "That time has passed today; choose a later time."
    return errors


# Scheduling ---------------------------------------------------------------------------------


def meeting_schedule(
    *,
    actor: User,
    body: Body,
    title: str,
    kind: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    time_zone: str,
    place: str = "",
    video_link: str = "",
    dial_in: str = "",
    notes: str = "",
) -> Meeting:
    """A new meeting of `body`; everyone the body puts on its list is sent the invitation."""
    _require_manages(actor, body)
    errors = times_errors(starts_at=starts_at, ends_at=ends_at)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        meeting = Meeting(
            body=body,
            title=title,
            kind=kind,
            starts_at=starts_at,
            ends_at=ends_at,
            time_zone=time_zone,
            place=place,
            video_link=video_link,
            dial_in=dial_in,
            notes=notes,
            scheduled_by=actor,
        )
        meeting.full_clean()
        meeting.save()
        added, _ = invitees_sync(meeting=meeting)
        reminders_plan(meeting=meeting)
        # Its draft agenda: what the body's earlier meetings carry over.
        carry_over_into(meeting)
        log_event(
            "meeting.scheduled",
            actor=actor,
            target=meeting,
            body=body.short_name,
            starts_at=starts_at.isoformat(),
            invitees=added,
        )
    return meeting


def plan_errors(
    rows: list[tuple], days: dict[int, datetime.date], fiscal_year: int, today: datetime.date
) -> dict:
    """What is wrong with the days chosen for a fiscal year's plan, by the form's field."""
    slots = [slot for slot, _, _ in rows]
    first, last = plan.fiscal_year_bounds(fiscal_year)
    errors = {}
    for slot, proposed, held in rows:
        day = days.get(slot.number)
        if day is None:
            continue
        if held is not None or proposed is None:
            errors[slot.field] = f"The {slot.label.lower()} has no open date left to plan."
        elif not first <= day <= last:
            errors[slot.field] = (
                f"{long_date(day)} is outside fiscal year {fiscal_year} "
                f"({long_date(first)} to {long_date(last)})."
            )
        elif day not in slot:
            other = plan.slot_of_day(slots, day)
            errors[slot.field] = (
                f"{long_date(day)} is in the {other.label.lower()}, which has its own meeting; "
                f"the {slot.label.lower()} runs from {slot.span}."
            )
        elif day < today:
            errors[slot.field] = f"{long_date(day)} is in the past; choose a later day."
        elif problem := workdays.day_problem(day):
            errors[slot.field] = problem
    return errors


def meetings_plan_year(
    *,
    actor: User,
    body: Body,
    fiscal_year: int,
    days: dict[int, datetime.date],
    start_time: datetime.time,
    end_time: datetime.time,
    time_zone: str,
    place: str = "",
    video_link: str = "",
    dial_in: str = "",
    notes: str = "",
) -> list[Meeting]:
    """Schedule a fiscal year's meetings of a body that meets quarterly or annually at once: one
    per window of the plan (`days` maps a window's number to its day), each on a business day in
    its window, all at the same time and place. All are scheduled, or none."""
    _require_manages(actor, body)
    today = timezone.localdate()
    rows = selectors.year_plan(body=body, fiscal_year=fiscal_year, today=today)
    if not rows:
        raise ValidationError(
            f"The {body.name} meets {body.get_cadence_display().lower()}; schedule its meetings "
            "one at a time."
        )
    if not days:
        raise ValidationError("Give at least one meeting a day.")
    errors = plan_errors(rows, days, fiscal_year, today)
    if errors:
        raise ValidationError(errors)
    quarterly = body.cadence == Body.Cadence.QUARTERLY
    zone = zoneinfo.ZoneInfo(time_zone)
    meetings = []
    with transaction.atomic():
        for slot, _, _ in rows:
            day = days.get(slot.number)
            if day is None:
                continue
            title = (
                f"{body.short_name.upper()} {plan.ORDINALS[slot.number]}-quarter meeting, "
                f"FY{fiscal_year}"
                if quarterly
                else f"{body.short_name.upper()} annual meeting, FY{fiscal_year}"
            )
            try:
                meeting = meeting_schedule(
                    actor=actor,
                    body=body,
                    title=title,
                    kind=Meeting.Kind.REGULAR if quarterly else Meeting.Kind.ANNUAL,
                    starts_at=datetime.datetime.combine(day, start_time, tzinfo=zone),
                    ends_at=datetime.datetime.combine(day, end_time, tzinfo=zone),
                    time_zone=time_zone,
                    place=place,
                    video_link=video_link,
                    dial_in=dial_in,
                    notes=notes,
                )
            except ValidationError as error:
                if hasattr(error, "error_dict") and "start_time" in error.error_dict:
                    raise ValidationError(
                        {slot.field: f"{long_date(day)} at that time has passed."}
                    ) from error
                raise
            meetings.append(meeting)
    return meetings


def _locked(meeting: Meeting, expected_version: int) -> Meeting:
    """The meeting as saved now, its row locked for the transaction; EditConflict if it changed
    since the form was loaded."""
    return current_at(
        Meeting.objects.select_for_update(of=("self",)).get(pk=meeting.pk), expected_version
    )


def meeting_reschedule(
    *,
    actor: User,
    meeting: Meeting,
    expected_version: int,
    reason: str,
    **changes,
) -> Meeting:
    """Change a meeting's time, place or details. The sequence goes up and every invitee gets
    the updated invitation (same UID); the list follows the body on the new date."""
    _require_manages(actor, meeting.body)
    with transaction.atomic():
        meeting = _locked(meeting, expected_version)
        MEETING.require(meeting, "reschedule")
        before = (meeting.local_start, meeting.local_end, meeting.time_zone)
        for name, value in changes.items():
            setattr(meeting, name, value)
        errors = times_errors(starts_at=meeting.starts_at, ends_at=meeting.ends_at)
        if errors:
            raise ValidationError(errors)
        meeting.change_reason = reason
        meeting.sequence += 1
        meeting.full_clean()
        save_versioned(
            meeting,
            expected_version=expected_version,
            update_fields=[*changes, "change_reason", "sequence"],
        )
        moved = (meeting.starts_at, meeting.ends_at) != (before[0], before[1])
        if moved:
            # A new time asks everyone again (PARTSTAT NEEDS-ACTION in the update, as calendar
            # programs do): the answers given for the old time no longer hold.
            meeting.invitees.filter(removed_at__isnull=True).exclude(response="").update(
                response="", alternate=None, responded_at=None
            )
        invitees_sync(
            meeting=meeting,
            notify_kept="meeting.updated",
            previous={"start": before[0], "end": before[1], "zone": before[2]} if moved else None,
        )
        reminders_plan(meeting=meeting)
        log_event(
            "meeting.rescheduled",
            actor=actor,
            target=meeting,
            starts_at=meeting.starts_at.isoformat(),
            reason=reason,
        )
    return meeting


def meeting_cancel(*, actor: User, meeting: Meeting, expected_version: int, reason: str) -> Meeting:
    """Cancel a meeting: every invitee is sent METHOD:CANCEL with the reason."""
    _require_manages(actor, meeting.body)
    with transaction.atomic():
        meeting = _locked(meeting, expected_version)
        changed = MEETING.move(meeting, "cancel")
        meeting.change_reason = reason
        meeting.sequence += 1
        save_versioned(
            meeting,
            expected_version=expected_version,
            update_fields=[*changed, "change_reason", "sequence"],
        )
        notices_send([cancellation_notice(meeting, invitee) for invitee in _on_list(meeting)])
        reminders_plan(meeting=meeting)
        log_event("meeting.cancelled", actor=actor, target=meeting, reason=reason)
    return meeting
