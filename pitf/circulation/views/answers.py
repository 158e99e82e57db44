"""An agency's answer: its comments drafted, changed and removed, submitted and reopened, and the
owner's resolution of each."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.views.decorators.http import require_http_methods

from pitf.circulation import selectors, services
from pitf.circulation.forms import (
    CommentEditForm,
    CommentForm,
    ResolveForm,
    SubmitForm,
    comment_initial,
)
from pitf.circulation.views.layout import _circulation, _on_circulation
from pitf.forms import ConfirmForm, bound_to_current
from pitf.pages import posted


def _changeable(request, comment, *, what: str = "changes"):
    """The comment page opens only for whom the service would let change it (403 with the
    reason otherwise: another agency's comment, or an answer closed or submitted)."""
    try:
        services.require_may_change_comment(request.user, comment.recipient, what=what)
    except ValidationError as refused:
        raise PermissionDenied(" ".join(refused.messages)) from refused
    return comment


def _own_recipient(standing):
    if standing.recipient is None:
        raise PermissionDenied("Your agency was not asked to comment on this document.")
    return standing.recipient


def _sections(circulation) -> tuple[str, ...]:
    """The sections of the circulated document a comment may be about, if its kind has them."""
    return tuple(getattr(circulation.document, "comment_sections", ()) or ())


@require_http_methods(["GET", "POST"])
def comment_add(request, pk: int):
    circulation, standing = _circulation(request, pk)
    _own_recipient(standing)
    return _on_circulation(
        request,
        circulation,
        CommentForm(posted(request), sections=_sections(circulation)),
        lambda form: services.comment_add(
            actor=request.user, circulation=circulation, **form.cleaned_data
        ),
        said="The comment is in your agency's draft answer.",
        title=f"Comment on “{circulation.title}”",
        explanation=[
            "Only your agency sees its draft; the owner agency sees your comments once your "
            "representative submits the answer."
        ],
    )


@require_http_methods(["GET", "POST"])
def comment_edit(request, pk: int, comment_pk: int):
    circulation, standing = _circulation(request, pk)
    _own_recipient(standing)
    comment = _changeable(
        request, selectors.comment_for(circulation=circulation, standing=standing, pk=comment_pk)
    )
    return _on_circulation(
        request,
        circulation,
        CommentEditForm(
            posted(request), initial=comment_initial(comment), submit_label="Save the comment"
        ),
        lambda form: services.comment_edit(
            actor=request.user,
            comment=comment,
            expected_version=form.cleaned_data["version"],
            section=form.cleaned_data["section"],
            kind=form.cleaned_data["kind"],
            text=form.cleaned_data["text"],
        ),
        current=lambda: bound_to_current(
            CommentEditForm,
            initial=comment_initial(type(comment).objects.get(pk=comment.pk)),
            submit_label="Save the comment",
        ),
        said="The comment is saved.",
        title="Change a comment",
    )


@require_http_methods(["GET", "POST"])
def comment_delete(request, pk: int, comment_pk: int):
    circulation, standing = _circulation(request, pk)
    _own_recipient(standing)
    comment = _changeable(
        request,
        selectors.comment_for(circulation=circulation, standing=standing, pk=comment_pk),
        what="removes",
    )
    return _on_circulation(
        request,
        circulation,
        ConfirmForm(posted(request), instance=comment, submit_label="Remove the comment"),
        lambda form: services.comment_delete(
            actor=request.user, comment=comment, expected_version=form.cleaned_data["version"]
        ),
        said="The comment is removed from the draft.",
        title="Remove a comment from the draft",
        explanation=[f"{comment.section}: {comment.text}"],
    )


@require_http_methods(["GET", "POST"])
def answer_submit(request, pk: int):
    circulation, standing = _circulation(request, pk)
    recipient = _own_recipient(standing)
    if not services.may_submit_for(request.user, recipient):
        raise PermissionDenied(
            f"Only {recipient.agency.acronym}'s designated representatives, or a delegate they "
            "named, submit its answer."
        )
    return _on_circulation(
        request,
        circulation,
        SubmitForm(posted(request), recipient=recipient),
        lambda form: services.answer_submit(
            actor=request.user,
            recipient=recipient,
            expected_version=form.cleaned_data["version"],
            answer=form.cleaned_data["answer"],
        ),
        said=f"{recipient.agency.acronym}'s answer is submitted; it is final.",
        title=f"Submit {recipient.agency.acronym}'s answer",
        explanation=["Once submitted, the answer is final unless the owner agency reopens it."],
    )


@require_http_methods(["GET", "POST"])
def answer_reopen(request, pk: int, recipient_pk: int):
    circulation, standing = _circulation(request, pk)
    if not standing.owner:
        raise PermissionDenied("Only the owner agency reopens an answer.")
    recipient = circulation.recipients.select_related("agency").filter(pk=recipient_pk).first()
    if recipient is None:
        raise Http404("No such agency on this circulation.")
    return _on_circulation(
        request,
        circulation,
        ConfirmForm(posted(request), instance=recipient, submit_label="Reopen the answer"),
        lambda form: services.answer_reopen(
            actor=request.user, recipient=recipient, expected_version=form.cleaned_data["version"]
        ),
        said=f"{recipient.agency.acronym}'s answer is open again until the deadline.",
        title=f"Reopen {recipient.agency.acronym}'s answer",
        explanation=["The agency may change its comments and submit again before the deadline."],
    )


@require_http_methods(["GET", "POST"])
def comment_resolve(request, pk: int, comment_pk: int):
    circulation, standing = _circulation(request, pk)
    if not standing.owner:
        raise PermissionDenied("Only the owner agency resolves comments.")
    comment = selectors.comment_for(circulation=circulation, standing=standing, pk=comment_pk)
    return _on_circulation(
        request,
        circulation,
        ResolveForm(posted(request), comment=comment),
        lambda form: services.comment_resolve(
            actor=request.user,
            comment=comment,
            expected_version=form.cleaned_data["version"],
            resolution=form.cleaned_data["resolution"],
            reason=form.cleaned_data["reason"],
            reply=form.cleaned_data["reply"],
        ),
        said="The resolution is saved.",
        title=f"Resolve {comment.recipient.agency.acronym}'s comment",
        explanation=[f"{comment.section} ({comment.get_kind_display()}): {comment.text}"],
    )
