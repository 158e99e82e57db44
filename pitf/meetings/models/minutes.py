"""A meeting's minutes: drafted by the chair's office in Markdown (a summary per agenda item and
the decisions taken), circulated to the agencies that attended for their concurrence or
comments, approved once every comment is resolved, and then locked: a new version only by an
explicit amendment that says why. Every version is kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Minutes(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        CIRCULATED = "circulated", "Circulated for concurrence"
        APPROVED = "approved", "Approved"

    meeting = models.OneToOneField(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="minutes"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name_plural = "minutes"

    def __str__(self):
        return f"Minutes of {self.meeting}"

    # What circulation reads of a document (pitf.circulation.models.Circulation.handling).
    handling_marking = "Pre-decisional / Deliberative"
    controlled = False

    def current_html(self):
        """The latest version, rendered and sanitised (pitf.meetings.minutes), for a page."""
        from django.utils.safestring import mark_safe

        from pitf.meetings.minutes import rendered

        latest = self.versions.order_by("-number").first()
        return mark_safe(rendered(latest.text)) if latest else ""  # noqa: S308  # nosec B308 B703


class MinutesVersion(models.Model):
    """One version of the text: the first draft, each saved change while a draft, each
    amendment (with its reason)."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField(help_text="Markdown.")
    reason = models.CharField(
        "Why amended", max_length=500, blank=True, help_text="For an amendment: why."
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["minutes", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="minutes_version_once")
        ]

    def __str__(self):
        return f"{self.minutes}, version {self.number}"
