"""An agency's answer (its draft comments, submitted once, reopened by the owner) and the owner's
resolution of each comment."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from pitf.audit import log_event
from pitf.circulation.models import Circulation, Comment, Recipient
from pitf.circulation.services.rules import _require_owner, may_submit_for
from pitf.circulation.workflows import ANSWER
from pitf.concurrency import current_at, save_versioned
from pitf.models import User

# An agency's answer -------------------------------------------------------------------------


def _recipient_for(actor: User, circulation: Circulation) -> Recipient:
    recipient = circulation.recipients.filter(agency_id=actor.agency_id).first()
    if recipient is None or not actor.is_active:
        raise PermissionDenied("Your agency was not asked to comment on this document.")
    return recipient


def require_may_change_comment(actor: User, recipient: Recipient, *, what: str = "changes") -> None:
    """Who may change or remove a comment, asked by the pages before they offer the form and by
    the services before they save: staff of the commenting agency (PermissionDenied for anyone
    else), while the agency is still drafting its answer (ValidationError once it is closed or
    submitted)."""
    if recipient.agency_id != actor.agency_id:
        raise PermissionDenied(f"Only the commenting agency {what} its comments.")
    _require_drafting(recipient)


def _require_drafting(recipient: Recipient, transition: str = "comment") -> None:
    ANSWER.require(recipient, transition)


def comment_add(
    *, actor: User, circulation: Circulation, section: str, kind: str, text: str
) -> Comment:
    """A comment in the actor's agency's draft answer (seen only by that agency until it is
    submitted)."""
    with transaction.atomic():
        recipient = (
            Recipient.objects.select_for_update()
            .select_related("circulation", "agency")
            .get(pk=_recipient_for(actor, circulation).pk)
        )
        _require_drafting(recipient)
        comment = Comment(recipient=recipient, section=section, kind=kind, text=text, author=actor)
        comment.full_clean()
        comment.save()
    return comment


def comment_edit(
    *, actor: User, comment: Comment, expected_version: int, section: str, kind: str, text: str
) -> Comment:
    """Change a draft comment; a change someone of the agency saved in between is not
    overwritten (EditConflict)."""
    with transaction.atomic():
        recipient = Recipient.objects.select_for_update().get(pk=comment.recipient_id)
        require_may_change_comment(actor, recipient)
        comment = current_at(comment, expected_version)
        comment.section, comment.kind, comment.text = section, kind, text
        comment.full_clean()
        save_versioned(
            comment, expected_version=expected_version, update_fields=["section", "kind", "text"]
        )
    return comment


def comment_delete(*, actor: User, comment: Comment, expected_version: int) -> None:
    with transaction.atomic():
        recipient = Recipient.objects.select_for_update().get(pk=comment.recipient_id)
        require_may_change_comment(actor, recipient, what="removes")
        current_at(comment, expected_version).delete()


def answer_submit(
    *, actor: User, recipient: Recipient, expected_version: int, answer: str
) -> Recipient:
    """The agency's answer, final: its comments, or no comment. Only its representative or a
    delegate they named submits; a second submission is refused."""
    if not may_submit_for(actor, recipient):
        raise PermissionDenied(
            f"Only {recipient.agency.acronym}'s designated representatives, or a delegate they "
            "named, submit its answer."
        )
    with transaction.atomic():
        recipient = (
            Recipient.objects.select_for_update()
            .select_related("circulation", "agency")
            .get(pk=recipient.pk)
        )
        _require_drafting(recipient, "submit")
        if recipient.version != expected_version:
            from pitf.concurrency import EditConflict

            raise EditConflict(recipient)
        count = recipient.comments.count()
        if answer == Recipient.Answer.COMMENTS and count == 0:
            raise ValidationError({"answer": "There are no comments to submit; add one first."})
        if answer == Recipient.Answer.NO_COMMENT and count:
            raise ValidationError(
                {
                    "answer": f"The draft has {count} comment{'s' if count != 1 else ''}; remove "
                    "them to answer no comment, or submit them."
                }
            )
        if answer not in (Recipient.Answer.COMMENTS, Recipient.Answer.NO_COMMENT):
            raise ValidationError({"answer": "Choose comments or no comment."})
        recipient.answer = answer
        recipient.submitted_at = timezone.now()
        recipient.submitted_by = actor
        save_versioned(
            recipient,
            expected_version=expected_version,
            update_fields=["answer", "submitted_at", "submitted_by"],
        )
        log_event(
            "circulation.answered",
            actor=actor,
            target=recipient.circulation,
            agency=recipient.agency.acronym,
            answer=answer,
            comments=count,
        )
    return recipient


def answer_reopen(*, actor: User, recipient: Recipient, expected_version: int) -> Recipient:
    """The owner reopens a submitted answer, so the agency may change it before the deadline."""
    _require_owner(actor, recipient.circulation)
    with transaction.atomic():
        recipient = current_at(
            Recipient.objects.select_for_update(of=("self",))
            .select_related("circulation", "agency")
            .get(pk=recipient.pk),
            expected_version,
        )
        ANSWER.require(recipient, "reopen")
        recipient.answer, recipient.submitted_at, recipient.submitted_by = "", None, None
        save_versioned(
            recipient,
            expected_version=expected_version,
            update_fields=["answer", "submitted_at", "submitted_by"],
        )
        log_event(
            "circulation.reopened",
            actor=actor,
            target=recipient.circulation,
            agency=recipient.agency.acronym,
        )
    return recipient


# The owner's resolution ---------------------------------------------------------------------


def comment_resolve(
    *,
    actor: User,
    comment: Comment,
    expected_version: int,
    resolution: str,
    reason: str = "",
    reply: str = "",
) -> Comment:
    """The owner's resolution of a submitted comment (a reason is required when not adopted),
    and its reply to the commenting agency."""
    recipient = Recipient.objects.select_related("circulation__owner_agency").get(
        pk=comment.recipient_id
    )
    _require_owner(actor, recipient.circulation)
    ANSWER.require(recipient, "resolve")
    if resolution not in Comment.Resolution.values:
        raise ValidationError({"resolution": "Choose a resolution."})
    if resolution == Comment.Resolution.NOT_ADOPTED and not reason.strip():
        raise ValidationError({"reason": "Say why the comment is not adopted."})
    with transaction.atomic():
        comment = current_at(comment, expected_version)
        comment.resolution = resolution
        comment.resolution_reason = reason
        comment.reply = reply
        comment.resolved_by = actor
        save_versioned(
            comment,
            expected_version=expected_version,
            update_fields=["resolution", "resolution_reason", "reply", "resolved_by"],
        )
    return comment
