"""Writes of grant solicitations: create, edit, and circulate for comment (through the core's
circulation)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from grants.models import SOLICITATION_FIELDS, Solicitation
from pitf.audit import log_event
from pitf.circulation import services as circulation
from pitf.concurrency import save_versioned
from pitf.directory.services.rows import current_at
from pitf.models import User


def is_owner(actor: User, solicitation: Solicitation) -> bool:
    return actor.is_active and actor.agency_id == solicitation.agency_id


def _require_owner(actor: User, solicitation: Solicitation) -> None:
    if not is_owner(actor, solicitation):
        raise PermissionDenied(f"Only {solicitation.agency.acronym}'s staff change it.")


def solicitation_create(*, actor: User, **values) -> Solicitation:
    """A draft solicitation of the actor's agency, seen by that agency alone until circulated."""
    if actor.agency_id is None:
        raise PermissionDenied("Only agency staff draft solicitations.")
    with transaction.atomic():
        solicitation = Solicitation(agency_id=actor.agency_id, created_by=actor, **values)
        solicitation.full_clean()
        solicitation.save()
        log_event("solicitation.created", actor=actor, target=solicitation)
    return solicitation


def solicitation_edit(
    *, actor: User, solicitation: Solicitation, expected_version: int, **values
) -> Solicitation:
    _require_owner(actor, solicitation)
    unknown = set(values) - set(SOLICITATION_FIELDS)
    if unknown:
        raise TypeError(f"Not fields an agency changes: {sorted(unknown)}")
    with transaction.atomic():
        solicitation = current_at(solicitation, expected_version)
        if solicitation.status in (Solicitation.Status.POSTED, Solicitation.Status.WITHDRAWN):
            raise ValidationError(
                f"The solicitation is {solicitation.get_status_display().lower()}; it no longer "
                "changes here."
            )
        for name, value in values.items():
            setattr(solicitation, name, value)
        solicitation.full_clean()
        save_versioned(solicitation, expected_version=expected_version, update_fields=list(values))
    return solicitation


def solicitation_circulate(
    *,
    actor: User,
    solicitation: Solicitation,
    expected_version: int,
    deadline: datetime.date,
    message: str = "",
    body=None,
    agencies=None,
):
    """Circulate the draft for comment: to the SPOG's other member agencies, to another body's
    (`body`), or to the `agencies` chosen."""
    _require_owner(actor, solicitation)
    with transaction.atomic():
        solicitation = current_at(solicitation, expected_version)
        if solicitation.status not in (
            Solicitation.Status.DRAFT,
            Solicitation.Status.COMMENTS_CLOSED,
        ):
            raise ValidationError(
                f"The solicitation is {solicitation.get_status_display().lower()}; only a draft "
                "(or one whose comments closed) is circulated."
            )
        started = circulation.circulation_start(
            actor=actor,
            document=solicitation,
            owner_agency=solicitation.agency,
            title=str(solicitation),
            deadline=deadline,
            message=message,
            body=body,
            agencies=agencies,
        )
        solicitation.status = Solicitation.Status.CIRCULATED
        save_versioned(solicitation, expected_version=expected_version, update_fields=["status"])
    return started


def solicitation_comments_closed(*, solicitation_id: int) -> None:
    """Its circulation closed at the deadline (pitf.circulation's beat)."""
    Solicitation.objects.filter(pk=solicitation_id, status=Solicitation.Status.CIRCULATED).update(
        status=Solicitation.Status.COMMENTS_CLOSED
    )


def solicitation_post(*, actor: User, solicitation: Solicitation, expected_version: int):
    """Record that the agency posted it (on Grants.gov), once its comments have closed; every
    signed-in person sees it from then on."""
    _require_owner(actor, solicitation)
    with transaction.atomic():
        solicitation = current_at(solicitation, expected_version)
        if solicitation.status != Solicitation.Status.COMMENTS_CLOSED:
            raise ValidationError(
                "Only a solicitation whose comments have closed is posted; it is "
                f"{solicitation.get_status_display().lower()}."
            )
        solicitation.status = Solicitation.Status.POSTED
        save_versioned(solicitation, expected_version=expected_version, update_fields=["status"])
        log_event("solicitation.posted", actor=actor, target=solicitation)
    return solicitation


def solicitation_withdraw(
    *, actor: User, solicitation: Solicitation, expected_version: int, reason: str
):
    """Withdraw it; a circulation still open is withdrawn with it (every agency is told)."""
    from grants.selectors import circulations_of

    _require_owner(actor, solicitation)
    if not reason.strip():
        raise ValidationError({"reason": "Say why it is withdrawn."})
    with transaction.atomic():
        solicitation = current_at(solicitation, expected_version)
        if solicitation.status in (Solicitation.Status.POSTED, Solicitation.Status.WITHDRAWN):
            raise ValidationError(
                f"It is {solicitation.get_status_display().lower()}; it cannot be withdrawn here."
            )
        for open_one in [c for c in circulations_of(solicitation) if c.is_open]:
            circulation.circulation_withdraw(
                actor=actor, circulation=open_one, expected_version=open_one.version, reason=reason
            )
        solicitation.status = Solicitation.Status.WITHDRAWN
        save_versioned(solicitation, expected_version=expected_version, update_fields=["status"])
        log_event("solicitation.withdrawn", actor=actor, target=solicitation, reason=reason)
    return solicitation
