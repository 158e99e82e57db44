"""Writes of the statistics: indicators defined by the Research & Data Committee (and the SPOG
chair's office), values entered by an agency for itself or imported from a CSV file, all of it
or, on any error, nothing, with the row and column of every error."""

from __future__ import annotations

import csv
import decimal
import io
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from pitf.audit import log_event
from pitf.models import Agency, User
from pitf.roles import roles_of
from spog.access import defines_statistics, enters_values_for
from spog.models import Indicator, IndicatorValue

HEADER = ["indicator", "agency", "fiscal_year", "value"]
MOST_ERRORS = 50  # listed; the count says how many more


def _require_definer(actor: User) -> None:
    if not defines_statistics(roles_of(actor)):
        raise PermissionDenied(
            "Only the Research & Data Committee's offices and the SPOG chair's office do that."
        )


def indicator_create(*, actor: User, **values) -> Indicator:
    _require_definer(actor)
    with transaction.atomic():
        indicator = Indicator(created_by=actor, **values)
        indicator.full_clean()
        indicator.save()
        log_event("spog.indicator_created", actor=actor, target=indicator)
    return indicator


def value_record(
    *, actor: User, indicator: Indicator, agency: Agency, fiscal_year: int, value
) -> IndicatorValue:
    """An agency's value for a fiscal year, new or replacing the one recorded."""
    if not enters_values_for(actor, roles_of(actor), agency.pk):
        raise PermissionDenied(f"Only {agency.acronym}'s staff enter its figures.")
    with transaction.atomic():
        row, _ = IndicatorValue.objects.update_or_create(
            indicator=indicator,
            agency=agency,
            fiscal_year=fiscal_year,
            defaults={"value": value, "entered_by": actor},
        )
        row.full_clean()
        log_event(
            "spog.value_recorded",
            actor=actor,
            target=indicator,
            agency=agency.acronym,
            fiscal_year=fiscal_year,
            value=str(value),
        )
    return row


@dataclass(frozen=True)
class Imported:
    created: int
    updated: int


def _rows(text: str):
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(reader, None)
    if header is None or [h.strip().lower() for h in header] != HEADER:
        raise ValidationError(
            f"Row 1: the header must be {','.join(HEADER)} (it is "
            f"{','.join(header or []) or 'empty'})."
        )
    yield from enumerate(reader, start=2)


def values_import(*, actor: User, text: str) -> Imported:
    """Import `indicator,agency,fiscal_year,value` rows (the indicator by name, the agency by
    acronym). Every row is checked first; with any error nothing is imported and each error is
    named by its row and column. A value already recorded is replaced; importing the same file
    again changes nothing."""
    _require_definer(actor)
    indicators = {i.name.lower(): i.pk for i in Indicator.objects.only("pk", "name")}
    agencies = {a.acronym.upper(): a.pk for a in Agency.objects.only("pk", "acronym")}
    errors: list[str] = []
    seen: dict[tuple, int] = {}
    rows = []
    for number, row in _rows(text):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(HEADER):
            errors.append(f"Row {number}: {len(row)} columns, where the header has 4.")
            continue
        name, acronym, year, value = (cell.strip() for cell in row)
        indicator = indicators.get(name.lower())
        if indicator is None:
            errors.append(f"Row {number}, column indicator: no indicator is named “{name}”.")
        agency = agencies.get(acronym.upper())
        if agency is None:
            errors.append(f"Row {number}, column agency: no agency has the acronym “{acronym}”.")
        if not year.isdigit() or not 2000 <= int(year) <= 2100:
            errors.append(f"Row {number}, column fiscal_year: “{year}” is not a fiscal year.")
        try:
            amount = decimal.Decimal(value.replace(",", ""))
            if not amount.is_finite() or amount < 0 or amount >= 10**14:
                raise decimal.InvalidOperation
        except decimal.InvalidOperation:
            errors.append(f"Row {number}, column value: “{value}” is not a number of zero or more.")
            amount = None
        if indicator and agency and year.isdigit():
            key = (indicator, agency, int(year))
            if key in seen:
                errors.append(
                    f"Row {number}: the same indicator, agency and fiscal year as row {seen[key]}."
                )
            seen[key] = number
        if amount is not None and indicator and agency and year.isdigit():
            rows.append((indicator, agency, int(year), amount.quantize(decimal.Decimal("0.01"))))
    if errors:
        more = len(errors) - MOST_ERRORS
        listed = errors[:MOST_ERRORS] + ([f"… and {more} more errors."] if more > 0 else [])
        raise ValidationError(["Nothing was imported.", *listed])
    if not rows:
        raise ValidationError("The file has no rows to import.")
    return _upsert(actor, rows)


def _upsert(actor: User, rows) -> Imported:
    now = timezone.now()
    with transaction.atomic():
        recorded = {
            (i, a, y): v
            for i, a, y, v in IndicatorValue.objects.filter(
                indicator_id__in={r[0] for r in rows}, fiscal_year__in={r[2] for r in rows}
            ).values_list("indicator_id", "agency_id", "fiscal_year", "value")
        }
        changed = [row for row in rows if recorded.get(row[:3]) != row[3]]
        IndicatorValue.objects.bulk_create(
            [
                IndicatorValue(
                    indicator_id=i,
                    agency_id=a,
                    fiscal_year=y,
                    value=v,
                    entered_by=actor,
                    entered_at=now,
                )
                for i, a, y, v in changed
            ],
            update_conflicts=True,
            unique_fields=["indicator", "agency", "fiscal_year"],
            update_fields=["value", "entered_by", "entered_at"],
            batch_size=1000,
        )
        created = sum(1 for row in changed if row[:3] not in recorded)
        result = Imported(created=created, updated=len(changed) - created)
        log_event(
            "spog.values_imported", actor=actor, created=result.created, updated=result.updated
        )
    return result
