"""Writes of the directory's designations: a person represents their agency in a body as principal
or alternate; ending a designation and handing it over to a successor."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from pitf.audit import log_event
from pitf.concurrency import current_at, save_versioned
from pitf.directory.services.rows import (
    ONE_DAY,
    end_within_body_life,
    lock_body,
    lock_people,
    require_history_kept,
    span_end,
)
from pitf.formats import date_span, long_date
from pitf.models import Agency, Body, Designation, Membership, User
from pitf.roles import roles_of


def _require_designates_for(actor: User, agency: Agency, role: str | None = None) -> None:
    roles = roles_of(actor)
    if not roles.manages_agency(agency.pk):
        raise PermissionDenied(
            f"You may manage the designations of the agency you represent only, not of "
            f"{agency.name}."
        )
    if role is not None and not roles.manages_designation(agency.pk, role):
        raise PermissionDenied(
            "Only a site administrator designates, ends or hands over an agency's principal."
        )


def _designation_errors(
    *,
    person: User,
    agency: Agency,
    body: Body,
    role: str,
    start: datetime.date,
    end: datetime.date | None,
    person_field: str = "person",
    start_field: str = "start_date",
) -> dict[str, str]:
    """Everything that makes a designation wrong, keyed by the form field to show it on. Run
    inside the transaction that holds the body's lock."""
    errors = {}
    if end is not None and end < start:
        errors["end_date"] = (
            f"The end date ({long_date(end)}) is before the start date ({long_date(start)})."
        )
    if not agency.active:
        errors["agency"] = f"{agency.name} is inactive; reactivate it before designating for it."
    if person.agency_id != agency.pk:
        theirs = person.agency.acronym if person.agency_id else "no agency"
        errors[person_field] = (
            f"{person} is staff of {theirs}, not of {agency.acronym}: a person represents their "
            "own agency only."
        )
    elif not person.is_active:
        errors[person_field] = f"{person}'s account is deactivated; reactivate it first."
    if not Membership.objects.filter(agency=agency, body=body).current_on(start).exists():
        errors[start_field] = (
            f"{agency.acronym} does not belong to the {body.name} on {long_date(start)}; record its "
            "membership first, or choose a date when it belongs."
        )
    if errors:
        return errors
    principal = (
        Designation.objects.filter(agency=agency, body=body, role=Designation.Role.PRINCIPAL)
        .overlapping(start, end)
        .select_related("person")
        .first()
    )
    if role == Designation.Role.PRINCIPAL and principal is not None:
        errors["role"] = (
            f"{agency.acronym} already has a principal in the {body.name} at these dates: "
            f"{principal.person} ({date_span(principal.start_date, principal.end_date)}). Hand that "
            "designation over instead, or end it first."
        )
    mine = (
        Designation.objects.filter(person=person, body=body)
        .overlapping(start, end)
        .select_related("agency")
        .first()
    )
    if mine is not None:
        errors[person_field] = (
            f"{person} is already designated in the {body.name} at these dates "
            f"({mine.get_role_display().lower()} for {mine.agency.acronym}, "
            f"{date_span(mine.start_date, mine.end_date)}); a person holds one designation per body."
        )
    return errors


def designation_create(
    *,
    actor: User,
    person: User,
    agency: Agency,
    body: Body,
    role: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
) -> Designation:
    """Designate a person to represent their agency in a body, as principal or alternate (a
    principal by a site administrator only)."""
    _require_designates_for(actor, agency)
    if not roles_of(actor).manages_designation(agency.pk, role):
        raise ValidationError(
            {
                "role": "Only a site administrator designates a principal; designate an "
                "alternate, or ask the secretariat."
            }
        )
    require_history_kept(actor, end_date, field="end_date", what="designation")
    with transaction.atomic():
        body = lock_body(body)
        person = lock_people(person)[person.pk]
        end_date, errors = end_within_body_life(body, end_date, what="designation")
        errors |= _designation_errors(
            person=person, agency=agency, body=body, role=role, start=start_date, end=end_date
        )
        if errors:
            raise ValidationError(errors)
        designation = Designation(
            person=person,
            agency=agency,
            body=body,
            role=role,
            start_date=start_date,
            end_date=end_date,
        )
        designation.full_clean()
        designation.save()
        log_event(
            "designation.made",
            actor=actor,
            target=designation,
            person=person.email,
            agency=agency.acronym,
            body=body.short_name,
            role=role,
            start_date=start_date.isoformat(),
        )
    return designation


def designation_end(
    *,
    actor: User,
    designation: Designation,
    expected_version: int,
    end_date: datetime.date,
) -> Designation:
    """End a designation: `end_date` is the person's last day in the role (today or later,
    unless a site administrator corrects the record)."""
    _require_designates_for(actor, designation.agency, designation.role)
    require_history_kept(actor, end_date, field="end_date", what="designation")
    with transaction.atomic():
        lock_body(designation.body)
        designation = span_end(
            designation, expected_version=expected_version, end_date=end_date, what="designation"
        )
        log_event(
            "designation.ended",
            actor=actor,
            target=designation,
            end_date=end_date.isoformat(),
        )
    return designation


def designation_handover(
    *,
    actor: User,
    designation: Designation,
    expected_version: int,
    successor: User,
    start_date: datetime.date,
) -> Designation:
    """Hand a designation over to another person of the same agency in one step: the current
    holder's last day is the day before `start_date`, when the successor's designation (same
    role, agency and body) begins (today or later, unless a site administrator corrects the
    record). Returns the successor's designation."""
    _require_designates_for(actor, designation.agency, designation.role)
    require_history_kept(actor, start_date, field="start_date", what="hand-over")
    with transaction.atomic():
        body = lock_body(designation.body)
        designation = current_at(designation, expected_version)
        people = lock_people(designation.person, successor)
        successor = people[successor.pk]
        errors = {}
        if successor.pk == designation.person_id:
            errors["successor"] = (
                f"{successor} already holds this designation; choose someone else."
            )
        if start_date <= designation.start_date:
            errors["start_date"] = (
                f"The hand-over must come after {designation.person}'s designation began "
                f"({long_date(designation.start_date)})."
            )
        elif designation.end_date is not None and (start_date - designation.end_date).days > 1:
            errors["start_date"] = (
                f"{designation.person}'s designation ended on {long_date(designation.end_date)}; "
                "there is nothing to hand over on this date. Designate the successor instead."
            )
        if errors:
            raise ValidationError(errors)
        original_end = designation.end_date
        designation.end_date = start_date - ONE_DAY
        save_versioned(designation, expected_version=expected_version, update_fields=["end_date"])
        new_end = original_end if original_end and original_end >= start_date else None
        # The checks see the shortened designation, so it does not clash with its successor.
        errors = _designation_errors(
            person=successor,
            agency=designation.agency,
            body=body,
            role=designation.role,
            start=start_date,
            end=new_end,
            person_field="successor",
        )
        if errors:
            raise ValidationError(errors)
        handed = Designation(
            person=successor,
            agency=designation.agency,
            body=body,
            role=designation.role,
            start_date=start_date,
            end_date=new_end,
        )
        handed.full_clean()
        handed.save()
        log_event(
            "designation.handed_over",
            actor=actor,
            target=handed,
            agency=designation.agency.acronym,
            body=body.short_name,
            role=designation.role,
            before=designation.person.email,
            after=successor.email,
            start_date=start_date.isoformat(),
        )
    return handed
