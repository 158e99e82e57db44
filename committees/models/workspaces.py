"""A committee's or working group's workspace: its charter in versions (one approved per date),
its announcements, and, for a working group, its close-out and the sunset reminder's record."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Workspace(models.Model):
    """What the hub keeps of a body beyond the directory's row: a working group's close-out and
    the sunset it was last reminded of (claimed by the periodic reminder)."""

    body = models.OneToOneField("pitf.Body", on_delete=models.PROTECT, related_name="workspace")
    closed_on = models.DateField(null=True, blank=True)
    close_out_summary = models.TextField(
        blank=True, help_text="What the working group delivered (Markdown)."
    )
    sunset_reminded_for = models.DateField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["body__name"]

    def __str__(self):
        return f"Workspace of the {self.body}"


class Charter(models.Model):
    """One version of a body's charter. The approved version with the latest approval date is
    the charter in force; no two versions of a body are approved on the same date."""

    body = models.ForeignKey("pitf.Body", on_delete=models.PROTECT, related_name="charters")
    number = models.PositiveIntegerField()
    text = models.TextField(help_text="Markdown.")
    approved_on = models.DateField(null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["body", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="charter_number_once"),
            models.UniqueConstraint(
                fields=["body", "approved_on"],
                condition=Q(approved_on__isnull=False),
                name="charter_one_approval_per_date",
            ),
        ]

    def __str__(self):
        return f"Charter of the {self.body}, version {self.number}"


class Announcement(models.Model):
    """Posted by the body's chair's office, e-mailed to the body's people once."""

    body = models.ForeignKey("pitf.Body", on_delete=models.PROTECT, related_name="announcements")
    title = models.CharField(max_length=200)
    text = models.TextField(help_text="Markdown.")
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    posted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["body", "-posted_at", "-pk"]
        indexes = [models.Index(fields=["body", "-posted_at"])]

    def __str__(self):
        return self.title
