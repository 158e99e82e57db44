"""Accomplishment reporting: a cycle the SPOG chair's office opens for a fiscal-year period, one
report per participating agency, and the report's entries (trainings, research and reports,
grants and programs, statistics, information campaigns, other working groups' work), each
serving at least one objective, with the figures its category asks for. An entry shared by
several agencies is entered once, by one of them, and counts once, as shared, once every
partner has confirmed it."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from spog.periods import Period, bounds, label


class ReportingCycle(models.Model):
    fiscal_year = models.PositiveSmallIntegerField()
    period = models.CharField(max_length=4, choices=Period.choices)
    start_date = models.DateField(editable=False)
    end_date = models.DateField(editable=False)
    due_date = models.DateField()
    # Days before the due date when agencies that have not submitted are reminded.
    reminder_days = models.PositiveSmallIntegerField(default=7)
    remind_on = models.DateField(editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    instructions = models.TextField(blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-start_date", "-end_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "period"], name="spog_one_cycle_per_period"
            )
        ]
        indexes = [models.Index(fields=["reminded_at", "remind_on"])]

    def __str__(self):
        return label(self.fiscal_year, self.period)

    def save(self, *args, **kwargs):
        self.start_date, self.end_date = bounds(self.fiscal_year, self.period)
        self.remind_on = self.due_date - datetime.timedelta(days=self.reminder_days)
        super().save(*args, **kwargs)


class AgencyReport(models.Model):
    """One participating agency's report in a cycle: its staff draft entries, its
    representative submits, the chair's office accepts it or returns it with comments."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned"
        ACCEPTED = "accepted", "Accepted"

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="reports")
    agency = models.ForeignKey("pitf.Agency", on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["agency__acronym", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "agency"], name="spog_one_report_per_agency")
        ]
        indexes = [models.Index(fields=["agency", "status"])]

    def __str__(self):
        return f"{self.agency.acronym}, {self.cycle}"


class ReportVersion(models.Model):
    """What was submitted, as it was: every submission keeps the entries it held."""

    report = models.ForeignKey(AgencyReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    entries = models.JSONField(default=list)

    class Meta:
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="spog_report_version_once")
        ]

    def __str__(self):
        return f"{self.report}, version {self.number}"


class ReportReview(models.Model):
    """The chair's office's decision on a submission: accepted, or returned with comments."""

    report = models.ForeignKey(AgencyReport, on_delete=models.CASCADE, related_name="reviews")
    accepted = models.BooleanField()
    comments = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "-reviewed_at", "-pk"]

    def __str__(self):
        return f"{self.report}: {'accepted' if self.accepted else 'returned'}"


class CycleReminder(models.Model):
    """A reminder the chair's office wrote to agencies that have not submitted."""

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="reminders")
    message = models.TextField()
    agencies = models.ManyToManyField("pitf.Agency", related_name="+")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Reminder of {self.cycle}, {self.sent_at:%Y-%m-%d}"


class Category(models.TextChoices):
    TRAINING = "training", "Trainings"
    RESEARCH = "research", "Research and reports"
    GRANTS = "grants", "Grants and programs"
    STATISTICS = "statistics", "Statistics"
    CAMPAIGNS = "campaigns", "Information campaigns"
    WORKING_GROUPS = "working_groups", "Work of other interagency working groups"


# The figures each category asks for (the entry's form requires them); the others are optional.
REQUIRED_FIGURES = {
    Category.TRAINING: ("people_trained", "audience"),
    Category.RESEARCH: ("items_published",),
    Category.GRANTS: ("funds_awarded",),
    Category.STATISTICS: (),
    Category.CAMPAIGNS: ("items_published",),
    Category.WORKING_GROUPS: (),
}
# The figures the portrait totals.
TOTALLED = ("people_trained", "funds_awarded", "items_published", "cases", "victims_served")


class Entry(models.Model):
    report = models.ForeignKey(AgencyReport, on_delete=models.CASCADE, related_name="entries")
    category = models.CharField(max_length=20, choices=Category.choices)
    title = models.CharField(max_length=300)
    description = models.TextField()
    start_date = models.DateField("Began")
    end_date = models.DateField("Ended", null=True, blank=True)
    objectives = models.ManyToManyField("spog.Objective", related_name="entries")
    people_trained = models.PositiveIntegerField(null=True, blank=True)
    audience = models.CharField("Who was trained", max_length=200, blank=True)
    funds_awarded = models.DecimalField(
        "Funds awarded (US$)",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    items_published = models.PositiveIntegerField(null=True, blank=True)
    cases = models.PositiveIntegerField(null=True, blank=True)
    victims_served = models.PositiveIntegerField(null=True, blank=True)
    links = models.TextField(blank=True, help_text="One web address per line.")
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["report", "category", "pk"]
        verbose_name_plural = "entries"

    def __str__(self):
        return self.title

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class EntryPartner(models.Model):
    """Another agency the entry is shared with; it counts as shared once each has confirmed."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="partners")
    agency = models.ForeignKey("pitf.Agency", on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["entry", "agency__acronym"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "agency"], name="spog_partner_once")
        ]
        indexes = [models.Index(fields=["agency", "confirmed_at"])]

    def __str__(self):
        return f"{self.entry} (with {self.agency.acronym})"
