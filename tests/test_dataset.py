"""The data set of many years (`manage.py generate_dataset`), made small: it keeps the rules the
services keep (no overlapping principals or memberships, every designation inside its agency's
membership of the body, one designation per person and body at a time) and the same seed makes
the same rows."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from pitf.models import AuditEvent, Designation, Membership, User

pytestmark = pytest.mark.django_db
ARGS = ["--years", "4", "--seed", "7", "--until", "2026-11-30", "--scale", "0.01"]


def fingerprint() -> list[tuple]:
    return sorted(
        Designation.objects.values_list(
            "person__email", "agency__acronym", "body__short_name", "role", "start_date", "end_date"
        )
    )


class Rollback(Exception):
    pass


def test_the_data_set_keeps_the_rules_and_is_the_same_for_a_seed():
    out = io.StringIO()
    try:
        with transaction.atomic():
            call_command("generate_dataset", *ARGS, stdout=out)
            first = fingerprint()
            counts = (User.objects.count(), AuditEvent.objects.count())
            raise Rollback
    except Rollback:
        pass
    assert "audit-log entries: 10,000" in out.getvalue()
    call_command("generate_dataset", *ARGS, stdout=io.StringIO())
    assert fingerprint() == first and len(first) > 100
    assert (User.objects.count(), AuditEvent.objects.count()) == counts

    designations = Designation.objects.all()
    # Every designation inside a membership of its agency in its body.
    covering = Membership.objects.filter(
        agency=OuterRef("agency"), body=OuterRef("body"), start_date__lte=OuterRef("start_date")
    ).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("end_date"), end_date__isnull=False)
    )
    outside = designations.exclude(Exists(covering))
    assert not outside.exists(), list(outside[:5])
    # No two principals of one agency in one body on one day; one designation per person and
    # body; principals handed over, so there is history.
    for model_rows, key in (
        (designations.filter(role="principal"), ("agency_id", "body_id")),
        (designations, ("person_id", "body_id")),
    ):
        spans: dict[tuple, list] = {}
        for row in model_rows:
            spans.setdefault(tuple(getattr(row, k) for k in key), []).append(row)
        for rows in spans.values():
            rows.sort(key=lambda r: r.start_date)
            for earlier, later in zip(rows, rows[1:], strict=False):
                assert earlier.end_date is not None and earlier.end_date < later.start_date
    assert designations.filter(role="principal", end_date__lt=datetime.date(2026, 1, 1)).exists()
