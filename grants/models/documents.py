"""What a solicitation and a proposed award have in common: the drafting agency, the title, the
marking and the workflow's state."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from grants.models.vocabulary import (
    ASSISTANCE_LISTING,
    FISCAL_YEARS,
    PREDECISIONAL,
    Marking,
    TraffickingType,
)


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
