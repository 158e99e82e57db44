"""The chair's office role in a body, granted and removed by site administrators."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pitf.audit import log_event
from pitf.concurrency import EditConflict, save_versioned
from pitf.models import Body, BodyRole, User
from pitf.permissions import require_site_admin

# Offices in bodies -------------------------------------------------------------------------


def body_role_grant(
    *, actor: User, person: User, body: Body, start_date: datetime.date
) -> BodyRole:
    """Give a person the chair’s office role of a body from `start_date`."""
    require_site_admin(actor, "grant the chair’s office role")
    role = BodyRole(
        person=person, body=body, role=BodyRole.Role.CHAIRS_OFFICE, start_date=start_date
    )
    role.full_clean()
    with transaction.atomic():
        # Lock the person so that two grants at once cannot both pass the overlap check.
        User.objects.select_for_update().filter(pk=person.pk).first()
        if (
            BodyRole.objects.filter(person=person, body=body, role=BodyRole.Role.CHAIRS_OFFICE)
            .overlapping(start_date, None)
            .exists()
        ):
            raise ValidationError(
                {"body": f"{person} already holds the chair’s office role of {body.name}."}
            )
        role.save()
        log_event(
            "body_role.granted",
            actor=actor,
            target=person,
            body=body.short_name,
            role=role.role,
            start_date=start_date.isoformat(),
        )
    return role


def body_role_end(*, actor: User, role: BodyRole, expected_version: int) -> None:
    """End a chair’s office role at once: its last day becomes yesterday, or, if it began
    today or has yet to begin, it is removed (the audit log keeps it)."""
    require_site_admin(actor, "remove the chair’s office role")
    today = timezone.localdate()
    with transaction.atomic():
        if role.start_date >= today:
            deleted, _ = BodyRole.objects.filter(pk=role.pk, version=expected_version).delete()
            if not deleted:
                current = BodyRole.objects.filter(pk=role.pk).first()
                if current is None:
                    raise ValidationError("This role has already been removed.")
                raise EditConflict(current)
        else:
            if role.end_date is not None and role.end_date < today:
                raise ValidationError("This role has already ended.")
            role.end_date = today - datetime.timedelta(days=1)
            save_versioned(role, expected_version=expected_version, update_fields=["end_date"])
        log_event(
            "body_role.ended",
            actor=actor,
            target=role.person,
            body=role.body.short_name,
            role=role.role,
        )
