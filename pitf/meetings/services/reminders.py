"""Reminders: planned before each meeting by the body's cadence and handed on by the beat, and sent
at once by the chair's office."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pitf.audit import log_event
from pitf.meetings import selectors
from pitf.meetings.models import Invitee, Meeting
from pitf.meetings.services.notices import _context, _require_manages, chairs_office_addresses
from pitf.meetings.workflows import MEETING
from pitf.models import Body, User
from pitf.notifications.services import Notice, notifications_send_many

# Reminders ----------------------------------------------------------------------------------


def notice_unwanted(notification) -> str:
    """Why a notice about a meeting is no longer wanted when the outbox's turn comes: the
    meeting was cancelled, or (a reminder) it moved since the reminder was planned."""
    from django.contrib.contenttypes.models import ContentType

    from pitf.meetings.models import Reminder

    if notification.about_id is None or notification.about_type_id != (
        ContentType.objects.get_for_model(Meeting).pk
    ):
        return ""
    meeting = Meeting.objects.filter(pk=notification.about_id).first()
    if meeting is None:
        return "the meeting no longer exists"
    if meeting.cancelled:
        return "the meeting was cancelled"
    reminder = Reminder.objects.filter(notification=notification).first()
    if reminder is not None and reminder.for_start != meeting.starts_at:
        return "the meeting moved to another time"
    return ""


def reminder_due(meeting: Meeting, days_before: int) -> datetime.datetime:
    """`days_before` days before the meeting at the same wall-clock time in the meeting's zone:
    a 10:00 meeting is reminded at 10:00 local whether or not a daylight-saving change falls in
    between. The arithmetic is on the local time (Python adds days to an aware time's wall
    clock), never on the stored UTC instant, which would move the reminder by an hour."""
    local_start = meeting.starts_at.astimezone(meeting.zone)
    # ZoneInfo gives the earlier day's wall time the offset in force on that day.
    return (local_start - datetime.timedelta(days=days_before)).astimezone(datetime.UTC)


def reminder_days_of(body: Body) -> list[int]:
    from pitf.meetings.models import DEFAULT_REMINDER_DAYS, BodyMeetingSettings

    settings_row = BodyMeetingSettings.objects.filter(body=body).first()
    if settings_row is None:
        return list(DEFAULT_REMINDER_DAYS)
    return sorted({int(days) for days in settings_row.reminder_days if int(days) > 0})


def reminders_plan(*, meeting: Meeting) -> int:
    """Create or move the meeting's reminder rows: one per invitee on the list and offset, due
    that many days before the start; rows not yet handed on for people off the list, or for a
    cancelled meeting, are deleted. Rows already handed on stay as the record. Returns how many
    rows wait."""
    from pitf.meetings.models import Reminder

    waiting = Reminder.objects.filter(meeting=meeting, handed_at__isnull=True)
    if meeting.cancelled:
        waiting.delete()
        return 0
    days = reminder_days_of(meeting.body)
    invitees = list(
        meeting.invitees.filter(removed_at__isnull=True).exclude(
            response=Invitee.Response.NOT_ATTENDING
        )
    )
    waiting.exclude(invitee__in=invitees).delete()
    waiting.exclude(days_before__in=days).delete()
    now = timezone.now()
    due_by_offset = {}
    for offset in days:
        due = reminder_due(meeting, offset)
        if due <= now:
            # A reminder whose day has passed is not sent late.
            waiting.filter(days_before=offset).delete()
            continue
        due_by_offset[offset] = due
        waiting.filter(days_before=offset).exclude(due_at=due, for_start=meeting.starts_at).update(
            due_at=due, for_start=meeting.starts_at
        )
    # What this start already has, waiting or handed on: a reminder already sent for an earlier
    # start does not count, so a postponed meeting gets its week-ahead reminder again.
    planned = set(
        Reminder.objects.filter(meeting=meeting, for_start=meeting.starts_at).values_list(
            "invitee_id", "days_before"
        )
    )
    Reminder.objects.bulk_create(
        [
            Reminder(
                meeting=meeting,
                invitee=invitee,
                days_before=offset,
                for_start=meeting.starts_at,
                due_at=due,
            )
            for invitee in invitees
            for offset, due in due_by_offset.items()
            if (invitee.pk, offset) not in planned
        ],
        ignore_conflicts=True,  # a row another transaction planned a moment ago
    )
    return Reminder.objects.filter(meeting=meeting, handed_at__isnull=True).count()


def reminders_hand_on(*, batch: int = 200) -> int:
    """Hand due reminders to the notification outbox: rows are claimed with FOR UPDATE SKIP
    LOCKED (two beats at once share them), each notice is recorded with its deduplication key
    (meeting | person | reminder-N-seq-S) in the same transaction as the row is marked, so a
    crash leaves either both or neither. A row of a cancelled meeting, of someone taken off the
    list or who declined is closed without a notice. Returns how many rows were taken."""
    from pitf.meetings.models import Reminder

    with transaction.atomic():
        rows = list(
            Reminder.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(handed_at__isnull=True, due_at__lte=timezone.now())
            .select_related("meeting", "meeting__body", "meeting__scheduled_by", "invitee__person")
            .order_by("due_at")[:batch]
        )
        now = timezone.now()
        # One object per meeting, so that what a meeting's notices share is read once a batch.
        meetings: dict[int, Meeting] = {}
        due = []
        for row in rows:
            meeting = meetings.setdefault(row.meeting_id, row.meeting)
            invitee = row.invitee
            row.handed_at = now
            if meeting.cancelled or not invitee.on_list or meeting.starts_at <= now:
                continue
            if invitee.response == Invitee.Response.NOT_ATTENDING:
                continue
            notice = Notice(
                kind="meeting.reminder",
                recipient=invitee.person.email,
                context=_context(meeting, invitee, days_before=row.days_before),
                about=meeting,
                occasion=f"reminder-{row.days_before}d-seq-{meeting.sequence}",
                reply_to=tuple(chairs_office_addresses(meeting)),
            )
            due.append((row, notice))
        recorded = notifications_send_many([notice for _, notice in due]) if due else []
        for (row, _), notification in zip(due, recorded, strict=True):
            row.notification = notification
        Reminder.objects.bulk_update(rows, ["handed_at", "notification"])
    return len(rows)


# Reminders the chair's office sends now ------------------------------------------------------

AUDIENCES = {
    "everyone": "Everyone on the list",
    "not_answered": "Those who have not answered",
    "unrepresented": "The agencies not yet represented",
}


def audience_of(meeting: Meeting, audience: str) -> list[Invitee]:
    """Who a reminder sent now goes to: everyone on the list (but those who declined), those
    who have not answered, or everyone of an agency nobody will attend for."""
    on_list = [
        i
        for i in meeting.invitees.filter(removed_at__isnull=True).select_related("person", "agency")
        if i.response != Invitee.Response.NOT_ATTENDING
    ]
    if audience == "everyone":
        return on_list
    if audience == "not_answered":
        return [i for i in on_list if not i.response]
    if audience == "unrepresented":
        by_agency: dict[int, list[Invitee]] = {}
        for i in meeting.invitees.filter(removed_at__isnull=True):
            by_agency.setdefault(i.agency_id, []).append(i)
        covered = {agency for agency, people in by_agency.items() if selectors.represented(people)}
        return [i for i in on_list if i.agency_id and i.agency_id not in covered]
    raise ValidationError({"audience": "Choose who the reminder goes to."})


def meeting_remind_now(*, actor: User, meeting: Meeting, audience: str, message: str) -> int:
    """A reminder with the chair's office's own words, sent now to `audience`; returns how many
    people it went to. Each sending is its own occasion, so it reaches each person once."""
    import uuid

    _require_manages(actor, meeting.body)
    MEETING.require(meeting, "remind")
    people = audience_of(meeting, audience)
    if not people:
        raise ValidationError({"audience": "Nobody is in that group now; nothing was sent."})
    occasion = f"custom-{uuid.uuid4().hex[:12]}"
    with transaction.atomic():
        notifications_send_many(
            [
                Notice(
                    kind="meeting.custom_reminder",
                    recipient=invitee.person.email,
                    context=_context(meeting, invitee, message=message, sender=actor),
                    about=meeting,
                    occasion=occasion,
                    reply_to=tuple(chairs_office_addresses(meeting)),
                )
                for invitee in people
            ]
        )
        log_event(
            "meeting.reminded",
            actor=actor,
            target=meeting,
            audience=audience,
            recipients=len(people),
        )
    return len(people)
