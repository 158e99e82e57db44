"""Writes of the directory's memberships: an agency joins a body, leaves it, or changes between
member and invited observer, each a dated span that never overlaps another of the same agency."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction

from pitf.audit import log_event
from pitf.concurrency import current_at, save_versioned
from pitf.directory.services.rows import (
    ONE_DAY,
    end_change_errors,
    end_within_body_life,
    lock_body,
)
from pitf.formats import date_span, long_date
from pitf.models import Agency, Body, Designation, Membership, User
from pitf.permissions import require_site_admin


def _membership_overlap_error(
    *,
    agency: Agency,
    body: Body,
    start: datetime.date,
    end: datetime.date | None,
    exclude: list[int] | None = None,
) -> str | None:
    clash = (
        Membership.objects.filter(agency=agency, body=body)
        .overlapping(start, end)
        .exclude(pk__in=exclude or [])
        .order_by("start_date")
        .first()
    )
    if clash is None:
        return None
    return (
        f"{agency.acronym} already belongs to the {body.name} "
        f"({clash.get_status_display().lower()}, {date_span(clash.start_date, clash.end_date)}); "
        "memberships of one agency in one body cannot overlap. End that membership first, or "
        "change its status."
    )


def _membership_dates_errors(
    *, body: Body, start: datetime.date, end: datetime.date | None, start_field: str
) -> dict[str, str]:
    errors = {}
    if end is not None and end < start:
        errors["end_date"] = (
            f"The end date ({long_date(end)}) is before the start date ({long_date(start)})."
        )
    if body.established and start < body.established:
        errors[start_field] = (
            f"The {body.name} was established on {long_date(body.established)}; a membership cannot "
            "start before that."
        )
    if body.sunset and start > body.sunset:
        errors[start_field] = (
            f"The {body.name} ended on {long_date(body.sunset)} (its sunset date); a membership "
            "cannot start after that."
        )
    return errors


def membership_join(
    *,
    actor: User,
    agency: Agency,
    body: Body,
    status: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
) -> Membership:
    """An agency joins a body, as a member or invited (observer), from `start_date`."""
    require_site_admin(actor, "record memberships")
    with transaction.atomic():
        body = lock_body(body)
        end_date, errors = end_within_body_life(body, end_date, what="membership")
        errors |= _membership_dates_errors(
            body=body, start=start_date, end=end_date, start_field="start_date"
        )
        if not agency.active:
            errors["agency"] = f"{agency.name} is inactive; reactivate it before it joins a body."
        elif "end_date" not in errors:
            overlap = _membership_overlap_error(
                agency=agency, body=body, start=start_date, end=end_date
            )
            if overlap:
                errors["agency"] = overlap
        if errors:
            raise ValidationError(errors)
        membership = Membership(
            agency=agency, body=body, status=status, start_date=start_date, end_date=end_date
        )
        membership.full_clean()
        membership.save()
        log_event(
            "membership.joined",
            actor=actor,
            target=membership,
            agency=agency.acronym,
            body=body.short_name,
            status=status,
            start_date=start_date.isoformat(),
        )
    return membership


def membership_end(
    *,
    actor: User,
    membership: Membership,
    expected_version: int,
    end_date: datetime.date,
) -> Membership:
    """The agency leaves the body: `end_date` is its last day as member (or invited). The
    agency's designations in that body that run past it end on the same day; one that would
    start after it must be ended first."""
    require_site_admin(actor, "record memberships")
    with transaction.atomic():
        body = lock_body(membership.body)
        membership = current_at(membership, expected_version)
        _, errors = end_within_body_life(body, end_date, what="membership")
        for field, message in end_change_errors(membership, end_date, what="membership").items():
            errors.setdefault(field, message)
        if end_date < membership.start_date:
            errors["end_date"] = (
                f"The end date ({long_date(end_date)}) is before the start date "
                f"({long_date(membership.start_date)})."
            )
        later = (
            Designation.objects.filter(agency=membership.agency, body=body, start_date__gt=end_date)
            .filter(start_date__lte=membership.end_date or datetime.date.max)
            .select_related("person")
            .first()
        )
        if later is not None and "end_date" not in errors:
            errors["end_date"] = (
                f"{later.person}'s designation for {membership.agency.acronym} starts on "
                f"{long_date(later.start_date)}, after this date; end that designation first."
            )
        if errors:
            raise ValidationError(errors)
        membership.end_date = end_date
        membership.full_clean(exclude=["version"])
        save_versioned(membership, expected_version=expected_version, update_fields=["end_date"])
        cut = list(
            Designation.objects.filter(agency=membership.agency, body=body)
            .current_on(end_date)
            .filter(models.Q(end_date__isnull=True) | models.Q(end_date__gt=end_date))
            .select_related("person")
        )
        for designation in cut:
            designation.end_date = end_date
            save_versioned(
                designation, expected_version=designation.version, update_fields=["end_date"]
            )
            log_event(
                "designation.ended",
                actor=actor,
                target=designation,
                end_date=end_date.isoformat(),
                reason="the agency left the body",
            )
        log_event(
            "membership.left",
            actor=actor,
            target=membership,
            agency=membership.agency.acronym,
            body=body.short_name,
            end_date=end_date.isoformat(),
            designations_ended=len(cut),
        )
    return membership


def membership_change_status(
    *,
    actor: User,
    membership: Membership,
    expected_version: int,
    status: str,
    on: datetime.date,
) -> Membership:
    """An invited agency becomes a member (or a member becomes an observer) on `on`: the old
    membership ends the day before and a new one starts that day, so the history stays true.
    Returns the new membership."""
    require_site_admin(actor, "record memberships")
    with transaction.atomic():
        body = lock_body(membership.body)
        membership = current_at(membership, expected_version)
        errors = {}
        if status == membership.status:
            errors["status"] = (
                f"{membership.agency.acronym} is already "
                f"{membership.get_status_display().lower()}; choose the other status."
            )
        if on <= membership.start_date:
            errors["on"] = (
                f"The change must come after the membership began ({long_date(membership.start_date)})."
            )
        elif membership.end_date is not None and on > membership.end_date:
            errors["on"] = (
                f"This membership ended on {long_date(membership.end_date)}; the change must fall "
                "within it."
            )
        if errors:
            raise ValidationError(errors)
        original_end = membership.end_date
        membership.end_date = on - ONE_DAY
        save_versioned(membership, expected_version=expected_version, update_fields=["end_date"])
        successor = Membership(
            agency=membership.agency,
            body=body,
            status=status,
            start_date=on,
            end_date=original_end,
        )
        successor.full_clean()
        successor.save()
        log_event(
            "membership.status_changed",
            actor=actor,
            target=successor,
            agency=membership.agency.acronym,
            body=body.short_name,
            before=membership.status,
            after=status,
            on=on.isoformat(),
        )
    return successor
