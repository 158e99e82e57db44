"""Writes of meetings: schedule, reschedule, cancel, and keep the list of invitees, each change
sending the calendar notices it calls for (through the notification outbox, once each)."""

from __future__ import annotations

import datetime
import zoneinfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from pitf import workdays
from pitf.audit import log_event
from pitf.concurrency import current_at, save_versioned
from pitf.formats import long_date
from pitf.links import page_link
from pitf.meetings import calendar, plan, replies, selectors
from pitf.meetings.models import Invitee, Meeting
from pitf.meetings.workflows import INVITEE, MEETING
from pitf.models import Body, User
from pitf.notifications.services import Attachment, notification_send
from pitf.roles import roles_of
from pitf.tokens import new_token, token_hash

CALENDAR_REQUEST = "text/calendar; method=REQUEST"
CALENDAR_CANCEL = "text/calendar; method=CANCEL"


def _require_manages(actor: User, body: Body) -> None:
    if not selectors.manages_meetings_of(roles_of(actor), body.pk):
        raise PermissionDenied(
            f"Only the {body.name}'s chair's office and site administrators schedule and change "
            "its meetings."
        )


def meeting_link(meeting: Meeting) -> str:
    return page_link("meetings:detail", meeting.pk)


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


# Notices ------------------------------------------------------------------------------------


def _agencies_with_alternates(meeting: Meeting) -> set[int]:
    """The agencies that have an alternate in the meeting's body on its date: their people may
    send one (one query per meeting, kept on it while its notices are written)."""
    from pitf.models import Designation

    known = getattr(meeting, "_agencies_with_alternates", None)
    if known is None:
        known = set(
            Designation.objects.filter(
                body_id=meeting.body_id, role=Designation.Role.ALTERNATE, person__is_active=True
            )
            .current_on(meeting.local_start.date())
            .values_list("agency_id", flat=True)
        )
        meeting._agencies_with_alternates = known
    return known


def chairs_office_addresses(meeting: Meeting) -> list[str]:
    """Where a reply to a meeting's reminder goes: the body's chair's office today (the person
    who scheduled it if the office is empty), read once per meeting."""
    from pitf.models import BodyRole

    known = getattr(meeting, "_chairs_office_addresses", None)
    if known is None:
        known = sorted(
            set(
                BodyRole.objects.filter(
                    body_id=meeting.body_id,
                    role=BodyRole.Role.CHAIRS_OFFICE,
                    person__is_active=True,
                )
                .current_on(workdays.today_in_washington())
                .values_list("person__email", flat=True)
            )
        ) or [meeting.scheduled_by.email]
        meeting._chairs_office_addresses = known
    return known


def _context(meeting: Meeting, invitee: Invitee, **extra) -> dict:
    answer = page_link("meetings:rsvp", rsvp_token(invitee))
    return {
        "meeting": meeting,
        "invitee": invitee,
        "link": meeting_link(meeting),
        "answer_link": answer,
        # The e-mail offers to send an alternate only to someone who has one to send.
        "may_send_alternate": invitee.agency_id in _agencies_with_alternates(meeting)
        and invitee.source not in (Invitee.Source.ALTERNATE, Invitee.Source.SENT_IN_PLACE),
        **extra,
    }


def _send_invitation(
    meeting: Meeting,
    invitee: Invitee,
    attendees: list[Invitee],
    *,
    kind: str,
    occasion: str = "",
    **extra,
):
    """The invitation (or change) to one invitee, with the meeting's REQUEST naming
    `attendees`: each person's file names the invitation's own reply address as ORGANIZER, so
    that their calendar program's answer comes back to the hub (replies.py)."""
    ics = calendar.invitation_ics(
        meeting, attendees=attendees, organizer=replies.reply_address(invitee)
    )
    notification_send(
        kind=kind,
        recipient=invitee.person.email,
        context=_context(meeting, invitee, **extra),
        about=meeting,
        occasion=occasion or f"seq-{meeting.sequence}{invitee.occasion_suffix}",
        attachments=[Attachment("invite.ics", ics, CALENDAR_REQUEST)],
    )


def _send_cancellation(meeting: Meeting, invitee: Invitee, *, removed: bool = False):
    notification_send(
        kind="meeting.cancelled",
        recipient=invitee.person.email,
        context=_context(meeting, invitee, removed=removed),
        about=meeting,
        occasion=f"cancel-seq-{meeting.sequence}{invitee.occasion_suffix}",
        attachments=[
            Attachment(
                "cancel.ics",
                calendar.cancellation_ics(meeting, attendees=[invitee]),
                CALENDAR_CANCEL,
            )
        ],
    )


