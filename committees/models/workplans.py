"""A body's work plan: deliverables owned by an agency (and a person), due on a date, with dated
progress updates and links to the meetings and action items where they were decided."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class Deliverable(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    OPEN = (Status.PLANNED, Status.IN_PROGRESS)

    body = models.ForeignKey("pitf.Body", on_delete=models.PROTECT, related_name="deliverables")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner_agency = models.ForeignKey(
        "pitf.Agency", on_delete=models.PROTECT, related_name="deliverables"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deliverables",
    )
    due_date = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    drop_reason = models.TextField(blank=True)
    meetings = models.ManyToManyField("meetings.Meeting", blank=True, related_name="deliverables")
    decisions = models.ManyToManyField("meetings.Decision", blank=True, related_name="deliverables")
    action_items = models.ManyToManyField(
        "meetings.ActionItem", blank=True, related_name="deliverables"
    )
    # When an overdue deliverable is reminded next (empty: when it falls overdue); claimed by
    # the periodic reminder, cleared when the due date changes.
    next_reminder_on = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="dropped") | ~Q(drop_reason=""),
                name="deliverable_dropped_with_reason",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    def overdue_on(self, day: datetime.date) -> bool:
        return self.is_open and self.due_date < day


class DeliverableUpdate(models.Model):
    """A dated note of progress on a deliverable."""

    deliverable = models.ForeignKey(Deliverable, on_delete=models.CASCADE, related_name="updates")
    day = models.DateField()
    text = models.TextField()
    status = models.CharField(max_length=20, choices=Deliverable.Status.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["deliverable", F("day").desc(), "-pk"]

    def __str__(self):
        return f"{self.deliverable}: {self.day:%B %-d, %Y}"
