"""The grant documents an agency circulates to the SPOG's agencies for comment through the core's
circulation (pitf.circulation): solicitations (notices of funding opportunity it plans to post),
with the fields Grants.gov uses, and proposed awards (grants, cooperative agreements and technical
assistance it plans to make), each with what anti-trafficking coordination needs to see."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q

from grants.uploads import nofo_path

# ASCII digits only: Python's \d also takes other scripts' digits (Arabic-Indic, full-width).
ASSISTANCE_LISTING = RegexValidator(
    r"^[0-9]{2}\.[0-9]{3}$",
    "An assistance listing number is two digits, a dot and three digits, e.g. 16.320.",
)
NOT_NEGATIVE = MinValueValidator(0, "Enter an amount of zero or more.")
FISCAL_YEARS = [
    MinValueValidator(2000, "Enter a fiscal year from 2000 to 2100."),
    MaxValueValidator(2100, "Enter a fiscal year from 2000 to 2100."),
]
POSITIVE = MinValueValidator(Decimal("0.01"), "Enter an amount above zero.")

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
# Where the recipient of an award is, in the United States: the states, the District and the
# territories, by their USPS codes.
US_STATES = [
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"),
    ("CA", "California"), ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"),
    ("DC", "District of Columbia"), ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"),
    ("ID", "Idaho"), ("IL", "Illinois"), ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"),
    ("KY", "Kentucky"), ("LA", "Louisiana"), ("ME", "Maine"), ("MD", "Maryland"),
    ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"), ("MS", "Mississippi"),
    ("MO", "Missouri"), ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"),
    ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"),
    ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"),
    ("OR", "Oregon"), ("PA", "Pennsylvania"), ("RI", "Rhode Island"),
    ("SC", "South Carolina"), ("SD", "South Dakota"), ("TN", "Tennessee"), ("TX", "Texas"),
    ("UT", "Utah"), ("VT", "Vermont"), ("VA", "Virginia"), ("WA", "Washington"),
    ("WV", "West Virginia"), ("WI", "Wisconsin"), ("WY", "Wyoming"),
    ("AS", "American Samoa"), ("GU", "Guam"), ("MP", "Northern Mariana Islands"),
    ("PR", "Puerto Rico"), ("VI", "U.S. Virgin Islands"),
]  # fmt: skip
UEI_ALPHABET = frozenset("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789")  # no I, no O


def _digit_sum(values) -> int:
    """Each value times its position (from 1), modulo 10, summed."""
    return sum((value * position) % 10 for position, value in enumerate(values, start=1))


def uei_check_character(first_eleven: str) -> str:
    """SAM.gov's check character of a Unique Entity ID: the digit sum of the first eleven
    characters' codes, then of that sum's own digits until one digit is left."""
    total = _digit_sum(ord(character) for character in first_eleven)
    while total > 9:
        total = _digit_sum(int(digit) for digit in str(total))
    return str(total)


def validate_uei(value: str) -> None:
    """SAM.gov's Unique Entity ID rules: twelve letters and digits, no I or O, not starting with
    zero, no run of nine digits, and a check character at the end."""
    uei = (value or "").upper()
    if len(uei) != 12 or not set(uei) <= UEI_ALPHABET:
        raise ValidationError(
            "A Unique Entity ID is 12 letters and digits (no I or O), as SAM.gov shows it, "
            "e.g. YNDUZMUZF8H8.",
            code="uei_format",
        )
    if uei[0] == "0":
        raise ValidationError("A Unique Entity ID never starts with 0.", code="uei_format")
    if any(uei[i : i + 9].isdigit() for i in range(4)):
        raise ValidationError(
            "A Unique Entity ID never has nine digits in a row; that looks like a DUNS number or "
            "a taxpayer ID.",
            code="uei_format",
        )
    if uei_check_character(uei[:11]) != uei[11]:
        raise ValidationError(
            "This is not a Unique Entity ID: its last character does not check. Copy it again "
            "from SAM.gov.",
            code="uei_check",
        )


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


AWARD_FIELDS = [
    "award_type",
    "title",
    "recipient_name",
    "recipient_uei",
    "recipient_city",
    "recipient_state",
    "recipient_country",
    "amount",
    "period_start",
    "period_end",
    "program",
    "assistance_listing",
    "solicitation",
    "fiscal_year",
    "purpose",
    "populations",
    "trafficking_type",
    "geography",
    "marking",
    "cui_category",
]


class Marking(models.TextChoices):
    PREDECISIONAL = "predecisional", PREDECISIONAL
    CUI = "cui", "Controlled Unclassified Information (CUI)"


class TraffickingType(models.TextChoices):
    SEX = "sex", "Sex trafficking"
    LABOR = "labor", "Labor trafficking"
    BOTH = "both", "Both"


def _list_indexes(prefix: str, ordering: list[str]) -> list[models.Index]:
    """What a list of documents reads by: its default order, walked only until a page is full,
    and who may see a document (its agency and status, grants.selectors), counted for the pager
    from the index alone."""
    return [
        models.Index(fields=ordering, name=f"{prefix}_list_order"),
        models.Index(fields=["agency", "status"], include=["id"], name=f"{prefix}_visibility"),
    ]


class GrantDocument(models.Model):
    """What a solicitation and a proposed award share: the agency's draft, seen by it alone until
    circulated; its status following the circulation; what the lists filter by; its marking."""

    DRAFT = "draft"
    CIRCULATED = "circulated"
    COMMENTS_CLOSED = "comments_closed"
    WITHDRAWN = "withdrawn"
    # The status it ends in once the agency acts on it ("posted", "made"); set by each kind.
    FINAL = ""
    EDITABLE_FIELDS: list[str] = []
    # What its pages and lists show with it, fetched in the same query.
    SHOWN_WITH: tuple[str, ...] = ("agency",)

    Marking = Marking
    TraffickingType = TraffickingType

    agency = models.ForeignKey("pitf.Agency", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=250)
    assistance_listing = models.CharField(
        "Assistance listing number", max_length=6, validators=[ASSISTANCE_LISTING]
    )
    fiscal_year = models.PositiveSmallIntegerField(validators=FISCAL_YEARS)
    populations = models.JSONField("Population served", default=list)
    trafficking_type = models.CharField(max_length=5, choices=TraffickingType.choices)
    geography = models.CharField(
        max_length=500, help_text="U.S. states or countries served, e.g. 'TX, NM, AZ' or 'Mexico'."
    )
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
        abstract = True

    @property
    def controlled(self) -> bool:
        """Controlled Unclassified Information: its messages name it only neutrally."""
        return self.marking == Marking.CUI

    @property
    def handling_marking(self) -> str:
        """The marking printed on its pages and exports (the circulation's exports read it)."""
        if self.marking == Marking.CUI:
            return f"CUI//{self.cui_category}"
        return PREDECISIONAL

    def problems(self) -> dict[str, str]:
        """What the kind checks across its fields, by field."""
        return {}

    def clean(self):
        errors = self.problems()
        if self.marking == Marking.CUI and not self.cui_category.strip():
            errors["cui_category"] = "A CUI marking names its category."
        if errors:
            raise ValidationError(errors)


def _cui_has_category(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=~Q(marking="cui") | ~Q(cui_category=""), name=name)


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
