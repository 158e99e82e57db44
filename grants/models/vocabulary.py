"""The words of grant documents: Grants.gov's codes, the populations and places, the markings, the
fields each form shows, and the checks of an assistance listing and a UEI."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

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
