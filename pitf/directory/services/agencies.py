"""Writes of the directory's agencies: creating, editing, deactivating and reactivating one."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from pitf.audit import log_event
from pitf.concurrency import current_at, save_versioned
from pitf.directory.selectors import agency_acronym_taken, agency_name_taken
from pitf.directory.services.rows import (
    integrity_error,
)
from pitf.models import Agency, User
from pitf.permissions import require_site_admin

AGENCY_FIELDS = ["name", "acronym", "kind", "parent", "website"]


def _agency_errors(agency: Agency) -> dict[str, str]:
    errors = {}
    editing = agency if agency.pk is not None else None
    if agency_name_taken(agency.name, exclude=editing):
        errors["name"] = f"An agency named “{agency.name}” already exists."
    if agency_acronym_taken(agency.acronym, exclude=editing):
        errors["acronym"] = f"The acronym {agency.acronym} is already used by another agency."
    parent = agency.parent
    if parent is not None:
        if agency.pk is not None and parent.pk == agency.pk:
            errors["parent"] = "An agency cannot be its own parent department."
        elif parent.parent_id is not None:
            errors["parent"] = (
                f"{parent.name} is itself a component of another department; choose the department."
            )
        elif agency.pk is not None and agency.components.exists():
            errors["parent"] = (
                f"{agency.name} has components of its own, so it cannot become a component."
            )
    if agency.kind == Agency.Kind.COMPONENT and parent is None:
        errors["parent"] = "A component needs its parent department."
    if agency.kind != Agency.Kind.COMPONENT and parent is not None:
        errors["kind"] = "An agency with a parent department is a component; choose that kind."
    return errors


UNIQUE_AGENCY = {
    "name": "An agency with this name was saved a moment ago by someone else.",
    "acronym": "An agency with this acronym was saved a moment ago by someone else.",
}


def agency_create(
    *,
    actor: User,
    name: str,
    acronym: str,
    kind: str,
    parent: Agency | None = None,
    website: str = "",
) -> Agency:
    require_site_admin(actor, "create agencies")
    agency = Agency(
        name=name.strip(),
        acronym=acronym.strip().upper(),
        kind=kind,
        parent=parent,
        website=website.strip(),
    )
    errors = _agency_errors(agency)
    if errors:
        raise ValidationError(errors)
    agency.full_clean()
    try:
        with transaction.atomic():
            agency.save()
            log_event("agency.created", actor=actor, target=agency)
    except IntegrityError as error:
        raise integrity_error(error, UNIQUE_AGENCY) from error
    return agency


def agency_update(
    *,
    actor: User,
    agency: Agency,
    expected_version: int,
    name: str,
    acronym: str,
    kind: str,
    parent: Agency | None,
    website: str,
) -> Agency:
    """Edit an agency's name, acronym, kind, parent department and website; EditConflict if
    someone saved it since the form was loaded."""
    require_site_admin(actor, "edit agencies")
    agency = current_at(agency, expected_version)
    agency.name = name.strip()
    agency.acronym = acronym.strip().upper()
    agency.kind = kind
    agency.parent = parent
    agency.website = website.strip()
    errors = _agency_errors(agency)
    if errors:
        raise ValidationError(errors)
    agency.full_clean(exclude=["version"])
    try:
        with transaction.atomic():
            save_versioned(agency, expected_version=expected_version, update_fields=AGENCY_FIELDS)
            log_event("agency.changed", actor=actor, target=agency)
    except IntegrityError as error:
        raise integrity_error(error, UNIQUE_AGENCY) from error
    return agency


def agency_deactivate(*, actor: User, agency: Agency, expected_version: int) -> Agency:
    """Deactivate an agency: it leaves the public directory and the lists people are invited
    or designated from, and its designations no longer make anyone a representative. Its
    memberships and designations stay as they are: history does not change."""
    require_site_admin(actor, "deactivate agencies")
    agency = current_at(agency, expected_version)
    if not agency.active:
        raise ValidationError(f"{agency.name} is already inactive.")
    agency.active = False
    with transaction.atomic():
        save_versioned(agency, expected_version=expected_version, update_fields=["active"])
        log_event("agency.deactivated", actor=actor, target=agency)
    return agency


def agency_reactivate(*, actor: User, agency: Agency, expected_version: int) -> Agency:
    require_site_admin(actor, "reactivate agencies")
    agency = current_at(agency, expected_version)
    if agency.active:
        raise ValidationError(f"{agency.name} is already active.")
    agency.active = True
    with transaction.atomic():
        save_versioned(agency, expected_version=expected_version, update_fields=["active"])
        log_event("agency.reactivated", actor=actor, target=agency)
    return agency
