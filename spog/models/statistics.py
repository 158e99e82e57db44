"""The Research & Data Committee's statistics: indicators (what is counted, in what unit, by
whose definition and from what source) and each agency's value per fiscal year."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models


class Indicator(models.Model):
    name = models.CharField(max_length=200, unique=True)
    unit = models.CharField(max_length=60, help_text="E.g. “victims”, “cases”, “US$”.")
    definition = models.TextField()
    owning_agency = models.ForeignKey(
        "pitf.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="Owning agency"
    )
    source = models.CharField(max_length=300, help_text="Where the figures come from.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    agency = models.ForeignKey("pitf.Agency", on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField()
    value = models.DecimalField(max_digits=16, decimal_places=2, validators=[MinValueValidator(0)])
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator", "fiscal_year", "agency__acronym"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "agency", "fiscal_year"], name="spog_value_once"
            )
        ]

    def __str__(self):
        return f"{self.indicator}, {self.agency.acronym}, FY {self.fiscal_year}: {self.value}"
