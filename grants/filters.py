"""The filters of the solicitations list (django-filter), read from the query string."""

from __future__ import annotations

import django_filters
from django.db import connection

from grants.models import POPULATIONS, Solicitation
from pitf.models import Agency


class SolicitationFilter(django_filters.FilterSet):
    agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.order_by("name"), empty_label="All"
    )
    fiscal_year = django_filters.NumberFilter(label="Fiscal year")
    status = django_filters.ChoiceFilter(choices=Solicitation.Status.choices, empty_label="All")
    assistance_listing = django_filters.CharFilter(label="Assistance listing number")
    population = django_filters.ChoiceFilter(
        label="Population served", choices=POPULATIONS, empty_label="All", method="served"
    )
    trafficking_type = django_filters.ChoiceFilter(
        choices=Solicitation.TraffickingType.choices, empty_label="All"
    )
    geography = django_filters.CharFilter(lookup_expr="icontains", label="Geography contains")
    order = django_filters.OrderingFilter(
        label="Sort by",
        empty_label="Fiscal year, newest first",
        fields=(
            ("title", "title"),
            ("agency__acronym", "agency"),
            ("planned_post_date", "post"),
            ("fiscal_year", "year"),
        ),
        field_labels={
            "title": "Title",
            "agency__acronym": "Agency",
            "planned_post_date": "Planned post date",
            "fiscal_year": "Fiscal year",
        },
    )

    class Meta:
        model = Solicitation
        fields = []

    def served(self, queryset, name, value):
        if connection.vendor == "postgresql":
            return queryset.filter(populations__contains=[value])
        return queryset.filter(populations__icontains=f'"{value}"')  # the embedded SQLite
