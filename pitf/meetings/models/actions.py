"""What a meeting decides and who is to do what: decisions recorded against its agenda items,
and action items owned by an agency (and a person) with a due date, a status and dated updates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Decision(models.Model):
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="decisions"
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    text = models.TextField("Decision")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self):
        return self.text[:80]


class ActionItem(models.Model):
    """Something an agency (and one of its people) is to do by a date, from a meeting."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="action_items"
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    title = models.CharField("What is to be done", max_length=300)
    owner_agency = models.ForeignKey(
        "pitf.Agency", on_delete=models.PROTECT, related_name="action_items"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="action_items",
    )
    due_date = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    dropped_reason = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When it is next reminded if still open: the day after it is due, then a week after each
    # reminder (pitf.meetings.services.actions); each overdue week is reminded once.
    next_reminder_on = models.DateField(editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="dropped") | ~Q(dropped_reason=""),
                name="action_item_dropped_with_reason",
            )
        ]
        indexes = [
            models.Index(
                fields=["owner_agency", "due_date"],
                condition=Q(status__in=["open", "in_progress"]),
                name="action_open_by_agency",
            ),
            models.Index(
                fields=["next_reminder_on"],
                condition=Q(status__in=["open", "in_progress"]),
                name="action_reminder_due",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class ActionUpdate(models.Model):
    """A dated note on an action item's progress, with the status it moved to."""

    action_item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(max_length=12, choices=ActionItem.Status.choices)
    note = models.TextField(blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-written_at", "-pk"]

    def __str__(self):
        return f"{self.action_item}: {self.get_status_display()}"
