"""Writes of reporting cycles: the chair's office opens one (a report for each participating
agency, their representatives told once), the daily reminder before the due date reaches the
agencies that have not submitted, and the chair's office writes its own reminder."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from pitf import workdays
from pitf.audit import log_event
from pitf.links import page_link
from pitf.models import Agency, Designation, Membership, User
from pitf.notifications.services import Notice, notifications_send_many
from spog.access import require_office, spog_id
from spog.models import AgencyReport, CycleReminder, ReportingCycle
from spog.periods import bounds, label

# The reports still owed: not yet submitted, or returned to the agency.
OWED = (AgencyReport.Status.DRAFT, AgencyReport.Status.RETURNED)


def default_agencies(due_date: datetime.date):
    """The SPOG's member agencies (not invited observers) on the due date."""
    return Agency.objects.filter(
        active=True,
        memberships__in=Membership.objects.filter(
            body_id=spog_id(), status=Membership.Status.MEMBER
        ).current_on(due_date),
    ).distinct()


def representatives(agency_ids, day: datetime.date | None = None) -> dict[int, list[str]]:
    """The addresses of each agency's active principals and alternates to the SPOG on `day`
    (today in Washington by default), in one query."""
    rows = (
        Designation.objects.filter(
            agency_id__in=list(agency_ids), body_id=spog_id(), person__is_active=True
        )
        .current_on(day or workdays.today_in_washington())
        .values_list("agency_id", "person__email")
    )
    found: dict[int, set[str]] = {}
    for agency_id, email in rows:
        found.setdefault(agency_id, set()).add(email)
    return {agency_id: sorted(emails) for agency_id, emails in found.items()}


def report_link(report: AgencyReport) -> str:
    return page_link("spog:report", report.pk)


def representative_notices(reports, *, kind: str, occasion: str, context: dict) -> list[Notice]:
    addresses = representatives({report.agency_id for report in reports})
    return [
        Notice(
            kind=kind,
            recipient=address,
            context={**context, "report": report, "link": report_link(report)},
            about=report,
            occasion=occasion,
        )
        for report in reports
        for address in addresses.get(report.agency_id, [])
    ]


def cycle_open(
    *,
    actor: User,
    fiscal_year: int,
    period: str,
    due_date: datetime.date,
    reminder_days: int = 7,
    instructions: str = "",
    agencies=None,
) -> ReportingCycle:
    """Open a cycle for a fiscal-year period: a draft report for each participating agency
    (the SPOG's members on the due date unless `agencies` are chosen), and one message to each
    of their representatives."""
    require_office(actor)
    start, _ = bounds(fiscal_year, period)
    if due_date < start:
        raise ValidationError(
            {
                "due_date": f"The due date is before the period starts ({start:%B %-d, %Y}); "
                "choose a day in or after the period."
            }
        )
    participants = list(agencies) if agencies is not None else list(default_agencies(due_date))
    if not participants:
        raise ValidationError("Choose at least one participating agency.")
    with transaction.atomic():
        cycle = ReportingCycle(
            fiscal_year=fiscal_year,
            period=period,
            due_date=due_date,
            reminder_days=reminder_days,
            instructions=instructions.strip(),
            opened_by=actor,
        )
        try:
            with transaction.atomic():
                cycle.save()
        except IntegrityError:
            raise ValidationError(
                {"period": f"A cycle for {label(fiscal_year, period)} is already open."}
            ) from None
        reports = AgencyReport.objects.bulk_create(
            AgencyReport(cycle=cycle, agency=agency) for agency in participants
        )
        notifications_send_many(
            representative_notices(
                reports, kind="spog.cycle_opened", occasion="opened", context={"cycle": cycle}
            )
        )
        log_event("spog.cycle_opened", actor=actor, target=cycle, agencies=len(reports))
    return cycle


def cycles_remind_due(*, limit: int = 20) -> int:
    """Remind the agencies of each cycle whose reminder day has come that still owe their
    report, once per cycle: the cycles are claimed with FOR UPDATE SKIP LOCKED, so two beats or
    workers never remind twice. Returns how many cycles were reminded."""
    today = workdays.today_in_washington()
    with transaction.atomic():
        cycles = list(
            ReportingCycle.objects.select_for_update(skip_locked=True)
            .filter(reminded_at__isnull=True, remind_on__lte=today, due_date__gte=today)
            .order_by("remind_on", "pk")[:limit]
        )
        notices = []
        for cycle in cycles:
            owed = list(cycle.reports.filter(status__in=OWED))
            notices += representative_notices(
                owed, kind="spog.cycle_reminder", occasion="due", context={"cycle": cycle}
            )
        ReportingCycle.objects.filter(pk__in=[c.pk for c in cycles]).update(
            reminded_at=timezone.now()
        )
        if notices:
            notifications_send_many(notices)
    return len(cycles)


def cycle_send_reminder(
    *, actor: User, cycle: ReportingCycle, message: str, agencies
) -> CycleReminder:
    """The chair's office's own reminder to the agencies chosen among those that still owe
    their report."""
    require_office(actor)
    message = message.strip()
    if not message:
        raise ValidationError({"message": "Write the reminder."})
    chosen = {agency.pk for agency in agencies}
    owed = list(cycle.reports.filter(status__in=OWED, agency_id__in=chosen))
    if not owed:
        raise ValidationError(
            {"agencies": "Choose at least one agency that has not submitted its report."}
        )
    with transaction.atomic():
        reminder = CycleReminder.objects.create(cycle=cycle, message=message, sent_by=actor)
        reminder.agencies.set([report.agency_id for report in owed])
        notifications_send_many(
            representative_notices(
                owed,
                kind="spog.cycle_reminder",
                occasion=f"reminder-{reminder.pk}",
                context={"cycle": cycle, "message": message, "sender": actor},
            )
        )
        log_event(
            "spog.cycle_reminded", actor=actor, target=cycle, agencies=len(owed), message=message
        )
    return reminder
