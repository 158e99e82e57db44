"""Writes of a body's offices: site administrators appoint its chair and the staff of its chair's
office, and end their terms, each a dated span. A body has one chair at a time; its chair's
office has any number of staff."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from pitf.audit import log_event
from pitf.directory.services.rows import (
    end_within_body_life,
    lock_body,
    lock_people,
    span_end,
)
from pitf.formats import date_span, long_date
from pitf.models import Body, BodyRole, User
from pitf.permissions import require_site_admin


def _office_errors(
    *, person: User, body: Body, role: str, start: datetime.date, end: datetime.date | None
) -> dict[str, str]:
    """Everything that makes an appointment wrong, keyed by the form field to show it on. Run
    inside the transaction that holds the body's lock."""
    errors = {}
    if end is not None and end < start:
        errors["end_date"] = (
            f"The end date ({long_date(end)}) is before the start date ({long_date(start)})."
        )
    if not person.is_active:
        errors["person"] = f"{person}'s account is deactivated; reactivate it first."
    if body.established and start < body.established:
        errors["start_date"] = (
            f"The {body.name} was established on {long_date(body.established)}; a term cannot "
            "start before that."
        )
    if body.sunset and start > body.sunset:
        errors["start_date"] = (
            f"The {body.name} ended on {long_date(body.sunset)} (its sunset date); a term cannot "
            "start after that."
        )
    if errors:
        return errors
    if role == BodyRole.Role.CHAIR:
        chair = (
            BodyRole.objects.filter(body=body, role=BodyRole.Role.CHAIR)
            .overlapping(start, end)
            .select_related("person")
            .first()
        )
        if chair is not None:
            errors["role"] = (
                f"The {body.name} has one chair at a time, and {chair.person} chairs it "
                f"{date_span(chair.start_date, chair.end_date)}. End that term first, or choose "
                "dates after it."
            )
    same = (
        BodyRole.objects.filter(body=body, person=person, role=role).overlapping(start, end).first()
    )
    if same is not None and "role" not in errors:
        office = "the chair" if role == BodyRole.Role.CHAIR else "in the chair's office"
        errors["person"] = (
            f"{person} is already {office} of the {body.name} "
            f"{date_span(same.start_date, same.end_date)}."
        )
    return errors


def office_appoint(
    *,
    actor: User,
    person: User,
    body: Body,
    role: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
) -> BodyRole:
    """Appoint a person the body's chair, or to its chair's office, from `start_date`."""
    require_site_admin(actor, "appoint chairs and chair's office staff")
    with transaction.atomic():
        body = lock_body(body)
        person = lock_people(person)[person.pk]
        end_date, errors = end_within_body_life(body, end_date, what="term")
        errors |= _office_errors(
            person=person, body=body, role=role, start=start_date, end=end_date
        )
        if errors:
            raise ValidationError(errors)
        office = BodyRole(
            person=person, body=body, role=role, start_date=start_date, end_date=end_date
        )
        office.full_clean()
        office.save()
        log_event(
            "office.appointed",
            actor=actor,
            target=office,
            person=person.email,
            body=body.short_name,
            role=role,
            start_date=start_date.isoformat(),
            end_date=end_date.isoformat() if end_date else None,
        )
    return office


def office_end(
    *, actor: User, office: BodyRole, expected_version: int, end_date: datetime.date
) -> BodyRole:
    """End a term in a body's office: `end_date` is the person's last day in it."""
    require_site_admin(actor, "end the terms of chairs and chair's office staff")
    with transaction.atomic():
        lock_body(office.body)
        office = span_end(office, expected_version=expected_version, end_date=end_date, what="term")
        log_event("office.ended", actor=actor, target=office, end_date=end_date.isoformat())
    return office
