"""The circulation pages: thin views over pitf.circulation.selectors and services."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import select_template
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from pitf.circulation import exports, kinds, selectors, services
from pitf.circulation.forms import (
    CommentEditForm,
    CommentForm,
    ExtendForm,
    PersonOfAgencyForm,
    ResolveForm,
    SubmitForm,
    WithdrawForm,
    comment_initial,
)
from pitf.forms import ButtonForm, ConfirmForm, bound_to_current
from pitf.pages import FormPage, done, form_view, paginate, posted
from pitf.roles import request_roles
from pitf.workflow import can

PER_PAGE = 25  # an agency's own circulations a page


def _circulation(request, pk):
    return selectors.circulation_for(user=request.user, roles=request_roles(request), pk=pk)


def _crumbs(circulation=None):
    crumbs = [("Comment requests", reverse("circulation:list"))]
    if circulation is not None:
        crumbs.append((circulation.title, reverse("circulation:detail", args=[circulation.pk])))
    return crumbs


def _back(circulation):
    return reverse("circulation:detail", args=[circulation.pk])


def _on_circulation(
    request, circulation, form, action, *, said, title, explanation=(), current=None
):
    """A form about one circulation: the page goes back to the circulation, and so does a
    success, saying `said`."""
    return form_view(
        request,
        form,
        action,
        current=current,
        success=lambda _: done(request, said, "circulation:detail", pk=circulation.pk),
        page=FormPage(
            title=title,
            crumbs=_crumbs(circulation),
            cancel_url=_back(circulation),
            explanation=explanation,
        ),
    )


def my_page_panel(request) -> dict:
    agency_id = request.user.agency_id
    return {
        "requests": list(selectors.requests_for_agency(agency_id)[:5]),
        "own": list(selectors.circulations_of_agency(agency_id)[:5]),
    }


def circulation_list(request):
    agency_id = request.user.agency_id
    page, page_range = paginate(request, selectors.circulations_of_agency(agency_id), PER_PAGE)
    return render(
        request,
        "circulation/list.html",
        {
            "requests": list(selectors.requests_for_agency(agency_id)),
            "page": page,
            "page_range": page_range,
        },
    )


def circulation_detail(request, pk: int):
    circulation, standing = _circulation(request, pk)
    context = {
        "circulation": circulation,
        "marking": exports.marking_of(circulation),
        "standing": standing,
        "crumbs": _crumbs()[:1],
    }
    document = circulation.document
    if document is not None:
        # Beside the comment form: the document's facts and its file, as the feature that owns
        # the kind shows them (circulation/documents/<app>_<model>.html).
        kind = circulation.document_type
        context["document"] = document
        context["document_template"] = select_template(
            [
                f"circulation/documents/{kind.app_label}_{kind.model}.html",
                "circulation/documents/default.html",
            ]
        )
    recipient = standing.recipient
    if recipient is not None:
        context["draft"] = selectors.draft_of(recipient)
        context["drafting"] = can(recipient, "comment")
        context["may_submit"] = services.may_submit_for(request.user, recipient)
        # Whom the agency's staff ask to submit its answer (or that nobody can yet).
        context["submitters"] = selectors.submitters_in(circulation.body_id, [recipient.agency_id])[
            recipient.agency_id
        ]
        if context["drafting"]:
            form = CommentForm(sections=_sections(circulation))
            form.helper.form_action = reverse("circulation:comment-add", args=[circulation.pk])
            context["comment_form"] = form
            if context["may_submit"]:
                submit = SubmitForm(recipient=recipient)
                submit.helper.form_action = reverse("circulation:submit", args=[circulation.pk])
                context["submit_form"] = submit
    if standing.sees_all_answers:
        answers = selectors.answers_of(circulation)
        context["answers"] = answers
        context["comments"] = [
            (recipient, comment)
            for recipient in answers
            for comment in recipient.submitted_comments
        ]
    return render(request, "circulation/detail.html", context)


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


@require_http_methods(["GET", "POST"])
def circulation_extend(request, pk: int):
    circulation, standing = _circulation(request, pk)
    if not standing.owner:
        raise PermissionDenied("Only the owner agency extends the deadline.")
    return _on_circulation(
        request,
        circulation,
        ExtendForm(posted(request), initial={"version": circulation.version}),
        lambda form: services.circulation_extend(
            actor=request.user,
            circulation=circulation,
            expected_version=form.cleaned_data["version"],
            deadline=form.cleaned_data["deadline"],
        ),
        said="The deadline is extended; every agency is told.",
        title=f"Extend the deadline of “{circulation.title}”",
    )


@require_http_methods(["GET", "POST"])
def circulation_withdraw(request, pk: int):
    circulation, standing = _circulation(request, pk)
    if not standing.owner:
        raise PermissionDenied("Only the owner agency withdraws the circulation.")
    return _on_circulation(
        request,
        circulation,
        WithdrawForm(posted(request), initial={"version": circulation.version}),
        lambda form: services.circulation_withdraw(
            actor=request.user,
            circulation=circulation,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
        ),
        said="The circulation is withdrawn; every agency is told.",
        title=f"Withdraw “{circulation.title}”",
        explanation=["Comments close at once. This cannot be undone: circulate it again instead."],
    )


EXPORTS = {
    "csv": ("text/csv; charset=utf-8", exports.as_csv),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        exports.as_docx,
    ),
    "pdf": ("application/pdf", exports.as_pdf),
}


def comment_matrix(request, pk: int, fmt: str):
    """The consolidated comment matrix, for those who see every answer."""
    circulation, standing = _circulation(request, pk)
    if fmt not in EXPORTS:
        raise Http404("No such format.")
    if not standing.sees_all_answers:
        raise PermissionDenied(
            f"The comment matrix is for {circulation.owner_agency.acronym} and those who oversee "
            "the circulation; your agency sees its own answer on the page."
        )
    content_type, render_as = EXPORTS[fmt]
    response = HttpResponse(render_as(circulation), content_type=content_type)
    name = exports.file_stem(circulation.title)
    response["Content-Disposition"] = f'attachment; filename="comment-matrix-{name}.{fmt}"'
    return response


# An agency's contacts and delegates ---------------------------------------------------------


def _agency(pk: int):
    from pitf.models import Agency

    agency = Agency.objects.filter(pk=pk).first()
    if agency is None:
        raise Http404("No such agency.")
    return agency


def _contacts_page(request, agency, *, forms=None, status=200):
    """An agency's contacts, list by list as the document kinds declare them, and its
    delegates; `forms` (by prefix: a list's topic, or "delegate") are posted forms shown again
    with what was wrong."""
    forms = forms or {}
    contacts, delegates = selectors.contacts_of(agency.pk)
    manages = request_roles(request).manages_agency(agency.pk)
    staff = list(selectors.staff_of(agency.pk)) if manages else []

    def form_for(prefix: str, label: str, action: str, *args):
        if not manages:
            return None
        form = forms.get(prefix) or PersonOfAgencyForm(
            people=staff, submit_label=label, prefix=prefix
        )
        form.helper.form_action = reverse(action, args=[agency.pk, *args])
        return form

    lists = [
        {
            "list": listed,
            "rows": rows,
            "form": form_for(
                listed.topic, f"Add the {listed.noun}", "circulation:contact-add", listed.topic
            ),
        }
        for listed, rows in contacts
    ]
    delegate_form = form_for("delegate", "Name the delegate", "circulation:delegate-add")
    return render(
        request,
        "circulation/agency_contacts.html",
        {
            "agency": agency,
            "lists": lists,
            "delegates": delegates,
            "manages": manages,
            "delegate_form": delegate_form,
            "errors": any(form.errors for form in forms.values()),
            "crumbs": _crumbs()[:1],
        },
        status=status,
    )


def agency_contacts(request, pk: int):
    return _contacts_page(request, _agency(pk))


def _add(request, pk: int, *, prefix: str, service, label: str, message: str):
    agency = _agency(pk)
    if not request_roles(request).manages_agency(agency.pk):
        raise PermissionDenied(
            f"Only {agency.acronym}'s designated representatives and the secretariat keep its "
            "contacts and delegates."
        )
    return form_view(
        request,
        PersonOfAgencyForm(
            request.POST, people=selectors.staff_of(agency.pk), submit_label=label, prefix=prefix
        ),
        lambda form: service(actor=request.user, agency=agency, person=form.cleaned_data["person"]),
        success=lambda _: done(request, message, "circulation:agency-contacts", pk=agency.pk),
        page=lambda form: _contacts_page(request, agency, forms={prefix: form}),
    )


@require_POST
def contact_add(request, pk: int, topic: str):
    listed = kinds.contact_list(topic)
    if listed is None:
        raise Http404("No such list of contacts.")
    return _add(
        request,
        pk,
        prefix=listed.topic,
        service=lambda **named: services.contact_add(topic=listed.topic, **named),
        label=f"Add the {listed.noun}",
        message=f"The {listed.noun} is added: they receive {listed.receives}.",
    )


@require_POST
def delegate_add(request, pk: int):
    return _add(
        request,
        pk,
        prefix="delegate",
        service=services.delegate_add,
        label="Name the delegate",
        message="The delegate is named: they may submit the agency's answers.",
    )


def _remove(request, pk: int, row, *, service, what: str):
    agency = _agency(pk)
    if not request_roles(request).manages_agency(agency.pk):
        raise PermissionDenied(
            f"Only {agency.acronym}'s designated representatives and the secretariat keep its "
            "contacts and delegates."
        )
    if row is None or row.agency_id != agency.pk:
        raise Http404(f"No such {what}.")
    name = row.person.full_name or row.person.email
    return form_view(
        request,
        ButtonForm(posted(request), submit_label=f"Remove the {what}"),
        lambda _: service(request.user, row),
        success=lambda _: done(
            request, f"{name} is no longer a {what}.", "circulation:agency-contacts", pk=agency.pk
        ),
        page=FormPage(
            title=f"Remove {name} as {agency.acronym}'s {what}",
            crumbs=[*_crumbs()[:1], (f"{agency.acronym}'s contacts", _contacts_url(agency))],
            cancel_url=_contacts_url(agency),
        ),
    )


def _contacts_url(agency) -> str:
    return reverse("circulation:agency-contacts", args=[agency.pk])


@require_http_methods(["GET", "POST"])
def contact_remove(request, pk: int, contact_pk: int):
    from pitf.circulation.models import Contact

    contact = Contact.objects.select_related("person", "agency").filter(pk=contact_pk).first()
    listed = kinds.contact_list(contact.topic) if contact is not None else None
    return _remove(
        request,
        pk,
        contact if listed is not None else None,
        service=lambda actor, contact: services.contact_remove(actor=actor, contact=contact),
        what=listed.noun if listed is not None else "contact",
    )


@require_http_methods(["GET", "POST"])
def delegate_remove(request, pk: int, delegate_pk: int):
    from pitf.circulation.models import Delegate

    return _remove(
        request,
        pk,
        Delegate.objects.select_related("person", "agency").filter(pk=delegate_pk).first(),
        service=lambda actor, delegate: services.delegate_remove(actor=actor, delegate=delegate),
        what="delegate",
    )
