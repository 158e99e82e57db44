"""The circulations: the agency's list, a circulation's page, extending and withdrawing it, and the
comment matrix."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import select_template
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from pitf import tables
from pitf.circulation import exports, selectors, services
from pitf.circulation.forms import (
    CommentForm,
    ExtendForm,
    SubmitForm,
    WithdrawForm,
)
from pitf.circulation.views.answers import _sections
from pitf.circulation.views.layout import PER_PAGE, _circulation, _crumbs, _on_circulation
from pitf.formats import dated
from pitf.links import link_to
from pitf.pages import paginate, posted
from pitf.workflow import can


def my_page_panel(request) -> dict:
    agency_id = request.user.agency_id
    return {
        "requests": selectors.requests_for_agency(agency_id, limit=5),
        "own": list(selectors.circulations_of_agency(agency_id)[:5]),
    }


DEADLINE = "l, F j, Y, g:i A T"


def _request_row(request) -> str:
    return tables.row(
        tables.link(link_to("circulation:detail", request.circulation_id), request.title),
        (
            tables.text(request.owner),
            tables.text(dated(request.deadline_at, DEADLINE)),
            tables.text(request.answer if request.submitted else "Not submitted"),
        ),
    )


def _own_row(circulation) -> str:
    return tables.row(
        tables.link(link_to("circulation:detail", circulation.pk), circulation.title),
        (
            tables.text(circulation.get_status_display()),
            tables.text(dated(circulation.deadline_at, DEADLINE)),
            f"{circulation.answered} of {circulation.asked}",
        ),
    )


def circulation_list(request):
    agency_id = request.user.agency_id
    page, page_range = paginate(request, selectors.circulations_of_agency(agency_id), PER_PAGE)
    requests = selectors.requests_for_agency(agency_id)
    return render(
        request,
        "circulation/list.html",
        {
            "requests": requests,
            "request_rows": tables.joined(map(_request_row, requests)),
            "page": page,
            "page_range": page_range,
            "own_rows": tables.joined(map(_own_row, page.object_list)),
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
