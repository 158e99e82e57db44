"""A proposed award an agency circulates before it is made."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from grants.models.documents import GrantDocument, _cui_has_category, _list_indexes
from grants.models.solicitations import Solicitation
from grants.models.vocabulary import AWARD_FIELDS, POSITIVE, US_STATES, validate_uei


class Award(GrantDocument):
    """A proposed award (a grant, cooperative agreement or technical assistance) an agency
    circulates for comment before it makes it, so that the same work is not funded twice."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        CIRCULATED = "circulated", "Circulated for comment"
        COMMENTS_CLOSED = "comments_closed", "Comments closed"
        MADE = "made", "Awarded"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class AwardType(models.TextChoices):
        GRANT = "grant", "Grant"
        COOPERATIVE_AGREEMENT = "cooperative_agreement", "Cooperative agreement"
        TECHNICAL_ASSISTANCE = "technical_assistance", "Technical assistance"

    FINAL = Status.MADE
    EDITABLE_FIELDS = AWARD_FIELDS
    comment_sections = (
        "Recipient",
        "Amount",
        "Period of performance",
        "Program",
        "Purpose",
        "Population served",
        "Geography",
        "Linked solicitation",
    )
    SHOWN_WITH = ("agency", "solicitation__agency")

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    award_type = models.CharField("Type of award", max_length=24, choices=AwardType.choices)
    recipient_name = models.CharField("Recipient", max_length=250)
    recipient_uei = models.CharField(
        "Recipient's Unique Entity ID (UEI)",
        max_length=12,
        validators=[validate_uei],
        help_text="The 12 characters SAM.gov gives the recipient.",
    )
    recipient_city = models.CharField("Recipient's city", max_length=100)
    recipient_state = models.CharField(
        "Recipient's state or territory",
        max_length=2,
        blank=True,
        choices=US_STATES,
        help_text="For a recipient in the United States.",
    )
    recipient_country = models.CharField(
        "Recipient's country",
        max_length=100,
        blank=True,
        help_text="For a recipient outside the United States.",
    )
    amount = models.DecimalField(max_digits=14, decimal_places=2, validators=[POSITIVE])
    period_start = models.DateField("Period of performance starts")
    period_end = models.DateField("Period of performance ends")
    program = models.CharField(max_length=250, help_text="The program the award is made under.")
    purpose = models.TextField()
    solicitation = models.ForeignKey(
        Solicitation,
        verbose_name="Linked solicitation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
        help_text="The agency's solicitation the award answers, if any.",
    )

    class Meta:
        verbose_name = "proposed award"
        ordering = ["-fiscal_year", "period_start", "recipient_name"]
        indexes = _list_indexes("grants_award", ordering)
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gt=F("period_start")),
                name="award_period_ends_after_start",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="award_amount_positive"),
            models.CheckConstraint(
                condition=(Q(recipient_state="") & ~Q(recipient_country=""))
                | (~Q(recipient_state="") & Q(recipient_country="")),
                name="award_recipient_in_a_state_or_a_country",
            ),
            _cui_has_category("award_cui_has_category"),
        ]

    def __str__(self):
        return f"{self.recipient_name}: {self.title}"

    @property
    def introduction(self) -> str:
        return (
            f"A proposed {self.get_award_type_display().lower()} of {self.agency.name} "
            f"({self.agency.acronym}) to {self.recipient_name}."
        )

    def clean_fields(self, exclude=None):
        self.recipient_uei = (self.recipient_uei or "").strip().upper()
        super().clean_fields(exclude)

    @property
    def recipient_place(self) -> str:
        return f"{self.recipient_city}, {self.recipient_state or self.recipient_country}"

    def problems(self) -> dict[str, str]:
        errors = {}
        if self.period_start and self.period_end and self.period_end <= self.period_start:
            errors["period_end"] = "The period of performance must end after it starts."
        if self.recipient_state and self.recipient_country:
            errors["recipient_country"] = (
                "Give a state for a recipient in the United States, or a country for one "
                "outside it, not both."
            )
        elif not self.recipient_state and not self.recipient_country.strip():
            errors["recipient_state"] = (
                "Choose the recipient's state, or give its country if it is outside the "
                "United States."
            )
        if (
            self.solicitation_id
            and self.agency_id
            and self.solicitation.agency_id != self.agency_id
        ):
            errors["solicitation"] = "Link one of your agency's own solicitations."
        return errors
