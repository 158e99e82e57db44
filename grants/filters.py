"""The filters of the solicitations and proposed awards lists (django-filter), read from the
query string: both filter by agency, fiscal year, status, assistance listing, population,
trafficking type and geography, and sort."""

from __future__ import annotations

import django_filters
from django.db import connection

from grants.models import POPULATIONS, Award, Solicitation, TraffickingType
from pitf.models import Agency


class GrantDocumentFilter(django_filters.FilterSet):
    agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.order_by("name"), empty_label="All"
    )
    fiscal_year = django_filters.NumberFilter(label="Fiscal year")
    assistance_listing = django_filters.CharFilter(label="Assistance listing number")
    population = django_filters.ChoiceFilter(
        label="Population served", choices=POPULATIONS, empty_label="All", method="served"
    )
    trafficking_type = django_filters.ChoiceFilter(
        choices=TraffickingType.choices, empty_label="All"
    )
    geography = django_filters.CharFilter(lookup_expr="icontains", label="Geography contains")

    def served(self, queryset, name, value):
        if connection.vendor == "postgresql":
            return queryset.filter(populations__contains=[value])
        return queryset.filter(populations__icontains=f'"{value}"')  # the embedded SQLite


def _status(model) -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(choices=model.Status.choices, empty_label="All")


def _order(*fields: tuple[str, str, str]) -> django_filters.OrderingFilter:
    """Sorting by (field, query value, label), after the agency and fiscal year."""
    fields = (
        ("title", "title", "Title"),
        ("agency__acronym", "agency", "Agency"),
        *fields,
        ("fiscal_year", "year", "Fiscal year"),
    )
    return django_filters.OrderingFilter(
        label="Sort by",
        empty_label="Fiscal year, newest first",
        fields=[(field, value) for field, value, _ in fields],
        field_labels={field: label for field, _, label in fields},
    )


class SolicitationFilter(GrantDocumentFilter):
    status = _status(Solicitation)
    order = _order(("planned_post_date", "post", "Planned post date"))

    class Meta:
        model = Solicitation
        fields = []


class AwardFilter(GrantDocumentFilter):
    status = _status(Award)
    order = _order(
        ("recipient_name", "recipient", "Recipient"),
        ("amount", "amount", "Amount"),
        ("period_start", "start", "Start of performance"),
    )

    class Meta:
        model = Award
        fields = []
