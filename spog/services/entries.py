"""Writes of a report's entries: its agency's staff add, change, copy forward from an earlier
cycle or take off entries while the report is a draft or returned; an entry shared with partner
agencies is confirmed by each of them (a change to it asks them again)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from pitf.audit import log_event
from pitf.concurrency import current_at, save_versioned
from pitf.models import User
from pitf.roles import acts_for
from spog.access import may_draft
from spog.models import REQUIRED_FIGURES, AgencyReport, Entry, EntryPartner
from spog.workflows import REPORT

FIELDS = (
    "category",
    "title",
    "description",
    "start_date",
    "end_date",
    "people_trained",
    "audience",
    "funds_awarded",
    "items_published",
    "cases",
    "victims_served",
    "links",
)


def _require_drafter(actor: User, report: AgencyReport) -> None:
    if not may_draft(actor, report):
        raise PermissionDenied(f"Only {report.agency.acronym}'s staff write its report.")
    REPORT.require(report, "edit")


def _check(entry: Entry, objectives, partners) -> None:
    """The rules an entry keeps whatever page writes it: at least one objective, the figures
    its category asks for, dates in order, partners other than the agency itself."""
    errors: dict[str, list[str]] = {}
    if not objectives:
        errors["objectives"] = ["Choose at least one objective the entry serves."]
    for name in REQUIRED_FIGURES.get(entry.category, ()):
        if getattr(entry, name) in (None, ""):
            field = Entry._meta.get_field(name)
            errors.setdefault(name, []).append(
                f"{entry.get_category_display()} need “{field.verbose_name}”."
            )
    if entry.end_date and entry.start_date and entry.end_date < entry.start_date:
        errors["end_date"] = ["It ends on or after the day it began."]
    if any(agency.pk == entry.report.agency_id for agency in partners):
        errors["partners"] = ["Partners are other agencies; yours writes the entry."]
    try:
        entry.full_clean(exclude=["report", "created_by", "copied_from"])
    except ValidationError as invalid:
        for name, messages in invalid.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _values(values: dict) -> dict:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"Not fields of an entry: {sorted(unknown)}")
    return values


def entry_create(
    *, actor: User, report: AgencyReport, objectives, partners=(), copied_from=None, **values
) -> Entry:
    _require_drafter(actor, report)
    partners = list(partners)
    with transaction.atomic():
        entry = Entry(report=report, created_by=actor, copied_from=copied_from, **_values(values))
        _check(entry, objectives, partners)
        entry.save()
        entry.objectives.set(objectives)
        EntryPartner.objects.bulk_create(
            EntryPartner(entry=entry, agency=agency) for agency in partners
        )
        log_event("spog.entry_added", actor=actor, target=report, entry=entry.title)
    return entry


def entry_edit(
    *, actor: User, entry: Entry, expected_version: int, objectives, partners=(), **values
) -> Entry:
    """Change an entry; partners that had confirmed it are asked again, since what they
    confirmed changed."""
    _require_drafter(actor, entry.report)
    partners = list(partners)
    with transaction.atomic():
        entry = current_at(entry, expected_version)
        for name, value in _values(values).items():
            setattr(entry, name, value)
        _check(entry, objectives, partners)
        save_versioned(entry, expected_version=expected_version, update_fields=list(values))
        entry.objectives.set(objectives)
        kept = {agency.pk for agency in partners}
        entry.partners.exclude(agency_id__in=kept).delete()
        entry.partners.update(confirmed_at=None, confirmed_by=None)
        existing = set(entry.partners.values_list("agency_id", flat=True))
        EntryPartner.objects.bulk_create(
            EntryPartner(entry=entry, agency_id=agency_id) for agency_id in kept - existing
        )
        log_event("spog.entry_changed", actor=actor, target=entry.report, entry=entry.title)
    return entry


def entry_remove(*, actor: User, entry: Entry) -> None:
    _require_drafter(actor, entry.report)
    with transaction.atomic():
        log_event("spog.entry_removed", actor=actor, target=entry.report, entry=entry.title)
        entry.delete()


def entry_copy_forward(*, actor: User, entry: Entry, report: AgencyReport) -> Entry:
    """A new entry in `report` from one of the same agency's entries of an earlier cycle, to
    report what continued; its partners confirm it again."""
    if entry.report.agency_id != report.agency_id:
        raise PermissionDenied("Only an entry of your agency's earlier reports is copied.")
    if entry.report.cycle.start_date >= report.cycle.start_date:
        raise ValidationError("Copy forward from an earlier cycle.")
    values = {name: getattr(entry, name) for name in FIELDS}
    return entry_create(
        actor=actor,
        report=report,
        objectives=list(entry.objectives.all()),
        partners=[partner.agency for partner in entry.partners.select_related("agency")],
        copied_from=entry,
        **values,
    )


def partner_confirm(*, actor: User, partner: EntryPartner) -> EntryPartner:
    """A partner agency's staff confirm that the entry is theirs too."""
    if not acts_for(actor, partner.agency_id):
        raise PermissionDenied(f"Only {partner.agency.acronym}'s staff confirm for it.")
    with transaction.atomic():
        partner = EntryPartner.objects.select_for_update().get(pk=partner.pk)
        if partner.confirmed_at is None:
            partner.confirmed_at = timezone.now()
            partner.confirmed_by = actor
            partner.save(update_fields=["confirmed_at", "confirmed_by"])
            log_event(
                "spog.entry_confirmed",
                actor=actor,
                target=partner.entry.report,
                entry=partner.entry.title,
                partner=partner.agency.acronym,
            )
    return partner
