"""The legislation working group's tracker of bills: each bill as the Government Publishing
Office's bill status data describes it (imported or typed in), and each agency's view of it."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Bill(models.Model):
    class Type(models.TextChoices):
        HR = "hr", "H.R."
        S = "s", "S."
        HJRES = "hjres", "H.J.Res."
        SJRES = "sjres", "S.J.Res."
        HCONRES = "hconres", "H.Con.Res."
        SCONRES = "sconres", "S.Con.Res."
        HRES = "hres", "H.Res."
        SRES = "sres", "S.Res."

    congress = models.PositiveSmallIntegerField()
    bill_type = models.CharField("Type", max_length=10, choices=Type.choices)
    number = models.PositiveIntegerField()
    title = models.TextField()
    sponsor = models.CharField(max_length=200, blank=True)
    introduced_on = models.DateField(null=True, blank=True)
    latest_action = models.TextField(blank=True)
    latest_action_on = models.DateField(null=True, blank=True)
    committees = models.TextField(blank=True, help_text="One a line.")
    link = models.URLField(blank=True, max_length=500)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-congress", "bill_type", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "bill_type", "number"], name="bill_once_per_congress"
            )
        ]

    def __str__(self):
        return f"{self.label}, {self.title}"[:200]

    @property
    def label(self) -> str:
        return f"{self.get_bill_type_display()} {self.number} ({self.congress}th Congress)"


class AgencyView(models.Model):
    class Position(models.TextChoices):
        SUPPORT = "support", "Support"
        OPPOSE = "oppose", "Oppose"
        TECHNICAL = "technical", "Technical comments"
        NONE = "none", "No position"

    bill = models.ForeignKey(Bill, on_delete=models.CASCADE, related_name="views")
    agency = models.ForeignKey("pitf.Agency", on_delete=models.PROTECT, related_name="+")
    position = models.CharField(max_length=12, choices=Position.choices)
    comments = models.TextField(blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["bill", "agency__acronym"]
        constraints = [models.UniqueConstraint(fields=["bill", "agency"], name="agency_view_once")]

    def __str__(self):
        return f"{self.agency.acronym} on {self.bill.label}: {self.get_position_display()}"
