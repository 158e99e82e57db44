"""A portrait built as a file (PDF or Word) by the worker: asked for by the chair's office,
its progress shown on the page while it is built, then kept and offered for download."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PortraitFile(models.Model):
    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting"
        BUILDING = "building", "Being built"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    fiscal_year = models.PositiveSmallIntegerField()
    cycle = models.ForeignKey(
        "spog.ReportingCycle", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    format = models.CharField(max_length=4, choices=Format.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    file = models.FileField(upload_to="spog/portraits/", blank=True, editable=False)
    entry_count = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [
            models.Index(fields=["fiscal_year", "cycle", "-requested_at"]),
            models.Index(fields=["status", "requested_at"]),
        ]

    def __str__(self):
        return f"Portrait FY {self.fiscal_year} ({self.get_format_display()})"

    @property
    def filename(self) -> str:
        period = f"-{self.cycle.period}" if self.cycle_id else ""
        return f"portrait-fy{self.fiscal_year}{period}.{self.format}"
