"""Writes of the TIP Report data call: the chair's office opens it for a report year (its five
sections), assigns each section to agencies with a lead, closes it and circulates the compiled
draft for review (pitf.circulation); assigned agencies' staff write their contributions while it
is open; the agencies that have not contributed are reminded before the deadline."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from pitf import workdays
from pitf.audit import log_event
from pitf.circulation import services as circulation
from pitf.concurrency import current_at, save_versioned
from pitf.links import page_link
from pitf.models import Body, User
from pitf.notifications.services import Notice, notifications_send_many
from pitf.roles import acts_for
from spog.access import SPOG, require_office
from spog.models import Contribution, DataCall, Section
from spog.services.cycles import representatives
from spog.workflows import DATA_CALL


def data_call_open(
    *,
    actor: User,
    report_year: int,
    deadline: datetime.date,
    reminder_days: int = 5,
    instructions: str = "",
) -> DataCall:
    require_office(actor)
    if deadline < workdays.today_in_washington():
        raise ValidationError({"deadline": "That day has passed; choose a later deadline."})
    with transaction.atomic():
        call = DataCall(
            report_year=report_year,
            deadline=deadline,
            reminder_days=reminder_days,
            instructions=instructions.strip(),
            opened_by=actor,
        )
        try:
            with transaction.atomic():
                call.save()
        except IntegrityError:
            raise ValidationError(
                {"report_year": f"The {report_year} data call is already open."}
            ) from None
        Section.objects.bulk_create(
            Section(call=call, kind=kind, position=position)
            for position, kind in enumerate(Section.Kind.values, start=1)
        )
        log_event("spog.data_call_opened", actor=actor, target=call)
    return call


def _assigned_notices(section: Section, agency_ids, *, kind: str, occasion: str) -> list[Notice]:
    addresses = representatives(agency_ids)
    link = page_link("spog:datacall", section.call_id)
    return [
        Notice(
            kind=kind,
            recipient=address,
            context={
                "call": section.call,
                "section": section,
                "lead": section.lead_agency,
                "link": link,
            },
            about=section,
            occasion=f"{occasion}-{agency_id}",
        )
        for agency_id in agency_ids
        for address in addresses.get(agency_id, [])
    ]


def section_assign(
    *, actor: User, section: Section, expected_version: int, lead, agencies
) -> Section:
    """Assign the section to `agencies`, `lead` among them; the agencies newly assigned are
    told (their representatives to the SPOG)."""
    require_office(actor)
    chosen = {agency.pk for agency in agencies}
    if lead is None:
        raise ValidationError({"lead": "Choose the lead agency."})
    chosen.add(lead.pk)
    with transaction.atomic():
        section = current_at(section, expected_version)
        DATA_CALL.require(section.call, "contribute")
        before = set(section.agencies.values_list("pk", flat=True))
        section.lead_agency = lead
        save_versioned(section, expected_version=expected_version, update_fields=["lead_agency"])
        section.agencies.set(chosen)
        notifications_send_many(
            _assigned_notices(
                section, sorted(chosen - before), kind="spog.tip_assigned", occasion="assigned"
            )
        )
        log_event(
            "spog.section_assigned",
            actor=actor,
            target=section.call,
            section=section.get_kind_display(),
            lead=lead.acronym,
            agencies=len(chosen),
        )
    return section


def contribution_save(
    *,
    actor: User,
    section: Section,
    text: str,
    data: str = "",
    expected_version: int | None = None,
) -> Contribution:
    """The actor's agency's contribution to an assigned section, new or changed (a change
    carries the version it was loaded with)."""
    agency_id = actor.agency_id
    if (
        not (agency_id and acts_for(actor, agency_id))
        or not section.agencies.filter(pk=agency_id).exists()
    ):
        raise PermissionDenied("Only the staff of an agency assigned to the section contribute.")
    if not text.strip():
        raise ValidationError({"text": "Write your agency's contribution."})
    with transaction.atomic():
        call = DataCall.objects.select_for_update().get(pk=section.call_id)
        DATA_CALL.require(call, "contribute")
        existing = Contribution.objects.filter(section=section, agency_id=agency_id).first()
        if existing is None:
            contribution = Contribution.objects.create(
                section=section, agency_id=agency_id, text=text, data=data, written_by=actor
            )
        else:
            contribution = current_at(existing, expected_version or 0)
            contribution.text, contribution.data, contribution.written_by = text, data, actor
            contribution.updated_at = timezone.now()
            save_versioned(
                contribution,
                expected_version=expected_version,
                update_fields=["text", "data", "written_by", "updated_at"],
            )
        log_event(
            "spog.contribution_saved",
            actor=actor,
            target=call,
            section=section.get_kind_display(),
        )
    return contribution


def missing(call: DataCall) -> list[tuple[Section, int]]:
    """(section, agency id) of each assigned agency that has not contributed to the section."""
    contributed = set(
        Contribution.objects.filter(section__call=call).values_list("section_id", "agency_id")
    )
    return [
        (section, agency.pk)
        for section in call.sections.prefetch_related("agencies").select_related("call")
        for agency in section.agencies.all()
        if (section.pk, agency.pk) not in contributed
    ]


def data_calls_remind_due(*, limit: int = 10) -> int:
    """Remind the assigned agencies that have not contributed once a call's reminder day has
    come, once per call (claimed with FOR UPDATE SKIP LOCKED)."""
    today = workdays.today_in_washington()
    with transaction.atomic():
        calls = list(
            DataCall.objects.select_for_update(skip_locked=True)
            .filter(
                status=DataCall.Status.OPEN,
                reminded_at__isnull=True,
                remind_on__lte=today,
                deadline__gte=today,
            )
            .order_by("remind_on", "pk")[:limit]
        )
        notices = []
        for call in calls:
            for section, agency_id in missing(call):
                notices += _assigned_notices(
                    section, [agency_id], kind="spog.tip_reminder", occasion="due"
                )
        DataCall.objects.filter(pk__in=[call.pk for call in calls]).update(
            reminded_at=timezone.now()
        )
        if notices:
            notifications_send_many(notices)
    return len(calls)


def data_call_close(*, actor: User, call: DataCall, expected_version: int) -> DataCall:
    require_office(actor)
    with transaction.atomic():
        call = current_at(call, expected_version)
        changed = DATA_CALL.move(call, "close")
        save_versioned(call, expected_version=expected_version, update_fields=changed)
        log_event("spog.data_call_closed", actor=actor, target=call)
    return call


def data_call_circulate(
    *, actor: User, call: DataCall, expected_version: int, deadline: datetime.date
):
    """Circulate the compiled draft for review to the SPOG's other member agencies, through the
    core's circulation (the actor's agency owns the circulation)."""
    require_office(actor)
    if actor.agency_id is None:
        raise PermissionDenied("The compiled draft is circulated by the chair's office's staff.")
    with transaction.atomic():
        call = current_at(call, expected_version)
        changed = DATA_CALL.move(call, "circulate")
        started = circulation.circulation_start(
            actor=actor,
            document=call,
            owner_agency=actor.agency,
            title=f"{call.report_year} TIP Report: compiled U.S. narrative",
            deadline=deadline,
            body=Body.objects.get(short_name=SPOG),
        )
        save_versioned(call, expected_version=expected_version, update_fields=changed)
        log_event("spog.data_call_circulated", actor=actor, target=call)
    return started


def circulation_ended(*, circulation, actor) -> None:
    """The compiled draft's circulation was withdrawn: the call is closed again, to be
    circulated anew; closed at its deadline: the call stays circulated."""
    if circulation.status != circulation.Status.WITHDRAWN:
        return
    call = DataCall.objects.select_for_update().get(pk=int(circulation.document_id))
    if call.status == DataCall.Status.CIRCULATED:
        DataCall.objects.filter(pk=call.pk).update(status=DataCall.Status.CLOSED)
