"""Rules the database keeps, not only the services: spans of dates that must not overlap, as
PostgreSQL exclusion constraints. The embedded default (SQLite) has no exclusion constraints;
there the services' checks, made under a lock of the body, are the rule."""

from __future__ import annotations

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField, RangeBoundary, RangeOperators
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F, Func


class DateSpan(Func):
    """A row's start_date..end_date as an inclusive PostgreSQL daterange (no end: ongoing)."""

    function = "DATERANGE"
    output_field = DateRangeField()

    def __init__(self, start="start_date", end="end_date"):
        super().__init__(F(start), F(end), RangeBoundary(inclusive_upper=True))


class SpanExclusion(ExclusionConstraint):
    """An exclusion constraint on PostgreSQL and nothing elsewhere: its SQL and its validation
    (in full_clean, e.g. in the Django admin) are skipped on other databases."""

    @staticmethod
    def _postgres(connection) -> bool:
        return connection.vendor == "postgresql"

    def constraint_sql(self, model, schema_editor):
        return (
            super().constraint_sql(model, schema_editor)
            if self._postgres(schema_editor.connection)
            else None
        )

    def create_sql(self, model, schema_editor):
        return (
            super().create_sql(model, schema_editor)
            if self._postgres(schema_editor.connection)
            else None
        )

    def remove_sql(self, model, schema_editor):
        return (
            super().remove_sql(model, schema_editor)
            if self._postgres(schema_editor.connection)
            else None
        )

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        if self._postgres(connections[using]):
            super().validate(model, instance, exclude=exclude, using=using)


def no_overlap(*, name: str, same: list[str], message: str, condition=None) -> SpanExclusion:
    """Rows that agree on every field of `same` may not share a day."""
    return SpanExclusion(
        name=name,
        expressions=[
            *((field, RangeOperators.EQUAL) for field in same),
            (DateSpan(), RangeOperators.OVERLAPS),
        ],
        condition=condition,
        violation_error_message=message,
    )
