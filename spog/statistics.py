"""Reads of the statistics: an indicator's values as a table of agencies by fiscal year, with
the totals of each year (read in two queries whatever the number of values)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Max, Sum

from spog.models import Indicator, IndicatorValue


@dataclass
class ValueTable:
    years: list[int]
    rows: list[tuple[str, list]]  # (agency acronym, value per year or None)
    totals: list  # total per year


def value_table(indicator: Indicator) -> ValueTable:
    values = IndicatorValue.objects.filter(indicator=indicator).values_list(
        "agency__acronym", "fiscal_year", "value"
    )
    by_agency: dict[str, dict[int, object]] = defaultdict(dict)
    years: set[int] = set()
    for acronym, year, value in values:
        by_agency[acronym][year] = value
        years.add(year)
    ordered = sorted(years)
    return ValueTable(
        years=ordered,
        rows=[
            (acronym, [cells.get(year) for year in ordered])
            for acronym, cells in sorted(by_agency.items())
        ],
        totals=[
            sum(cells[year] for cells in by_agency.values() if year in cells) for year in ordered
        ],
    )


def indicators_listed():
    """Each indicator with its latest fiscal year and that year's total."""
    indicators = list(
        Indicator.objects.select_related("owning_agency").annotate(
            latest_year=Max("values__fiscal_year")
        )
    )
    latest = {
        (indicator_id, year): total
        for indicator_id, year, total in IndicatorValue.objects.values_list(
            "indicator_id", "fiscal_year"
        )
        .annotate(total=Sum("value"))
        .order_by()
    }
    for indicator in indicators:
        indicator.latest_total = latest.get((indicator.pk, indicator.latest_year))
    return indicators
