"""A grant solicitation (a notice of funding opportunity) an agency drafts and circulates."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from grants.models.documents import GrantDocument, _cui_has_category, _list_indexes
from grants.models.vocabulary import FUNDING_CATEGORIES, NOT_NEGATIVE, SOLICITATION_FIELDS
from grants.uploads import nofo_path


class Solicitation(GrantDocument):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        CIRCULATED = "circulated", "Circulated for comment"
        COMMENTS_CLOSED = "comments_closed", "Comments closed"
        POSTED = "posted", "Posted"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Instrument(models.TextChoices):
        GRANT = "G", "Grant"
        COOPERATIVE_AGREEMENT = "CA", "Cooperative agreement"
        PROCUREMENT_CONTRACT = "PC", "Procurement contract"
        OTHER = "O", "Other"

    FINAL = Status.POSTED
    EDITABLE_FIELDS = SOLICITATION_FIELDS
    # What a reviewer's comment may be about: the sections of a notice of funding opportunity
    # (2 CFR 200, appendix I), offered in the comment form.
    comment_sections = (
        "Basic information",
        "Eligibility",
        "Program description",
        "Application contents and format",
        "Submission requirements and deadlines",
        "Application review information",
        "Award notices",
        "Post-award requirements and administration",
        "Contacts and support",
        "Other information",
        "Appendix",
    )

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    opportunity_number = models.CharField(
        max_length=40, help_text="The funding opportunity number, e.g. O-OVC-2027-000123."
    )
    funding_instrument = models.CharField(max_length=2, choices=Instrument.choices)
    category = models.CharField(
        "Category of funding activity", max_length=3, choices=FUNDING_CATEGORIES
    )
    estimated_total_funding = models.DecimalField(
        max_digits=14, decimal_places=2, validators=[NOT_NEGATIVE]
    )
    award_ceiling = models.DecimalField(max_digits=14, decimal_places=2, validators=[NOT_NEGATIVE])
    award_floor = models.DecimalField(max_digits=14, decimal_places=2, validators=[NOT_NEGATIVE])
    expected_awards = models.PositiveIntegerField("Expected number of awards")
    cost_sharing = models.BooleanField("Cost sharing or matching required", default=False)
    eligible_applicants = models.JSONField(default=list, help_text="Grants.gov's codes.")
    planned_post_date = models.DateField()
    planned_close_date = models.DateField()
    summary = models.TextField()
    priorities = models.TextField("PITF priorities it serves", blank=True)
    # The draft NOFO: stored under a random name (grants.uploads), downloaded under this one.
    nofo = models.FileField("Draft NOFO", upload_to=nofo_path, blank=True, editable=False)
    nofo_name = models.CharField(max_length=200, blank=True, editable=False)

    class Meta:
        ordering = ["-fiscal_year", "planned_post_date", "title"]
        indexes = _list_indexes("grants_solicitation", ordering)
        constraints = [
            models.CheckConstraint(
                condition=Q(award_ceiling__gte=F("award_floor")),
                name="solicitation_ceiling_not_below_floor",
            ),
            models.CheckConstraint(
                condition=Q(planned_close_date__gt=F("planned_post_date")),
                name="solicitation_closes_after_posting",
            ),
            _cui_has_category("solicitation_cui_has_category"),
        ]

    def __str__(self):
        return f"{self.opportunity_number}: {self.title}"

    @property
    def introduction(self) -> str:
        return (
            f"{self.opportunity_number}: a {self.get_funding_instrument_display().lower()} of "
            f"{self.agency.name} ({self.agency.acronym})."
        )

    def problems(self) -> dict[str, str]:
        errors = {}
        if (
            self.award_ceiling is not None
            and self.award_floor is not None
            and self.award_ceiling < self.award_floor
        ):
            errors["award_ceiling"] = "The award ceiling cannot be below the award floor."
        if (
            self.estimated_total_funding is not None
            and self.award_ceiling is not None
            and self.estimated_total_funding < self.award_ceiling
        ):
            errors["estimated_total_funding"] = (
                "The estimated total funding cannot be below the award ceiling: the total pays "
                "for at least the largest award."
            )
        if (
            self.planned_post_date
            and self.planned_close_date
            and self.planned_close_date <= self.planned_post_date
        ):
            errors["planned_close_date"] = "The planned close date must come after posting."
        return errors
