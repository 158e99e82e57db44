"""Circulating a document for comment, extending the deadline and withdrawing it; the document
follows its circulation's end as its kind declares."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from pitf import workdays
from pitf.audit import log_event
from pitf.circulation import kinds
from pitf.circulation.models import Circulation, Recipient, document_of
from pitf.circulation.services.rules import (
    _require_owner,
    _write,
    deadline_problem,
    default_recipients,
    reminder_time,
)
from pitf.circulation.workflows import CIRCULATION
from pitf.concurrency import current_at, save_versioned
from pitf.models import Agency, Body, User
from pitf.roles import acts_for

# Circulating --------------------------------------------------------------------------------


def circulation_start(
    *,
    actor: User,
    document,
    owner_agency: Agency,
    title: str,
    deadline: datetime.date,
    message: str = "",
    body: Body | None = None,
    agencies: list[Agency] | None = None,
) -> Circulation:
    """Circulate `document` for comment until close of business (Eastern) on `deadline`, a
    business day: to `agencies`, or by default to the member agencies of `body` (unless given,
    the body its kind of document names) on that date, never to the owner. Each recipient
    agency's representatives in the body and the contacts the kind writes to are written to."""
    if not acts_for(actor, owner_agency.pk):
        raise PermissionDenied(f"Only staff of {owner_agency.acronym} circulate its documents.")
    body = body or kinds.default_body(kinds.kind_for_model(document))
    if body is None:
        raise ValidationError({"body": "Choose the body whose member agencies are asked."})
    problem = deadline_problem(deadline)
    if problem:
        raise ValidationError({"deadline": problem})
    today = workdays.today_in_washington()
    chosen = (
        default_recipients(body, owner_agency, day=today)
        if agencies is None
        else [a for a in agencies if a.pk != owner_agency.pk]
    )
    if not chosen and agencies is None:
        raise ValidationError(
            {
                "body": f"The {body.name} has no member agency other than yours today; choose "
                "the agencies instead."
            }
        )
    if not chosen:
        raise ValidationError(
            {"agencies": "Choose at least one agency other than yours to circulate it to."}
        )
    deadline_at = workdays.close_of_business(deadline)
    with transaction.atomic():
        circulation = Circulation.objects.create(
            document_type=ContentType.objects.get_for_model(document),
            document_id=str(document.pk),
            title=title,
            owner_agency=owner_agency,
            body=body,
            circulated_by=actor,
            message=message,
            deadline_at=deadline_at,
            remind_at=reminder_time(deadline),
        )
        document_type, document_key = document_of(circulation)
        Recipient.objects.bulk_create(
            Recipient(
                circulation=circulation,
                agency=agency,
                document_type_id=document_type,
                document_key=document_key,
            )
            for agency in chosen
        )
        written = _write(circulation, "circulation.request", "request", [a.pk for a in chosen])
        log_event(
            "circulation.started",
            actor=actor,
            target=circulation,
            agencies=len(chosen),
            people=written,
            deadline=deadline.isoformat(),
        )
    return circulation


def circulation_extend(
    *, actor: User, circulation: Circulation, expected_version: int, deadline: datetime.date
) -> Circulation:
    """A later deadline; every recipient agency is told, and those that have not answered get a
    reminder again before it."""
    _require_owner(actor, circulation)
    with transaction.atomic():
        circulation = _locked(circulation, expected_version)
        CIRCULATION.require(circulation, "extend")
        if workdays.close_of_business(deadline) <= circulation.deadline_at:
            raise ValidationError(
                {"deadline": "The new deadline must be later than the current one."}
            )
        problem = deadline_problem(deadline)
        if problem:
            raise ValidationError({"deadline": problem})
        circulation.deadline_at = workdays.close_of_business(deadline)
        circulation.remind_at = reminder_time(deadline)
        circulation.reminded_at = None
        save_versioned(
            circulation,
            expected_version=expected_version,
            update_fields=["deadline_at", "remind_at", "reminded_at"],
        )
        agencies = circulation.recipients.values_list("agency_id", flat=True)
        _write(circulation, "circulation.extended", f"extended-{deadline.isoformat()}", agencies)
        log_event(
            "circulation.extended", actor=actor, target=circulation, deadline=deadline.isoformat()
        )
    return circulation


def _locked(circulation: Circulation, expected_version: int) -> Circulation:
    """The circulation as saved now, its row locked for the transaction (so the beat's close
    and a person's extend or withdraw happen one after the other, never both); EditConflict if
    it changed since the form was loaded."""
    current = Circulation.objects.select_for_update(of=("self",)).get(pk=circulation.pk)
    return current_at(current, expected_version)


def document_follows(circulation: Circulation, *, actor: User | None) -> None:
    """The circulated document's own state follows its circulation's close or withdrawal, in
    the same transaction: the feature that registered the document's kind says how
    (pitf.circulation.kinds.DocumentKind.ended)."""
    follow = kinds.kind_of(circulation.document_type_id).follow_end()
    if follow is not None:
        follow(circulation=circulation, actor=actor)


def circulation_withdraw(
    *, actor: User, circulation: Circulation, expected_version: int, reason: str
) -> Circulation:
    _require_owner(actor, circulation)
    if not reason.strip():
        raise ValidationError({"reason": "Say why it is withdrawn; the agencies are told."})
    with transaction.atomic():
        circulation = _locked(circulation, expected_version)
        changed = CIRCULATION.move(circulation, "withdraw")
        circulation.withdrawn_reason = reason
        circulation.closed_at = timezone.now()
        save_versioned(
            circulation,
            expected_version=expected_version,
            update_fields=[*changed, "withdrawn_reason", "closed_at"],
        )
        document_follows(circulation, actor=actor)
        agencies = circulation.recipients.values_list("agency_id", flat=True)
        _write(circulation, "circulation.withdrawn", "withdrawn", agencies, reason=reason)
        log_event("circulation.withdrawn", actor=actor, target=circulation, reason=reason)
    return circulation
