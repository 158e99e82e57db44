"""Accounts: a person's details, their agency and role changed, deactivated and reactivated."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pitf.accounts.sessions import end_sessions
from pitf.audit import log_event
from pitf.concurrency import save_versioned
from pitf.models import Agency, User
from pitf.people.services.rules import _refuse, _require_manages
from pitf.roles import roles_of

# Accounts ----------------------------------------------------------------------------------


def _agency_ties(person: User, agency_id: int) -> list[str]:
    """What still lets `person` act for the agency: designations current or to come, in the
    directory, and what each feature holds (pitf.features.agency_ties)."""
    from pitf.features import agency_ties
    from pitf.models import Designation

    today = timezone.localdate()
    designations = (
        Designation.objects.filter(person=person, agency_id=agency_id)
        .exclude(end_date__lt=today)
        .select_related("body")
        .order_by("body__name")
    )
    ties = [
        f"{d.get_role_display().lower()} in the {d.body.name} (end the designation)"
        for d in designations
    ]
    return ties + agency_ties(person, agency_id)


def user_update(
    *,
    actor: User,
    person: User,
    expected_version: int,
    full_name: str,
    job_title: str,
    agency: Agency | None = None,
    site_admin: bool | None = None,
) -> User:
    """Edit a person's details; the agency and the site-administrator role are changed by site
    administrators only (None leaves them as they are)."""
    _require_manages(actor, person)
    roles = roles_of(actor)
    fields = ["full_name", "job_title"]
    person.full_name = full_name.strip()
    person.job_title = job_title.strip()
    old_agency_id, was_site_admin = person.agency_id, person.is_superuser
    errors = {}
    if agency is not None and agency.pk != person.agency_id:
        if not roles.site_admin:
            _refuse("Only site administrators may move a person to another agency.")
        if not agency.active:
            errors["agency"] = f"{agency.name} is inactive; choose an active agency."
        elif person.agency_id is not None:
            ties = _agency_ties(person, person.agency_id)
            if ties:
                errors["agency"] = (
                    f"{person} still acts for {person.agency.acronym}: "
                    + "; ".join(ties)
                    + ". End or remove these first, then move them."
                )
        person.agency = agency
        fields.append("agency")
    if site_admin is not None and site_admin != person.is_superuser:
        if not roles.site_admin:
            _refuse("Only site administrators may grant or remove the site administrator role.")
        if not site_admin and person.pk == actor.pk:
            errors["site_admin"] = (
                "You cannot remove your own site administrator role; ask another site "
                "administrator to do it."
            )
        person.is_superuser = person.is_staff = site_admin
        fields += ["is_superuser", "is_staff"]
    if errors:
        raise ValidationError(errors)
    person.full_clean(exclude=["password"])
    with transaction.atomic():
        save_versioned(person, expected_version=expected_version, update_fields=fields)
        if "agency" in fields:
            log_event(
                "user.agency_changed",
                actor=actor,
                target=person,
                before=old_agency_id,
                after=person.agency_id,
                agency=person.agency.acronym,
            )
        if person.is_superuser != was_site_admin:
            log_event(
                "user.site_admin_granted" if person.is_superuser else "user.site_admin_removed",
                actor=actor,
                target=person,
            )
    return person


def user_deactivate(*, actor: User, person: User, expected_version: int) -> User:
    """Deactivate an account: the person cannot sign in and their sessions end at once; each
    feature ends what it holds for them in the same transaction (pitf.features.DeactivationStep:
    the meetings take them off upcoming lists and their answer links stop working)."""
    from pitf.features import deactivation_apply

    _require_manages(actor, person)
    if person.pk == actor.pk:
        raise ValidationError("You cannot deactivate your own account.")
    if not person.is_active:
        raise ValidationError(f"{person} is already deactivated.")
    person.is_active = False
    with transaction.atomic():
        save_versioned(person, expected_version=expected_version, update_fields=["is_active"])
        end_sessions(person)
        log_event("user.deactivated", actor=actor, target=person)
        deactivation_apply(actor=actor, person=person)
    return person


def user_reactivate(*, actor: User, person: User, expected_version: int) -> User:
    _require_manages(actor, person)
    if person.is_active:
        raise ValidationError(f"{person} is already active.")
    if not person.has_usable_password():
        raise ValidationError(
            f"{person} has not accepted their invitation yet; resend the invitation instead."
        )
    person.is_active = True
    with transaction.atomic():
        save_versioned(person, expected_version=expected_version, update_fields=["is_active"])
        log_event("user.reactivated", actor=actor, target=person)
    return person