def _on_list(meeting: Meeting) -> list[Invitee]:
    return list(meeting.invitees.filter(removed_at__isnull=True).select_related("person", "agency"))


# The list of invitees -----------------------------------------------------------------------


def invitees_sync(
    *, meeting: Meeting, notify_kept: str | None = None, previous: dict | None = None
) -> tuple[int, int]:
    """Bring the list in line with the body on the meeting's date: people newly designated (or
    appointed) are invited, people whose designation ended before it are taken off and sent a
    cancellation; people added by hand or sent in someone's place stay. `notify_kept` sends the
    people who stay a notice of that kind (a change). Returns (added, removed)."""
    expected = {e.person.pk: e for e in selectors.expected_invitees(meeting)}
    rows = {i.person_id: i for i in meeting.invitees.select_related("person", "agency")}
    added, removed, kept = [], [], []
    now = timezone.now()
    for person_id, row in rows.items():
        automatic = row.source not in (Invitee.Source.ADDED, Invitee.Source.SENT_IN_PLACE)
        if row.on_list and automatic and person_id not in expected:
            row.removed_at = now
            row.save(update_fields=["removed_at"])
            removed.append(row)
        elif row.on_list:
            kept.append(row)
    for person_id, wanted in expected.items():
        row = rows.get(person_id)
        if row is None:
            row = Invitee.objects.create(
                meeting=meeting, person=wanted.person, agency=wanted.agency, source=wanted.source
            )
            added.append(row)
        elif not row.on_list and row.source != Invitee.Source.ADDED and not row.removed_by_hand:
            row.removed_at = None
            row.source = wanted.source
            row.times_invited += 1
            row.save(update_fields=["removed_at", "source", "times_invited"])
            added.append(row)
    attendees = kept + added
    if meeting.cancelled:
        return len(added), len(removed)
    for row in added:
        _send_invitation(meeting, row, attendees, kind="meeting.invitation")
    for row in removed:
        _send_cancellation(meeting, row, removed=True)
    if notify_kept:
        for row in kept:
            # `previous`: the time it moved from, said beside the new one.
            _send_invitation(meeting, row, attendees, kind=notify_kept, previous=previous)
    return len(added), len(removed)


def invitee_add(*, actor: User, meeting: Meeting, person: User) -> Invitee:
    _require_manages(actor, meeting.body)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        MEETING.require(meeting, "invite")
        if not person.is_active:
            raise ValidationError({"person": f"{person}'s account is not active."})
        row, created = Invitee.objects.get_or_create(
            meeting=meeting,
            person=person,
            defaults={"agency": person.agency, "source": Invitee.Source.ADDED},
        )
        if not created and not INVITEE.can(row, "invite_again"):
            raise ValidationError({"person": f"{person} is already invited."})
        if not created:
            row.removed_at = None
            row.removed_by_hand = False
            row.source = Invitee.Source.ADDED
            row.times_invited += 1
            row.save(update_fields=["removed_at", "removed_by_hand", "source", "times_invited"])
        _send_invitation(
            meeting,
            row,
            _on_list(meeting),
            kind="meeting.invitation",
        )
        reminders_plan(meeting=meeting)
        log_event("meeting.invitee_added", actor=actor, target=meeting, person=person.email)
    return row


def invitee_deactivated(*, actor: User, person: User) -> int:
    """The person's account was deactivated (people.services.user_deactivate, in its
    transaction): take them off every upcoming meeting's list, with no cancellation sent to an
    account that no longer signs in, and drop their waiting reminders. Returns how many lists."""
    rows = list(
        Invitee.objects.select_for_update(of=("self",))
        .filter(
            person=person,
            removed_at__isnull=True,
            meeting__starts_at__gt=timezone.now(),
            meeting__status=Meeting.Status.SCHEDULED,
        )
        .select_related("meeting", "meeting__body")
    )
    now = timezone.now()
    for invitee in rows:
        invitee.removed_at = now
        invitee.save(update_fields=["removed_at"])
        reminders_plan(meeting=invitee.meeting)
        log_event(
            "meeting.invitee_removed",
            actor=actor,
            target=invitee.meeting,
            person=person.email,
            reason="account deactivated",
        )
    return len(rows)


