"""The Administration-wide priorities and strategic objectives that agencies' accomplishments
serve: a plan covers a period and holds priorities, each with its objectives. Shipped as
reference data (spog/data/priorities.yaml) and kept by the SPOG chair's office."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


class PlanQuerySet(models.QuerySet):
    def current_on(self, day):
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=day), start_date__lte=day)


class Plan(models.Model):
    name = models.CharField(max_length=200, unique=True)
    start_date = models.DateField()
    end_date = models.DateField(
        null=True, blank=True, help_text="Leave empty while the plan is in force."
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "A plan ends on or after the day it starts."})

    @property
    def span(self) -> str:
        end = f"{self.end_date:%B %-d, %Y}" if self.end_date else "in force"
        return f"{self.start_date:%B %-d, %Y} – {end}"


class Priority(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    position = models.PositiveSmallIntegerField(default=1)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="spog_priority_name_once")
        ]

    def __str__(self):
        return self.name


class Objective(models.Model):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="objectives")
    position = models.PositiveSmallIntegerField(default=1)
    text = models.CharField("Objective", max_length=300)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["priority__position", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["priority", "text"], name="spog_objective_once")
        ]

    def __str__(self):
        return f"{self.code} {self.text}"

    @property
    def code(self) -> str:
        """E.g. "2.3": the third objective of the plan's second priority."""
        return f"{self.priority.position}.{self.position}"
