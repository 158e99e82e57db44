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


def test_every_document_out_of_draft_was_circulated_to_the_spogs_other_members():
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Count, F

    from grants.models import Award, Solicitation
    from pitf.circulation.models import Circulation, Comment, Recipient

    out = io.StringIO()
    call_command("generate_dataset", *ARGS, stdout=out)
    assert "comments: 1,000" in out.getvalue()
    for model in (Solicitation, Award):
        kind = ContentType.objects.get_for_model(model)
        circulated = Circulation.objects.filter(document_type=kind)
        sent = model.objects.exclude(status="draft")
        assert sent.exists()
        assert sorted(circulated.values_list("document_id", flat=True)) == sorted(
            str(pk) for pk in sent.values_list("pk", flat=True)
        )
        # Open for comment exactly while the document is out for comment.
        open_ids = set(circulated.filter(status="open").values_list("document_id", flat=True))
        assert open_ids == {
            str(pk) for pk in sent.filter(status="circulated").values_list("pk", flat=True)
        }
    # Never the owner; only the SPOG's members on the day it was sent; once per agency.
    for recipient in Recipient.objects.select_related("circulation")[:500]:
        circulation = recipient.circulation
        assert recipient.agency_id != circulation.owner_agency_id
        # Each names its circulation's document, as the lists read it.
        assert (recipient.document_type_id, str(recipient.document_key)) == (
            circulation.document_type_id,
            circulation.document_id,
        )
        day = circulation.circulated_at.date()
        assert (
            Membership.objects.filter(
                agency=recipient.agency_id, body=circulation.body_id, start_date__lte=day
            )
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
            .exists()
        )
    assert (
        not Recipient.objects.values("circulation", "agency")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .exists()
    )
    # Comments only in submitted answers that have comments, by someone of that agency.
    assert Comment.objects.count() == 1_000
    assert not Comment.objects.exclude(recipient__answer="comments").exists()
    assert not Comment.objects.exclude(author__agency=F("recipient__agency")).exists()
    assert not Recipient.objects.filter(answer="", submitted_at__isnull=False).exists()