def invitee_remove(*, actor: User, meeting: Meeting, invitee: Invitee) -> Invitee:
    _require_manages(actor, meeting.body)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        MEETING.require(meeting, "take_off")
        invitee = Invitee.objects.select_for_update().select_related("person").get(pk=invitee.pk)
        if invitee.meeting_id != meeting.pk:
            raise ValidationError("That person is not on the list.")
        INVITEE.require(invitee, "take_off")
        invitee.removed_at = timezone.now()
        invitee.removed_by_hand = True
        invitee.save(update_fields=["removed_at", "removed_by_hand"])
        _send_cancellation(meeting, invitee, removed=True)
        reminders_plan(meeting=meeting)
        log_event(
            "meeting.invitee_removed", actor=actor, target=meeting, person=invitee.person.email
        )
    return invitee


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
        for invitee in _on_list(meeting):
            _send_cancellation(meeting, invitee)
        reminders_plan(meeting=meeting)
        log_event("meeting.cancelled", actor=actor, target=meeting, reason=reason)
    return meeting


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
        for row in rows:
            meeting, invitee = row.meeting, row.invitee
            if meeting.cancelled or not invitee.on_list or meeting.starts_at <= now:
                row.handed_at = now
                row.save(update_fields=["handed_at"])
                continue
            if invitee.response == Invitee.Response.NOT_ATTENDING:
                row.handed_at = now
                row.save(update_fields=["handed_at"])
                continue
            notification = notification_send(
                kind="meeting.reminder",
                recipient=invitee.person.email,
                context=_context(meeting, invitee, days_before=row.days_before),
                about=meeting,
                occasion=f"reminder-{row.days_before}d-seq-{meeting.sequence}",
                reply_to=chairs_office_addresses(meeting),
            )
            row.handed_at = now
            row.notification = notification
            row.save(update_fields=["handed_at", "notification"])
    return len(rows)


# Answers ------------------------------------------------------------------------------------

RSVP_SALT = "pitf.meetings.rsvp"


def rsvp_token(invitee: Invitee) -> str:
    """The signed part of the one-click answer links in the e-mails: it names the invitee and
    the meeting's sequence, so a link from before a change still opens the page (which shows
    the meeting as it is now) but a link for another person cannot be made."""
    from django.core import signing

    return signing.dumps({"i": invitee.pk, "m": invitee.meeting_id}, salt=RSVP_SALT, compress=True)


# An answer link is good for a year and a half (a fiscal year's plan is sent up to a year ahead)
# and never after its meeting is over.
RSVP_LINK_MAX_AGE = datetime.timedelta(days=550)


def rsvp_invitee(token: str) -> tuple[Invitee | None, str]:
    """The invitee of a signed link and "", or None and why the link does not work: "invalid"
    (tampered with, or the person is no longer on the list) or "expired" (too old, or its
    meeting is over)."""
    from django.core import signing

    try:
        data = signing.loads(token, salt=RSVP_SALT, max_age=RSVP_LINK_MAX_AGE)
    except signing.SignatureExpired:
        return None, "expired"
    except signing.BadSignature:
        return None, "invalid"
    if not isinstance(data, dict):
        return None, "invalid"
    invitee = (
        Invitee.objects.select_related("meeting", "meeting__body", "person", "agency")
        .filter(
            pk=data.get("i"),
            meeting_id=data.get("m"),
            removed_at__isnull=True,
            person__is_active=True,
        )
        .first()
    )
    if invitee is None:
        return None, "invalid"
    if invitee.meeting.ends_at <= timezone.now():
        return None, "expired"
    return invitee, ""


def alternates_for(invitee: Invitee) -> list[User]:
    """Whom a principal may send: the alternates of their agency in the body on the meeting's
    date (not themselves)."""
    from pitf.models import Designation

    if invitee.agency_id is None:
        return []
    day = invitee.meeting.local_start.date()
    return [
        d.person
        for d in Designation.objects.filter(
            body=invitee.meeting.body,
            agency_id=invitee.agency_id,
            role=Designation.Role.ALTERNATE,
            person__is_active=True,
        )
        .current_on(day)
        .exclude(person_id=invitee.person_id)
        .select_related("person")
        .order_by("person__full_name")
    ]


