"""Writes of grant documents (solicitations and proposed awards): create, edit, circulate for
comment through the core's circulation, record the outcome (posted, awarded), withdraw. Each
takes the document; its class says which kind it is."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from grants.models import GrantDocument
from grants.uploads import nofo_path, validate_nofo
from pitf.audit import log_event
from pitf.circulation import services as circulation
from pitf.concurrency import save_versioned
from pitf.directory.services.rows import current_at
from pitf.models import User


def is_owner(actor: User, document: GrantDocument) -> bool:
    return actor.is_active and actor.agency_id == document.agency_id


def _require_owner(actor: User, document: GrantDocument) -> None:
    if not is_owner(actor, document):
        raise PermissionDenied(f"Only {document.agency.acronym}'s staff change it.")


def _noun(document_or_model) -> str:
    return document_or_model._meta.verbose_name


def _event(document: GrantDocument, what: str) -> str:
    return f"{document._meta.model_name}.{what}"


def document_create(*, actor: User, model: type[GrantDocument], **values) -> GrantDocument:
    """A draft of the actor's agency, seen by that agency alone until circulated."""
    if actor.agency_id is None:
        raise PermissionDenied(f"Only agency staff draft a {_noun(model)}.")
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
        document = current_at(document, expected_version)
        if not document.changes_here:
            raise ValidationError(
                f"The {_noun(document)} is {document.get_status_display().lower()}; it no longer "
                "changes here."
            )
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
        document = current_at(document, expected_version)
        if not document.circulates:
            raise ValidationError(
                f"The {_noun(document)} is {document.get_status_display().lower()}; only a draft "
                "(or one whose comments closed) is circulated."
            )
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
        document.status = document.CIRCULATED
        save_versioned(document, expected_version=expected_version, update_fields=["status"])
    return started


def comments_closed(*, model: type[GrantDocument], document_id: int) -> None:
    """Its circulation closed at the deadline (pitf.circulation's beat)."""
    model.objects.filter(pk=document_id, status=model.CIRCULATED).update(
        status=model.COMMENTS_CLOSED
    )


def document_finish(*, actor: User, document: GrantDocument, expected_version: int):
    """Record what the agency did once comments closed: posted the solicitation (on Grants.gov),
    made the award. Every signed-in person sees it from then on."""
    _require_owner(actor, document)
    with transaction.atomic():
        document = current_at(document, expected_version)
        final = document.FINAL
        if document.status != document.COMMENTS_CLOSED:
            raise ValidationError(
                f"Only a {_noun(document)} whose comments have closed is {final.label.lower()}; "
                f"it is {document.get_status_display().lower()}."
            )
        document.status = final
        save_versioned(document, expected_version=expected_version, update_fields=["status"])
        log_event(_event(document, final.value), actor=actor, target=document)
    return document


def document_withdraw(*, actor: User, document: GrantDocument, expected_version: int, reason: str):
    """Withdraw it; a circulation still open is withdrawn with it (every agency is told)."""
    from grants.selectors import circulations_of

    _require_owner(actor, document)
    if not reason.strip():
        raise ValidationError({"reason": "Say why it is withdrawn."})
    with transaction.atomic():
        document = current_at(document, expected_version)
        if not document.changes_here:
            raise ValidationError(
                f"It is {document.get_status_display().lower()}; it cannot be withdrawn here."
            )
        for open_one in [c for c in circulations_of(document) if c.is_open]:
            circulation.circulation_withdraw(
                actor=actor, circulation=open_one, expected_version=open_one.version, reason=reason
            )
        document.status = document.WITHDRAWN
        save_versioned(document, expected_version=expected_version, update_fields=["status"])
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
        solicitation = current_at(solicitation, expected_version)
        if not solicitation.changes_here:
            raise ValidationError(
                f"The solicitation is {solicitation.get_status_display().lower()}; its NOFO no "
                "longer changes here."
            )
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
