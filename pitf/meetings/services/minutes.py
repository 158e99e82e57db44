"""A meeting's minutes: drafted by the chair's office at or after the meeting, circulated for
concurrence (the core's circulation) to the agencies that attended, approved once every comment
is resolved, then locked; an amendment (with its reason) makes a new draft version. Every
version is kept."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pitf.audit import log_event
from pitf.circulation import services as circulation
from pitf.circulation.models import Circulation, Comment, Recipient
from pitf.concurrency import current_at, save_versioned
from pitf.meetings import agenda, documents
from pitf.meetings.minutes import first_draft
from pitf.meetings.models import Attendance, Meeting, Minutes, MinutesVersion
from pitf.meetings.services.notices import _require_manages
from pitf.meetings.workflows import MEETING, MINUTES
from pitf.models import User


def _version(minutes: Minutes, text: str, actor: User, reason: str = "") -> MinutesVersion:
    last = minutes.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return MinutesVersion.objects.create(
        minutes=minutes, number=last + 1, text=text, reason=reason, written_by=actor
    )


def minutes_start(*, actor: User, meeting: Meeting) -> Minutes:
    """The first draft, written from the agenda and the decisions (at or after the meeting)."""
    _require_manages(actor, meeting.body)
    MEETING.require(meeting, "record_outcomes")
    with transaction.atomic():
        existing = Minutes.objects.select_for_update().filter(meeting=meeting).first()
        if existing is not None:
            return existing
        minutes = Minutes.objects.create(meeting=meeting)
        items = agenda.agenda_of(meeting, documents.documents_of(meeting))
        decisions = list(meeting.decisions.all())
        _version(minutes, first_draft(meeting, items, decisions), actor)
        log_event("meeting.minutes_started", actor=actor, target=meeting)
    return minutes


def minutes_save(*, actor: User, minutes: Minutes, expected_version: int, text: str):
    """Save the draft's text as a new version (refused once circulated or approved)."""
    _require_manages(actor, minutes.meeting.body)
    if not text.strip():
        raise ValidationError({"text": "Write the minutes."})
    with transaction.atomic():
        minutes = current_at(minutes, expected_version)
        MINUTES.require(minutes, "edit")
        save_versioned(minutes, expected_version=expected_version, update_fields=["status"])
        version = _version(minutes, text.strip() + "\n", actor)
        log_event(
            "meeting.minutes_saved", actor=actor, target=minutes.meeting, version=version.number
        )
    return version


def attending_agencies(meeting: Meeting) -> list:
    from pitf.models import Agency

    attended = Attendance.objects.filter(meeting=meeting).values("agency_id")
    return list(Agency.objects.filter(pk__in=attended).order_by("name"))


def circulation_of(minutes: Minutes) -> Circulation | None:
    """The minutes' latest circulation for concurrence."""
    from django.contrib.contenttypes.models import ContentType

    return (
        Circulation.objects.filter(
            document_type=ContentType.objects.get_for_model(Minutes), document_id=str(minutes.pk)
        )
        .order_by("-pk")
        .first()
    )


def minutes_circulate(
    *, actor: User, minutes: Minutes, expected_version: int, deadline: datetime.date
) -> Circulation:
    """Circulate the draft for concurrence to the agencies that attended (the chair's office's
    own agency owns the circulation); each concurs (no comment) or comments by the deadline."""
    meeting = minutes.meeting
    _require_manages(actor, meeting.body)
    if actor.agency_id is None:
        raise ValidationError("Only a person of an agency circulates the minutes.")
    agencies = [a for a in attending_agencies(meeting) if a.pk != actor.agency_id]
    if not agencies:
        raise ValidationError(
            "No other agency's attendance is recorded: record who attended first; the minutes "
            "go to the agencies that attended."
        )
    with transaction.atomic():
        minutes = current_at(minutes, expected_version)
        fields = MINUTES.move(minutes, "circulate")
        started = circulation.circulation_start(
            actor=actor,
            document=minutes,
            owner_agency=actor.agency,
            title=f"Minutes: {meeting.title}",
            deadline=deadline,
            body=meeting.body,
            agencies=agencies,
            message="Please concur (answer “no comment”) or comment on the draft minutes.",
        )
        save_versioned(minutes, expected_version=expected_version, update_fields=fields)
        log_event("meeting.minutes_circulated", actor=actor, target=meeting)
    return started


def unresolved_comments(minutes: Minutes) -> int:
    found = circulation_of(minutes)
    if found is None:
        return 0
    return Comment.objects.filter(
        recipient__circulation=found,
        recipient__answer=Recipient.Answer.COMMENTS,
        resolution="",
    ).count()


def minutes_approve(*, actor: User, minutes: Minutes, expected_version: int) -> Minutes:
    """Approve the circulated minutes (refused while a comment is unresolved): they are locked."""
    _require_manages(actor, minutes.meeting.body)
    with transaction.atomic():
        minutes = current_at(minutes, expected_version)
        fields = MINUTES.move(minutes, "approve")
        open_comments = unresolved_comments(minutes)
        if open_comments:
            raise ValidationError(
                f"{open_comments} comment{'s are' if open_comments != 1 else ' is'} not "
                "resolved yet: resolve every comment on the circulation's page first."
            )
        minutes.approved_at, minutes.approved_by = timezone.now(), actor
        save_versioned(
            minutes,
            expected_version=expected_version,
            update_fields=[*fields, "approved_at", "approved_by"],
        )
        log_event("meeting.minutes_approved", actor=actor, target=minutes.meeting)
    return minutes


def minutes_amend(
    *, actor: User, minutes: Minutes, expected_version: int, reason: str, text: str
) -> MinutesVersion:
    """Amend approved minutes: a new version, with why; they become a draft again."""
    _require_manages(actor, minutes.meeting.body)
    errors = {}
    if not reason.strip():
        errors["reason"] = "Say why the approved minutes are amended."
    if not text.strip():
        errors["text"] = "Write the minutes."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        minutes = current_at(minutes, expected_version)
        fields = MINUTES.move(minutes, "amend")
        minutes.approved_at, minutes.approved_by = None, None
        save_versioned(
            minutes,
            expected_version=expected_version,
            update_fields=[*fields, "approved_at", "approved_by"],
        )
        version = _version(minutes, text.strip() + "\n", actor, reason=reason.strip())
        log_event("meeting.minutes_amended", actor=actor, target=minutes.meeting, reason=reason)
    return version


def circulation_ended(*, circulation: Circulation, actor) -> None:
    """A withdrawn circulation makes the minutes a draft again; a closed one leaves them ready
    to approve."""
    if circulation.status != Circulation.Status.WITHDRAWN:
        return
    minutes = Minutes.objects.filter(pk=circulation.document_id).first()
    if minutes is not None and minutes.status == Minutes.Status.CIRCULATED:
        Minutes.objects.filter(pk=minutes.pk).update(status=Minutes.Status.DRAFT)
