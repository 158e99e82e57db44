"""The grant documents an agency circulates to the SPOG's agencies for comment through the core's
circulation (pitf.circulation): solicitations (notices of funding opportunity it plans to post),
with the fields Grants.gov uses, and proposed awards (grants, cooperative agreements and technical
assistance it plans to make), each with what anti-trafficking coordination needs to see."""

from grants.models.awards import Award
from grants.models.documents import GrantDocument
from grants.models.solicitations import Solicitation
from grants.models.vocabulary import (
    ASSISTANCE_LISTING,
    AWARD_FIELDS,
    ELIGIBLE_APPLICANTS,
    FISCAL_YEARS,
    FUNDING_CATEGORIES,
    NOT_NEGATIVE,
    POPULATIONS,
    POSITIVE,
    PREDECISIONAL,
    SOLICITATION_FIELDS,
    UEI_ALPHABET,
    US_STATES,
    Marking,
    TraffickingType,
    uei_check_character,
    validate_uei,
)

__all__ = [
    "ASSISTANCE_LISTING",
    "AWARD_FIELDS",
    "Award",
    "ELIGIBLE_APPLICANTS",
    "FISCAL_YEARS",
    "FUNDING_CATEGORIES",
    "GrantDocument",
    "Marking",
    "NOT_NEGATIVE",
    "POPULATIONS",
    "POSITIVE",
    "PREDECISIONAL",
    "SOLICITATION_FIELDS",
    "Solicitation",
    "TraffickingType",
    "UEI_ALPHABET",
    "US_STATES",
    "uei_check_character",
    "validate_uei",
]
