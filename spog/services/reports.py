"""Writes of an agency's report: its representative submits it (every submission kept as a
version with the entries it held), the chair's office returns it with comments or accepts it,
and the representatives hear of either."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from pitf.audit import log_event
from pitf.concurrency import current_at, save_versioned
from pitf.models import User
from pitf.notifications.services import notifications_send_many
from pitf.roles import roles_of
from spog.access import may_submit, require_office
from spog.models import AgencyReport, Entry, ReportReview, ReportVersion
from spog.services.cycles import representative_notices
from spog.workflows import REPORT


def entry_snapshot(entry: Entry) -> dict:
    """An entry as a submission keeps it: its fields in words and figures."""
    return {
        "id": entry.pk,
        "category": entry.get_category_display(),
        "title": entry.title,
        "description": entry.description,
        "start_date": entry.start_date.isoformat(),
        "end_date": entry.end_date.isoformat() if entry.end_date else None,
        "objectives": [str(objective) for objective in entry.objectives.all()],
        "partners": [partner.agency.acronym for partner in entry.partners.all()],
        "people_trained": entry.people_trained,
        "audience": entry.audience,
        "funds_awarded": str(entry.funds_awarded) if entry.funds_awarded is not None else None,
        "items_published": entry.items_published,
        "cases": entry.cases,
        "victims_served": entry.victims_served,
        "links": entry.link_list,
    }


def report_submit(*, actor: User, report: AgencyReport, expected_version: int) -> ReportVersion:
    if not may_submit(actor, roles_of(actor), report):
        raise PermissionDenied(
            f"Only {report.agency.acronym}'s representatives to the SPOG submit its report."
        )
    with transaction.atomic():
        report = current_at(report, expected_version)
        changed = REPORT.move(report, "submit")
        entries = list(report.entries.prefetch_related("objectives__priority", "partners__agency"))
        if not entries:
            raise ValidationError("Add at least one entry before submitting the report.")
        report.submitted_at = timezone.now()
        save_versioned(
            report, expected_version=expected_version, update_fields=[*changed, "submitted_at"]
        )
        version = ReportVersion.objects.create(
            report=report,
            number=report.versions.count() + 1,
            submitted_by=actor,
            entries=[entry_snapshot(entry) for entry in entries],
        )
        log_event(
            "spog.report_submitted",
            actor=actor,
            target=report,
            version=version.number,
            entries=len(entries),
        )
    return version


def _review(*, actor: User, report: AgencyReport, expected_version: int, accepted: bool, comments):
    require_office(actor)
    comments = comments.strip()
    if not accepted and not comments:
        raise ValidationError({"comments": "Say what the agency should change."})
    with transaction.atomic():
        report = current_at(report, expected_version)
        changed = REPORT.move(report, "accept" if accepted else "return")
        save_versioned(report, expected_version=expected_version, update_fields=changed)
        review = ReportReview.objects.create(
            report=report, accepted=accepted, comments=comments, reviewed_by=actor
        )
        number = report.versions.count()
        notifications_send_many(
            representative_notices(
                [report],
                kind="spog.report_reviewed",
                occasion=f"review-{review.pk}",
                context={"cycle": report.cycle, "review": review},
            )
        )
        log_event(
            "spog.report_accepted" if accepted else "spog.report_returned",
            actor=actor,
            target=report,
            version=number,
            comments=comments,
        )
    return review


def report_return(*, actor: User, report: AgencyReport, expected_version: int, comments: str):
    """Return the submission to the agency with what it should change."""
    return _review(
        actor=actor,
        report=report,
        expected_version=expected_version,
        accepted=False,
        comments=comments,
    )


def report_accept(*, actor: User, report: AgencyReport, expected_version: int, comments: str = ""):
    return _review(
        actor=actor,
        report=report,
        expected_version=expected_version,
        accepted=True,
        comments=comments,
    )
