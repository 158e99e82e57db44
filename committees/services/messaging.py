"""Writes of the messaging calendar: an agency's staff (or the committee's chair's office) plan
their agency's communications; a draft is cleared interagency by circulating it for comment to
the committee's member agencies, its status following the circulation (closed: cleared;
withdrawn: a draft again); a cleared communication is published with its link."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from committees.access import keeps, sees
from committees.models import Communication, Observance
from committees.workflows import COMMUNICATION
from pitf.audit import log_event
from pitf.circulation import services as circulation
from pitf.concurrency import current_at, save_versioned
from pitf.models import Agency, Body, User
from pitf.roles import acts_for, roles_of

PUBLIC_AFFAIRS = "public-affairs"
FIELDS = (
    "title", "starts_on", "ends_on", "channel", "audience", "theme", "observance", "message",
)  # fmt: skip


def public_affairs() -> Body:
    return Body.objects.get(short_name=PUBLIC_AFFAIRS)


def may_plan_for(user, body: Body, agency_id: int | None) -> bool:
    """An agency's staff plan its communications, if they are of the committee; its chair's
    office plans any agency's."""
    roles = roles_of(user)
    if keeps(roles, body):
        return True
    return sees(user, roles, body) and acts_for(user, agency_id)


def _check(values: dict) -> None:
    errors = {}
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if starts and ends and ends < starts:
        errors["ends_on"] = "The last day is on or after the first."
    observance: Observance | None = values.get("observance")
    if observance is not None and starts and starts.year < observance.starts_on.year:
        errors["starts_on"] = (
            f"The communication is dated {starts:%B %-d, %Y}, before the year of "
            f"{observance} ({observance.starts_on.year}) it serves; date it in that year or "
            "choose that year's observance."
        )
    if errors:
        raise ValidationError(errors)


def communication_add(*, actor: User, agency: Agency, **values) -> Communication:
    body = public_affairs()
    if not may_plan_for(actor, body, agency.pk):
        raise PermissionDenied("Your agency's staff plan its communications.")
    _check(values)
    with transaction.atomic():
        communication = Communication(body=body, agency=agency, created_by=actor, **values)
        communication.full_clean()
        communication.save()
        log_event("committees.communication_planned", actor=actor, target=communication)
    return communication


def communication_change(
    *, actor: User, communication: Communication, expected_version: int, **values
) -> Communication:
    if not may_plan_for(actor, communication.body, communication.agency_id):
        raise PermissionDenied("Your agency's staff change its communications.")
    _check(values)
    with transaction.atomic():
        communication = current_at(communication, expected_version)
        COMMUNICATION.require(communication, "edit")
        for name, value in values.items():
            setattr(communication, name, value)
        communication.full_clean()
        save_versioned(communication, expected_version=expected_version, update_fields=list(values))
    return communication


def communication_circulate(
    *,
    actor: User,
    communication: Communication,
    expected_version: int,
    deadline: datetime.date,
    message: str = "",
):
    """Circulate the draft for interagency clearance to the committee's other member agencies;
    the actor's agency owns the circulation (only its staff circulate)."""
    if not communication.message.strip():
        raise ValidationError("Write the draft message before circulating it for clearance.")
    with transaction.atomic():
        communication = current_at(communication, expected_version)
        changed = COMMUNICATION.move(communication, "circulate")
        started = circulation.circulation_start(
            actor=actor,
            document=communication,
            owner_agency=communication.agency,
            title=f"Clearance: {communication.title}",
            deadline=deadline,
            message=message,
            body=communication.body,
        )
        save_versioned(communication, expected_version=expected_version, update_fields=changed)
        log_event("committees.communication_circulated", actor=actor, target=communication)
    return started


def circulation_ended(*, circulation, actor) -> None:
    """The draft's circulation closed: the communication is cleared; withdrawn: a draft again."""
    communication = Communication.objects.select_for_update().get(pk=int(circulation.document_id))
    name = "return_to_draft" if circulation.status == circulation.Status.WITHDRAWN else "clear"
    if not COMMUNICATION.can(communication, name):
        return
    changed = COMMUNICATION.move(communication, name)
    communication.version += 1
    communication.save(update_fields=[*changed, "version"])


def communication_publish(
    *, actor: User, communication: Communication, expected_version: int, link: str
) -> Communication:
    if not may_plan_for(actor, communication.body, communication.agency_id):
        raise PermissionDenied("Your agency's staff publish its communications.")
    if not link.strip():
        raise ValidationError({"link": "Give the link to the published communication."})
    with transaction.atomic():
        communication = current_at(communication, expected_version)
        changed = COMMUNICATION.move(communication, "publish")
        communication.link = link.strip()
        save_versioned(
            communication, expected_version=expected_version, update_fields=[*changed, "link"]
        )
        log_event("committees.communication_published", actor=actor, target=communication)
    return communication
