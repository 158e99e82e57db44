"""Trackers across agencies: a list of requirements or recommendations (rows) against the
participating agencies (columns). Each cell holds an agency's status with a dated note and its
evidence, and every change of it is kept. A cell not yet written is "not started"."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from pitf.uploads import stored_path


def evidence_path(instance, filename: str) -> str:
    return stored_path("committees/evidence", filename)


class Tracker(models.Model):
    body = models.ForeignKey("pitf.Body", on_delete=models.PROTECT, related_name="trackers")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    agencies = models.ManyToManyField("pitf.Agency", related_name="trackers", blank=True)
    # Empty for the trackers shipped as reference data.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["body", "title"]
        constraints = [
            models.UniqueConstraint(fields=["body", "title"], name="tracker_title_once_per_body")
        ]

    def __str__(self):
        return self.title


class TrackerRow(models.Model):
    """A requirement or recommendation: its reference (a clause, an action's number) and text."""

    tracker = models.ForeignKey(Tracker, on_delete=models.CASCADE, related_name="rows")
    position = models.PositiveIntegerField()
    reference = models.CharField(max_length=60, blank=True)
    text = models.TextField()
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["tracker", "position", "pk"]

    def __str__(self):
        return f"{self.reference} {self.text}".strip()[:120]


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    IMPLEMENTED = "implemented", "Implemented"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class TrackerCell(models.Model):
    row = models.ForeignKey(TrackerRow, on_delete=models.CASCADE, related_name="cells")
    agency = models.ForeignKey("pitf.Agency", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    reason = models.TextField(blank=True, help_text="Why it does not apply.")
    note = models.TextField(blank=True)
    noted_on = models.DateField(null=True, blank=True)
    evidence_link = models.URLField(blank=True, max_length=500)
    evidence_file = models.FileField(upload_to=evidence_path, blank=True, max_length=300)
    evidence_name = models.CharField(max_length=200, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["row", "agency__acronym"]
        constraints = [
            models.UniqueConstraint(fields=["row", "agency"], name="tracker_cell_once"),
            models.CheckConstraint(
                condition=~Q(status="not_applicable") | ~Q(reason=""),
                name="tracker_cell_not_applicable_with_reason",
            ),
        ]

    def __str__(self):
        return f"{self.agency.acronym}, {self.row}"


class TrackerCellChange(models.Model):
    """One change of a cell, as it was written: the cell's history."""

    cell = models.ForeignKey(TrackerCell, on_delete=models.CASCADE, related_name="changes")
    status = models.CharField(max_length=20, choices=Status.choices)
    reason = models.TextField(blank=True)
    note = models.TextField(blank=True)
    noted_on = models.DateField(null=True, blank=True)
    evidence_link = models.URLField(blank=True, max_length=500)
    evidence_name = models.CharField(max_length=200, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cell", "-changed_at", "-pk"]

    def __str__(self):
        return f"{self.cell}, {self.changed_at:%B %-d, %Y}"
