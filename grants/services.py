"""Writes of grant documents (solicitations and proposed awards): create, edit, circulate for
comment through the core's circulation, record the outcome (posted, awarded), withdraw. Each
takes the document; its class says which kind it is."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from grants.models import GrantDocument
from grants.uploads import nofo_path, validate_nofo
from grants.workflows import SOLICITATION
from pitf import workdays
from pitf.audit import log_event
from pitf.circulation import services as circulation
from pitf.concurrency import current_at, save_versioned
from pitf.models import User
from pitf.roles import acts_for
from pitf.workflow import workflow_of


def _require_owner(actor: User, document: GrantDocument) -> None:
    if not acts_for(actor, document.agency_id):
        raise PermissionDenied(f"Only {document.agency.acronym}'s staff change it.")


def _locked(document: GrantDocument, expected_version: int) -> GrantDocument:
    """The document as saved now, its row locked for the transaction (its circulation's close
    may change its state meanwhile); EditConflict if it changed since the form was loaded."""
    return current_at(
        type(document).objects.select_for_update(of=("self",)).get(pk=document.pk),
        expected_version,
    )


def _noun(document_or_model) -> str:
    return document_or_model._meta.verbose_name


def _event(document: GrantDocument, what: str) -> str:
    return f"{document._meta.model_name}.{what}"


def document_create(*, actor: User, model: type[GrantDocument], **values) -> GrantDocument:
    """A draft of the actor's agency, seen by that agency alone until circulated."""
    if actor.agency_id is None:
        raise PermissionDenied(f"Only agency staff draft a {_noun(model)}.")
    planned = values.get("planned_post_date")
    if planned is not None and planned < workdays.today_in_washington():
        raise ValidationError(
            {"planned_post_date": "That day has passed; a new draft plans a later posting."}
        )
    with transaction.atomic():
        document = model(agency_id=actor.agency_id, created_by=actor, **values)
        document.full_clean()
        document.save()
        log_event(_event(document, "created"), actor=actor, target=document)
    return document


def document_edit(
    *, actor: User, document: GrantDocument, expected_version: int, **values
) -> GrantDocument:
    _require_owner(actor, document)
    unknown = set(values) - set(document.EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not fields an agency changes: {sorted(unknown)}")
    with transaction.atomic():
        document = _locked(document, expected_version)
        workflow_of(document).require(document, "edit")
        for name, value in values.items():
            setattr(document, name, value)
        document.full_clean()
        save_versioned(document, expected_version=expected_version, update_fields=list(values))
    return document


def document_circulate(
    *,
    actor: User,
    document: GrantDocument,
    expected_version: int,
    deadline: datetime.date,
    message: str = "",
    body=None,
    agencies=None,
):
    """Circulate the draft for comment: to the SPOG's other member agencies, to another body's
    (`body`), or to the `agencies` chosen."""
    _require_owner(actor, document)
    with transaction.atomic():
        document = _locked(document, expected_version)
        changed = workflow_of(document).move(document, "circulate")
        started = circulation.circulation_start(
            actor=actor,
            document=document,
            owner_agency=document.agency,
            title=str(document),
            deadline=deadline,
            message=message,
            body=body,
            agencies=agencies,
        )
        save_versioned(document, expected_version=expected_version, update_fields=changed)
    return started


def circulation_ended(*, circulation, actor: User | None) -> None:
    """Its circulation closed at the deadline (comments closed) or was withdrawn (a draft
    again), called by pitf.circulation's services in their transaction. A document that is no
    longer circulated (withdrawn itself, which withdraws its circulation) stays as it is."""
    model = circulation.document_type.model_class()
    document = model.objects.select_for_update().get(pk=int(circulation.document_id))
    name = (
        "comments_close"
        if circulation.status == circulation.Status.CLOSED
        else "circulation_withdrawn"
    )
    document_workflow = workflow_of(document)
    if not document_workflow.can(document, name):
        return
    changed = document_workflow.move(document, name)
    save_versioned(document, expected_version=document.version, update_fields=changed)
    if actor is not None:
        log_event(_event(document, "circulation_withdrawn"), actor=actor, target=document)


def document_finish(*, actor: User, document: GrantDocument, expected_version: int):
    """Record what the agency did once comments closed: posted the solicitation (on Grants.gov),
    made the award. Every signed-in person sees it from then on."""
    _require_owner(actor, document)
    with transaction.atomic():
        document = _locked(document, expected_version)
        changed = workflow_of(document).move(document, "finish")
        save_versioned(document, expected_version=expected_version, update_fields=changed)
        log_event(_event(document, document.FINAL.value), actor=actor, target=document)
    return document


def document_withdraw(*, actor: User, document: GrantDocument, expected_version: int, reason: str):
    """Withdraw it; a circulation still open is withdrawn with it (every agency is told)."""
    from grants.selectors import circulations_of

    _require_owner(actor, document)
    if not reason.strip():
        raise ValidationError({"reason": "Say why it is withdrawn."})
    with transaction.atomic():
        document = _locked(document, expected_version)
        document_workflow = workflow_of(document)
        document_workflow.require(document, "withdraw")
        # Withdrawn first, then the document, so the circulation's own follow-up finds the
        # document already withdrawn and leaves it.
        changed = document_workflow.move(document, "withdraw")
        save_versioned(document, expected_version=expected_version, update_fields=changed)
        for open_one in [c for c in circulations_of(document) if c.is_open]:
            circulation.circulation_withdraw(
                actor=actor, circulation=open_one, expected_version=open_one.version, reason=reason
            )
        log_event(_event(document, "withdrawn"), actor=actor, target=document, reason=reason)
    return document


def solicitation_attach_nofo(
    *, actor: User, solicitation, expected_version: int, upload
) -> GrantDocument:
    """Attach (or replace) the draft NOFO: a PDF or Word file, checked by what it holds. The
    file it replaces is deleted once the change is committed."""
    _require_owner(actor, solicitation)
    try:
        name = validate_nofo(upload)
    except ValidationError as refused:
        raise ValidationError({"nofo": refused.messages}) from None
    with transaction.atomic():
        solicitation = _locked(solicitation, expected_version)
        SOLICITATION.require(solicitation, "edit")
        replaced = solicitation.nofo.name
        storage = solicitation.nofo.storage
        solicitation.nofo.save(nofo_path(solicitation, upload.name), upload, save=False)
        solicitation.nofo_name = name
        try:
            save_versioned(
                solicitation,
                expected_version=expected_version,
                update_fields=["nofo", "nofo_name"],
            )
        except Exception:
            storage.delete(solicitation.nofo.name)  # nothing points at it
            raise
        log_event("solicitation.nofo_attached", actor=actor, target=solicitation, file=name)
        if replaced:
            transaction.on_commit(lambda: storage.delete(replaced))
    return solicitation
