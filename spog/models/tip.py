"""The Trafficking in Persons Report data call: for a report year, the chair's office assigns
the U.S. narrative's sections to agencies (one of them leading each), agencies contribute text
and data by the deadline, and the compiled draft is circulated for review."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models


class DataCall(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open for contributions"
        CLOSED = "closed", "Closed"
        CIRCULATED = "circulated", "Compiled draft circulated"

    report_year = models.PositiveSmallIntegerField(unique=True)
    deadline = models.DateField()
    reminder_days = models.PositiveSmallIntegerField(default=5)
    remind_on = models.DateField(editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    instructions = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-report_year"]
        indexes = [models.Index(fields=["status", "reminded_at", "remind_on"])]

    def __str__(self):
        return f"{self.report_year} TIP Report data call"

    def save(self, *args, **kwargs):
        self.remind_on = self.deadline - datetime.timedelta(days=self.reminder_days)
        super().save(*args, **kwargs)

    @property
    def compiled(self) -> list:
        """The sections with their contributions rendered (the circulation's document page)."""
        from spog.tip import html_of, sections_of

        views = sections_of(self)
        for view in views:
            for contribution in view.contributions:
                contribution.html = html_of(contribution)
        return views


class Section(models.Model):
    class Kind(models.TextChoices):
        PROFILE = "profile", "Trafficking Profile"
        PROSECUTION = "prosecution", "Prosecution"
        PROTECTION = "protection", "Protection"
        PREVENTION = "prevention", "Prevention"
        RECOMMENDATIONS = "recommendations", "Recommendations"

    call = models.ForeignKey(DataCall, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    position = models.PositiveSmallIntegerField()
    lead_agency = models.ForeignKey(
        "pitf.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agencies = models.ManyToManyField("pitf.Agency", related_name="+", blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["call", "position"]
        constraints = [models.UniqueConstraint(fields=["call", "kind"], name="spog_section_once")]

    def __str__(self):
        return self.get_kind_display()


class Contribution(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="contributions")
    agency = models.ForeignKey("pitf.Agency", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(help_text="Markdown: headings, lists, links.")
    data = models.TextField(
        "Figures and data", blank=True, help_text="One figure per line, with its source."
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["section", "agency__acronym"]
        constraints = [
            models.UniqueConstraint(fields=["section", "agency"], name="spog_contribution_once")
        ]

    def __str__(self):
        return f"{self.agency.acronym}: {self.section}"