def invitee_answer(
    *, actor: User | None, invitee: Invitee, response: str, alternate: User | None = None
) -> Invitee:
    """Record an invitee's answer (from the meeting page, or a signed link with no actor: the
    invitee themselves). Sending an alternate names one of the agency's alternates, who is then
    invited."""
    if actor is not None and actor.pk != invitee.person_id:
        raise PermissionDenied("Only the invitee answers for themselves.")
    if response not in Invitee.Response.values or not response:
        raise ValidationError({"response": "Choose one of the answers."})
    with transaction.atomic():
        invitee = (
            Invitee.objects.select_for_update(of=("self",))
            .select_related("meeting", "meeting__body", "person", "agency")
            .get(pk=invitee.pk)
        )
        meeting = invitee.meeting
        MEETING.require(meeting, "answer")
        INVITEE.require(invitee, "answer")
        if response == Invitee.Response.SENDING_ALTERNATE:
            allowed = {person.pk for person in alternates_for(invitee)}
            if alternate is None or alternate.pk not in allowed:
                raise ValidationError(
                    {"alternate": "Choose one of your agency's alternates in this body."}
                )
        else:
            alternate = None
        sent_before = invitee.alternate_id
        invitee.response = response
        invitee.alternate = alternate
        invitee.responded_at = timezone.now()
        invitee.save(update_fields=["response", "alternate", "responded_at"])
        if sent_before is not None and sent_before != (alternate.pk if alternate else None):
            # The principal comes after all, or sends someone else: whom they had sent is taken
            # off the list and told, as anyone the list no longer holds.
            replaced = meeting.invitees.filter(
                person_id=sent_before, source=Invitee.Source.SENT_IN_PLACE, removed_at__isnull=True
            ).first()
            if replaced is not None:
                replaced.removed_at = timezone.now()
                replaced.save(update_fields=["removed_at"])
                _send_cancellation(meeting, replaced, removed=True)
        if alternate is not None:
            row, created = Invitee.objects.get_or_create(
                meeting=meeting,
                person=alternate,
                defaults={"agency": invitee.agency, "source": Invitee.Source.SENT_IN_PLACE},
            )
            if not created and not row.on_list:
                row.removed_at = None
                row.removed_by_hand = False
                row.source = Invitee.Source.SENT_IN_PLACE
                row.times_invited += 1
                row.save(update_fields=["removed_at", "removed_by_hand", "source", "times_invited"])
            if alternate.pk != sent_before:
                # Told, whether or not already on the list (an alternate of the body is), and
                # told by whom: an invitation of its own for each time they are sent.
                _send_invitation(
                    meeting,
                    row,
                    _on_list(meeting),
                    kind="meeting.invitation",
                    occasion=(
                        f"seq-{meeting.sequence}-in-place-of-{invitee.pk}-"
                        f"{invitee.responded_at:%Y%m%d%H%M%S%f}"
                    ),
                    sent_by=invitee.person,
                )
        reminders_plan(meeting=meeting)
        log_event(
            "meeting.answered",
            actor=actor or invitee.person,
            target=meeting,
            person=invitee.person.email,
            response=response,
            alternate=alternate.email if alternate else "",
        )
    return invitee


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
        for invitee in people:
            notification_send(
                kind="meeting.custom_reminder",
                recipient=invitee.person.email,
                context=_context(meeting, invitee, message=message, sender=actor),
                about=meeting,
                occasion=occasion,
                reply_to=chairs_office_addresses(meeting),
            )
        log_event(
            "meeting.reminded",
            actor=actor,
            target=meeting,
            audience=audience,
            recipients=len(people),
        )
    return len(people)


# The private calendar feed ------------------------------------------------------------------


def feed_issue(*, actor: User) -> str:
    """A new secret address for the person's calendar feed; any earlier one stops working.
    Returns the token, which is shown once and kept only as a hash."""
    from pitf.meetings.models import CalendarFeed

    token = new_token()
    with transaction.atomic():
        CalendarFeed.objects.filter(person=actor).delete()
        CalendarFeed.objects.create(person=actor, token_hash=token_hash(token))
        log_event("meeting.feed_issued", actor=actor, target=actor)
    return token


def feed_revoke(*, actor: User) -> bool:
    from pitf.meetings.models import CalendarFeed

    with transaction.atomic():
        deleted, _ = CalendarFeed.objects.filter(person=actor).delete()
        if deleted:
            log_event("meeting.feed_revoked", actor=actor, target=actor)
    return bool(deleted)


def feed_person(token: str) -> User | None:
    from pitf.meetings.models import CalendarFeed

    feed = (
        CalendarFeed.objects.select_related("person")
        .filter(token_hash=token_hash(token), person__is_active=True)
        .first()
    )
    return feed.person if feed else None
