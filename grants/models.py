"""Grant solicitations (notices of funding opportunity an agency plans to post) with the fields
Grants.gov uses and the ones anti-trafficking coordination needs, circulated to the SPOG's
agencies for comment through the core's circulation (pitf.circulation)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q

ASSISTANCE_LISTING = RegexValidator(
    r"^\d{2}\.\d{3}$",
    "An assistance listing number is two digits, a dot and three digits, e.g. 16.320.",
)
NOT_NEGATIVE = MinValueValidator(0, "Enter an amount of zero or more.")

# Grants.gov's eligible applicant types, by its codes.
ELIGIBLE_APPLICANTS = [
    ("00", "State governments"),
    ("01", "County governments"),
    ("02", "City or township governments"),
    ("04", "Special district governments"),
    ("05", "Independent school districts"),
    ("06", "Public and State controlled institutions of higher education"),
    ("07", "Native American tribal governments (Federally recognized)"),
    ("08", "Public housing authorities/Indian housing authorities"),
    ("11", "Native American tribal organizations (other than Federally recognized)"),
    ("12", "Nonprofits having a 501(c)(3) status with the IRS"),
    ("13", "Nonprofits that do not have a 501(c)(3) status with the IRS"),
    ("20", "Private institutions of higher education"),
    ("21", "Individuals"),
    ("22", "For profit organizations other than small businesses"),
    ("23", "Small businesses"),
    ("25", "Others"),
    ("99", "Unrestricted"),
]
# Grants.gov's categories of funding activity (those anti-trafficking funding falls under, and
# "Other").
FUNDING_CATEGORIES = [
    ("CD", "Community Development"),
    ("ED", "Education"),
    ("ELT", "Employment, Labor and Training"),
    ("HL", "Health"),
    ("HO", "Housing"),
    ("IS", "Information and Statistics"),
    ("ISS", "Income Security and Social Services"),
    ("LJL", "Law, Justice and Legal Services"),
    ("ST", "Science and Technology and other Research and Development"),
    ("O", "Other"),
]
POPULATIONS = [
    ("adults", "Adults"),
    ("minors", "Minors"),
    ("foreign_nationals", "Foreign nationals"),
    ("us_citizens", "U.S. citizens"),
    ("survivors", "Survivors"),
]
PREDECISIONAL = "Pre-decisional / Deliberative"
# What the agency fills in and may change, in the order its form shows them.
SOLICITATION_FIELDS = [
    "opportunity_number",
    "title",
    "assistance_listing",
    "funding_instrument",
    "category",
    "estimated_total_funding",
    "award_ceiling",
    "award_floor",
    "expected_awards",
    "cost_sharing",
    "eligible_applicants",
    "planned_post_date",
    "planned_close_date",
    "fiscal_year",
    "summary",
    "populations",
    "trafficking_type",
    "geography",
    "priorities",
    "marking",
    "cui_category",
]


class Solicitation(models.Model):
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

    class TraffickingType(models.TextChoices):
        SEX = "sex", "Sex trafficking"
        LABOR = "labor", "Labor trafficking"
        BOTH = "both", "Both"

    class Marking(models.TextChoices):
        PREDECISIONAL = "predecisional", PREDECISIONAL
        CUI = "cui", "Controlled Unclassified Information (CUI)"

    agency = models.ForeignKey("pitf.Agency", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    opportunity_number = models.CharField(
        max_length=40, help_text="The funding opportunity number, e.g. O-OVC-2027-000123."
    )
    title = models.CharField(max_length=250)
    assistance_listing = models.CharField(
        "Assistance listing number", max_length=6, validators=[ASSISTANCE_LISTING]
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
    fiscal_year = models.PositiveSmallIntegerField()
    summary = models.TextField()
    populations = models.JSONField("Population served", default=list)
    trafficking_type = models.CharField(max_length=5, choices=TraffickingType.choices)
    geography = models.CharField(
        max_length=500, help_text="U.S. states or countries served, e.g. 'TX, NM, AZ' or 'Mexico'."
    )
    priorities = models.TextField("PITF priorities it serves", blank=True)
    marking = models.CharField(
        max_length=20, choices=Marking.choices, default=Marking.PREDECISIONAL
    )
    cui_category = models.CharField(
        "CUI category",
        max_length=40,
        blank=True,
        help_text="With a CUI marking: its category, e.g. SP-PRVCY (privacy).",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-fiscal_year", "planned_post_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(award_ceiling__gte=F("award_floor")),
                name="solicitation_ceiling_not_below_floor",
            ),
            models.CheckConstraint(
                condition=Q(planned_close_date__gt=F("planned_post_date")),
                name="solicitation_closes_after_posting",
            ),
            models.CheckConstraint(
                condition=~Q(marking="cui") | ~Q(cui_category=""),
                name="solicitation_cui_has_category",
            ),
        ]

    def __str__(self):
        return f"{self.opportunity_number}: {self.title}"

    @property
    def handling_marking(self) -> str:
        """The marking printed on its pages and exports (the circulation's exports read it)."""
        if self.marking == self.Marking.CUI:
            return f"CUI//{self.cui_category}"
        return PREDECISIONAL

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if (
            self.award_ceiling is not None
            and self.award_floor is not None
            and self.award_ceiling < self.award_floor
        ):
            errors["award_ceiling"] = "The award ceiling cannot be below the award floor."
        if (
            self.planned_post_date
            and self.planned_close_date
            and self.planned_close_date <= self.planned_post_date
        ):
            errors["planned_close_date"] = "The planned close date must come after posting."
        if self.marking == self.Marking.CUI and not self.cui_category.strip():
            errors["cui_category"] = "A CUI marking names its category."
        if errors:
            raise ValidationError(errors)
