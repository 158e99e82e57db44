"""Meetings of a body, who is invited to each and what they answered, who attended, and
what each meeting keeps (pitf.meetings.models.records)."""

from __future__ import annotations

import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from pitf.meetings.models.actions import ActionItem, ActionUpdate, Decision
from pitf.meetings.models.minutes import Minutes, MinutesVersion
from pitf.meetings.models.records import (
    AgendaItem,
    DocumentMarking,
    DocumentVersion,
    MeetingDocument,
)

__all__ = [
    "ActionItem",
    "ActionUpdate",
    "AgendaItem",
    "Attendance",
    "BodyMeetingSettings",
    "CalendarFeed",
    "CalendarReply",
    "Decision",
    "DocumentMarking",
    "DocumentVersion",
    "Invitee",
    "Meeting",
    "MeetingDocument",
    "Minutes",
    "MinutesVersion",
    "Reminder",
]


def valid_time_zone(name: str) -> None:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(
            f"{name!r} is not a time zone; use an IANA name such as America/New_York."
        ) from error


def new_uid() -> str:
    return f"{uuid.uuid4()}@pitf-hub"


class Meeting(models.Model):
    class Kind(models.TextChoices):
        REGULAR = "regular", "Regular meeting"
        SPECIAL = "special", "Special meeting"
        ANNUAL = "annual", "Annual principals' meeting"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"

    body = models.ForeignKey("pitf.Body", on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    time_zone = models.CharField(
        max_length=64,
        default="America/New_York",
        validators=[valid_time_zone],
        help_text="The zone the meeting is held in (an IANA name).",
    )
    place = models.CharField(max_length=300, blank=True)
    video_link = models.URLField(max_length=500, blank=True)
    dial_in = models.CharField(max_length=300, blank=True)
    notes = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    # iCalendar: one UID for the meeting's life; SEQUENCE raised by every change sent out.
    uid = models.CharField(max_length=100, unique=True, default=new_uid, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    change_reason = models.TextField(
        blank=True, help_text="Why it was last rescheduled or cancelled (sent in the notices)."
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The agenda as last published to the invitees (pitf.meetings.agenda.published_lines), so
    # that publishing again says what changed; how many times it was published.
    agenda_published = models.JSONField(default=list, blank=True, editable=False)
    agenda_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    agenda_publications = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["body", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.zone)

    @property
    def cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class Invitee(models.Model):
    """A person invited to a meeting, why, and their answer. A person taken off the list keeps
    the row (`removed_at`), so that the cancellation they were sent is on record."""

    class Source(models.TextChoices):
        PRINCIPAL = "principal", "Principal"
        ALTERNATE = "alternate", "Alternate"
        CHAIR = "chair", "Chair"
        CHAIRS_OFFICE = "chairs_office", "Chair's office"
        ADDED = "added", "Added by the chair's office"
        SENT_IN_PLACE = "sent_in_place", "Sent in place of the principal"

    class Response(models.TextChoices):
        NONE = "", "No answer yet"
        IN_PERSON = "in_person", "Attending in person"
        REMOTELY = "remotely", "Attending remotely"
        NOT_ATTENDING = "not_attending", "Not attending"
        SENDING_ALTERNATE = "sending_alternate", "Sending an alternate"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitees")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meeting_invitations"
    )
    agency = models.ForeignKey(
        "pitf.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The agency the person represents at the meeting, if any.",
    )
    source = models.CharField(max_length=20, choices=Source.choices)
    response = models.CharField(max_length=20, choices=Response.choices, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    alternate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Whom the person sends in their place.",
    )
    removed_at = models.DateTimeField(null=True, blank=True)
    # Taken off by the chair's office: the directory's next change does not put them back; only
    # adding them again does.
    removed_by_hand = models.BooleanField(default=False)
    # How many times the person was put on the list: each time is an invitation of its own (and
    # each removal a cancellation of its own), so the outbox's deduplication never swallows one.
    times_invited = models.PositiveSmallIntegerField(default=1)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["meeting", "agency__name", "person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="invitee_once_per_meeting")
        ]

    def __str__(self):
        return f"{self.person} to {self.meeting}"

    @property
    def on_list(self) -> bool:
        return self.removed_at is None

    @property
    def occasion_suffix(self) -> str:
        """Added to its notices' occasions from the second time on the list."""
        return "" if self.times_invited == 1 else f"-again-{self.times_invited}"


DEFAULT_REMINDER_DAYS = [7, 1]


class BodyMeetingSettings(models.Model):
    """How a body's meetings remind their invitees: days before the meeting (7 and 1 unless
    the chair's office sets otherwise)."""

    class Quorum(models.TextChoices):
        NONE = "none", "No quorum rule"
        MAJORITY = "majority", "A majority of the member agencies"
        TWO_THIRDS = "two_thirds", "Two-thirds of the member agencies"

    body = models.OneToOneField("pitf.Body", on_delete=models.CASCADE, related_name="+")
    reminder_days = models.JSONField(
        default=list, help_text="Days before the meeting, e.g. [7, 1]; empty for none."
    )
    quorum = models.CharField(
        max_length=12,
        choices=Quorum.choices,
        default=Quorum.MAJORITY,
        help_text="How many member agencies must be represented for the meeting to decide.",
    )
    proposal_days = models.PositiveSmallIntegerField(
        "Agenda proposals close (days before)",
        default=5,
        help_text="Agencies propose agenda items until this many days before the meeting.",
    )

    def __str__(self):
        return f"Meeting settings of {self.body}"


class Attendance(models.Model):
    """A person who attended a meeting, for which agency and how, as the chair's office
    recorded it at or after the meeting. Someone who was not on the list is recorded with the
    reason they attended."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        REMOTE = "remote", "Remotely"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(
        "pitf.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The agency the person represented, if any.",
    )
    mode = models.CharField(max_length=10, choices=Mode.choices)
    not_invited_reason = models.CharField(
        max_length=300, blank=True, help_text="Why someone who was not on the list attended."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting", "agency__name", "person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="attendance_once_per_meeting"
            )
        ]

    def __str__(self):
        return f"{self.person} at {self.meeting}"


class Reminder(models.Model):
    """One reminder of one meeting to one invitee, due at a time: created when the meeting is
    scheduled, re-planned when it moves, handed to the notification outbox once when due."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="reminders")
    invitee = models.ForeignKey(Invitee, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField()
    # The start it reminds of: a meeting moved to another time is a new occasion that gets all
    # its reminders, though those of the old time were already sent.
    for_start = models.DateTimeField()
    due_at = models.DateTimeField()
    handed_at = models.DateTimeField(
        null=True, blank=True, help_text="When it went to the notification outbox."
    )
    notification = models.ForeignKey(
        "pitf.Notification", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "invitee", "days_before", "for_start"],
                name="reminder_once_per_offset_and_start",
            )
        ]
        indexes = [
            models.Index(
                fields=["due_at"], condition=Q(handed_at__isnull=True), name="reminder_waiting"
            )
        ]

    def __str__(self):
        return f"{self.days_before}-day reminder of {self.meeting} to {self.invitee.person}"


class CalendarFeed(models.Model):
    """A person's private calendar feed: the address holds a secret token (only its SHA-256 is
    kept), opens without signing in, and stops working when revoked or replaced."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Calendar feed of {self.person}"


class CalendarReply(models.Model):
    """An answer that came back from a calendar program (an iTIP REPLY mailed to an
    invitation's reply address), kept by its Message-ID so that it counts once, with what the
    hub did with it."""

    class Outcome(models.TextChoices):
        RECORDED = "recorded", "Recorded as the person's answer"
        IGNORED = "ignored", "Ignored"

    message_id = models.CharField(max_length=500, unique=True)
    invitee = models.ForeignKey(
        Invitee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    partstat = models.CharField(max_length=20, blank=True)
    sequence = models.PositiveIntegerField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reason = models.CharField(max_length=300, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.partstat or 'Reply'} {self.message_id}"
