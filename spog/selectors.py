"""Reads of the SPOG's reporting. Who may see a report is one question (spog.access.may_see),
asked by report_for for every page of a report and its entries: another agency's report
answers 404."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch
from django.http import Http404

from pitf.roles import Roles
from spog.access import is_office, may_see
from spog.models import AgencyReport, Entry, EntryPartner, Objective, Plan, ReportingCycle
from spog.services.cycles import OWED


def report_for(user, roles: Roles, pk: int) -> AgencyReport:
    report = AgencyReport.objects.select_related("cycle", "agency").filter(pk=pk).first()
    if report is None or not may_see(user, roles, report):
        raise Http404("No such report.")
    return report


def entry_for(user, roles: Roles, pk: int) -> Entry:
    entry = Entry.objects.select_related("report__cycle", "report__agency").filter(pk=pk).first()
    if entry is None or not may_see(user, roles, entry.report):
        raise Http404("No such entry.")
    return entry


def entries_of(report: AgencyReport):
    return report.entries.prefetch_related(
        Prefetch("objectives", Objective.objects.select_related("priority")),
        Prefetch("partners", EntryPartner.objects.select_related("agency")),
    ).order_by("category", "pk")


def objectives_for(cycle: ReportingCycle):
    """The objectives of the plans in force during the cycle's period."""
    plans = Plan.objects.filter(start_date__lte=cycle.end_date).exclude(
        end_date__lt=cycle.start_date
    )
    return Objective.objects.filter(priority__plan__in=plans).order_by(
        "priority__plan__start_date", "priority__position", "position"
    )


def earlier_entries(report: AgencyReport):
    """The agency's entries of earlier cycles, the latest first, to copy forward."""
    return (
        Entry.objects.filter(
            report__agency_id=report.agency_id,
            report__cycle__start_date__lt=report.cycle.start_date,
        )
        .select_related("report__cycle")
        .order_by("-report__cycle__start_date", "category", "pk")[:200]
    )


@dataclass(frozen=True)
class Standing:
    """Where an agency's report stands, in the chair's office's words."""

    report: AgencyReport
    entries: int
    late: bool

    @property
    def label(self) -> str:
        if self.report.status == AgencyReport.Status.DRAFT and not self.entries:
            return "Not started"
        return self.report.get_status_display()


def standings(cycle: ReportingCycle, today: datetime.date) -> list[Standing]:
    reports = (
        cycle.reports.select_related("agency")
        .annotate(entry_count=Count("entries"))
        .order_by("agency__acronym")
    )
    return [
        Standing(
            report=report,
            entries=report.entry_count,
            late=report.status in OWED and today > cycle.due_date,
        )
        for report in reports
    ]


@dataclass(frozen=True)
class CycleLine:
    cycle: ReportingCycle
    # The person's agency's report in it (None for the chair's office when it has none).
    own: AgencyReport | None
    # Reports by status, for the chair's office.
    counts: dict


def cycles_for(user, roles: Roles) -> list[CycleLine]:
    """The cycles the person takes part in: all of them for the chair's office, with how many
    reports stand where; those of the person's agency for its staff."""
    office = is_office(roles)
    own = {}
    if user.agency_id:
        own = {
            report.cycle_id: report
            for report in AgencyReport.objects.filter(agency_id=user.agency_id)
        }
    cycles = ReportingCycle.objects.all()
    if not office:
        cycles = cycles.filter(pk__in=list(own))
    counts: dict[int, dict] = {}
    if office:
        for cycle_id, status, number in (
            AgencyReport.objects.values_list("cycle_id", "status")
            .annotate(number=Count("pk"))
            .order_by()
        ):
            counts.setdefault(cycle_id, {})[status] = number
    return [CycleLine(cycle, own.get(cycle.pk), counts.get(cycle.pk, {})) for cycle in cycles]


def shared_with(agency_id: int | None):
    """Entries other agencies wrote that name this agency as a partner, those awaiting its
    confirmation first."""
    if agency_id is None:
        return EntryPartner.objects.none()
    return (
        EntryPartner.objects.filter(agency_id=agency_id)
        .select_related("entry__report__agency", "entry__report__cycle", "confirmed_by")
        .order_by(
            F("confirmed_at").desc(nulls_first=True),
            "-entry__report__cycle__start_date",
            "entry__title",
        )
    )
