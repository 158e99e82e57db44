"""The grants pages, alike for solicitations and proposed awards: thin views over
grants.selectors and services, told by the URL which kind (grants.kinds) they serve."""

from __future__ import annotations

import csv

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from grants import lists, selectors, services
from grants.forms import CirculateForm, NofoForm, WithdrawForm
from grants.kinds import Kind
from grants.models import ELIGIBLE_APPLICANTS, POPULATIONS
from pitf import workdays
from pitf.circulation import kinds as circulation_kinds
from pitf.circulation import reach as circulation_reach
from pitf.formats import spreadsheet_safe
from pitf.forms import ConfirmForm, form_helper
from pitf.pages import FormPage, done, form_view, kept_filter_form, paginate, posted
from pitf.roles import acts_for, request_roles
from pitf.uploads import content_type_of
from pitf.workflow import can

PER_PAGE = 25


def _document(request, kind: Kind, pk: int):
    return selectors.document_for(
        kind.model, user=request.user, roles=request_roles(request), pk=pk
    )


def _owned(request, kind: Kind, pk: int):
    document = _document(request, kind, pk)
    if not acts_for(request.user, document.agency_id):
        raise PermissionDenied(f"Only {document.agency.acronym}'s staff change it.")
    return document


def _crumbs(kind: Kind, document=None):
    crumbs = [(kind.plural, reverse(kind.url("list")))]
    if document is not None:
        crumbs.append((document.title, reverse(kind.url("detail"), args=[document.pk])))
    return crumbs


def _filtered(request, kind: Kind):
    """The filter (None when the request filters nothing) and the rows it lets through."""
    visible = selectors.visible_to(kind.model, request.user, request_roles(request))
    if not request.GET.keys() - {"page"}:
        return None, visible
    filterset = kind.filter(request.GET, queryset=visible)
    return filterset, filterset.qs if filterset.is_valid() else visible


def _filter_form(filterset):
    form = filterset.form
    form.helper = form_helper("Filter", method="get")
    return form


def document_list(request, kind: Kind):
    filterset, rows = _filtered(request, kind)
    # The list shows the document and its agency, nothing it links to.
    rows = rows.select_related(None).select_related("agency").only(*kind.list_fields)
    page, page_range = paginate(request, rows, PER_PAGE)
    return render(
        request,
        "grants/document_list.html",
        {
            "kind": kind,
            # The unfiltered form is the same for everyone: kept rendered.
            "form": _filter_form(filterset) if filterset is not None else None,
            "form_html": kept_filter_form(
                request,
                f"grants:{kind.noun}:filter",
                lambda: _filter_form(kind.filter(queryset=rows)),
            ),
            "page": page,
            "page_range": page_range,
            "table_rows": lists.table_rows(kind, page.object_list),
            "filtered": filterset is not None,
            "may_draft": request.user.agency_id is not None,
            "marking": lists.marking(page.object_list),
        },
    )


def document_csv(request, kind: Kind):
    """What the list's filter shows, every row, as a spreadsheet."""
    _, rows = _filtered(request, kind)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = kind.plural.lower().replace(" ", "-")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    rows = list(rows)
    kind.show_links(rows, user=request.user, roles=request_roles(request))
    writer.writerow([lists.marking(rows)])
    writer.writerow([title for title, _ in kind.csv_columns])
    for document in rows:
        writer.writerow(
            [spreadsheet_safe(str(lists.value(document, path))) for _, path in kind.csv_columns]
        )
    return response


@require_http_methods(["GET", "POST"])
def document_create(request, kind: Kind):
    if request.user.agency_id is None:
        raise PermissionDenied(f"Only agency staff draft a {kind.noun}.")
    return form_view(
        request,
        kind.form(posted(request), agency_id=request.user.agency_id),
        lambda form: services.document_create(
            actor=request.user, model=kind.model, **form.values()
        ),
        success=lambda document: done(
            request,
            "The draft is saved; only your agency sees it until you circulate it.",
            kind.url("detail"),
            pk=document.pk,
        ),
        page=FormPage(
            title=f"Draft a {kind.noun}",
            crumbs=_crumbs(kind),
            cancel_url=reverse(kind.url("list")),
            explanation=[kind.draft_explanation],
        ),
    )


def _document_form(kind: Kind, document, *, title, explanation=(), warnings=()) -> FormPage:
    """The page of a form about one document, which goes back to the document's page."""
    return FormPage(
        title=title,
        crumbs=_crumbs(kind, document),
        cancel_url=reverse(kind.url("detail"), args=[document.pk]),
        explanation=explanation,
        warnings=warnings,
    )


def _on_document(request, kind: Kind, document, form, action, *, said, title, explanation=()):
    """A form about one document whose success goes back to the document, saying `said`."""
    return form_view(
        request,
        form,
        action,
        success=said,
        page=_document_form(kind, document, title=title, explanation=explanation),
    )


def _actions(kind: Kind, document) -> list[tuple[str, str, str]]:
    """The owner's buttons: (label, URL, USWDS button style)."""
    actions = []
    if can(document, "circulate"):
        actions.append(("Circulate for comment", kind.url("circulate"), ""))
    if can(document, "finish"):
        actions.append((kind.finish_label, kind.url(kind.finish), "usa-button--outline"))
    if can(document, "edit"):
        actions.append(("Change", kind.url("edit"), "usa-button--outline"))
    if can(document, "withdraw"):
        actions.append(("Withdraw", kind.url("withdraw"), "usa-button--secondary"))
    return [(label, reverse(name, args=[document.pk]), style) for label, name, style in actions]


def document_detail(request, kind: Kind, pk: int):
    document = _document(request, kind, pk)
    owner = acts_for(request.user, document.agency_id)
    kind.show_links([document], user=request.user, roles=request_roles(request))
    return render(
        request,
        f"grants/{kind.slug}_detail.html",
        {
            "kind": kind,
            "document": document,
            "actions": _actions(kind, document) if owner else [],
            "circulations": selectors.circulations_of(document),
            "eligible": [
                label
                for code, label in ELIGIBLE_APPLICANTS
                if code in getattr(document, "eligible_applicants", [])
            ],
            "populations": [label for code, label in POPULATIONS if code in document.populations],
            "crumbs": _crumbs(kind),
        },
    )


@require_http_methods(["GET", "POST"])
def document_edit(request, kind: Kind, pk: int):
    document = _owned(request, kind, pk)
    return _on_document(
        request,
        kind,
        document,
        kind.edit_form(
            posted(request),
            instance=kind.model.objects.get(pk=document.pk),
            initial={"version": document.version},
            agency_id=document.agency_id,
            submit_label="Save the changes",
        ),
        lambda form: services.document_edit(
            actor=request.user,
            document=document,
            expected_version=form.cleaned_data["version"],
            **form.values(),
        ),
        said="The changes are saved.",
        title=f"Change “{document.title}”",
    )


@require_http_methods(["GET", "POST"])
def document_circulate(request, kind: Kind, pk: int):
    document = _owned(request, kind, pk)
    form = CirculateForm(
        posted(request),
        owner=document.agency,
        initial={
            "version": document.version,
            "deadline": workdays.add_business_days(workdays.today_in_washington(), 10),
        },
    )
    return form_view(
        request,
        form,
        lambda form: services.document_circulate(
            actor=request.user,
            document=document,
            expected_version=form.cleaned_data["version"],
            deadline=form.cleaned_data["deadline"],
            message=form.cleaned_data["message"],
            **form.recipients(),
        ),
        success=lambda circulation: done(
            request,
            circulation_reach.circulated_message(circulation),
            "circulation:detail",
            pk=circulation.pk,
        ),
        page=_document_form(
            kind,
            document,
            title=f"Circulate “{document.title}” for comment",
            explanation=[
                "Each agency asked (never your own) has its designated representatives and "
                "grant contacts e-mailed; two business days before the deadline those that have "
                "not answered are reminded."
            ],
            warnings=circulation_reach.gaps(
                circulation_kinds.kind_for_model(kind.model), owner_id=document.agency_id
            ),
        ),
    )


@require_http_methods(["GET", "POST"])
def document_finish(request, kind: Kind, pk: int):
    document = _owned(request, kind, pk)
    return _on_document(
        request,
        kind,
        document,
        ConfirmForm(posted(request), instance=document, submit_label=kind.finish_label),
        lambda form: services.document_finish(
            actor=request.user, document=document, expected_version=form.cleaned_data["version"]
        ),
        said=f"It is recorded as {document.FINAL.label.lower()}; everyone signed in now sees it.",
        title=f"{kind.finish_label.replace(' it ', f' “{document.title}” ')}",
        explanation=[kind.finish_explanation],
    )


@require_http_methods(["GET", "POST"])
def document_withdraw(request, kind: Kind, pk: int):
    document = _owned(request, kind, pk)
    return _on_document(
        request,
        kind,
        document,
        WithdrawForm(posted(request), initial={"version": document.version}, noun=kind.noun),
        lambda form: services.document_withdraw(
            actor=request.user,
            document=document,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
        ),
        said=f"The {kind.noun} is withdrawn.",
        title=f"Withdraw “{document.title}”",
        explanation=["This cannot be undone: to fund the work after all, draft it again."],
    )


@require_http_methods(["GET", "POST"])
def solicitation_nofo_attach(request, kind: Kind, pk: int):
    solicitation = _owned(request, kind, pk)
    return _on_document(
        request,
        kind,
        solicitation,
        NofoForm(
            posted(request),
            request.FILES if request.method == "POST" else None,
            initial={"version": solicitation.version},
        ),
        lambda form: services.solicitation_attach_nofo(
            actor=request.user,
            solicitation=solicitation,
            expected_version=form.cleaned_data["version"],
            upload=form.cleaned_data["nofo"],
        ),
        said="The draft NOFO is attached.",
        title=f"Attach the draft NOFO of “{solicitation.title}”",
        explanation=[
            "Whoever may see the solicitation may download it; while it is a draft, only your "
            "agency."
        ],
    )


def solicitation_nofo(request, kind: Kind, pk: int):
    """The draft NOFO, to whoever may see the solicitation (404 to anyone else)."""
    solicitation = _document(request, kind, pk)
    if not solicitation.nofo:
        raise Http404("No draft NOFO is attached.")
    response = FileResponse(
        solicitation.nofo.open("rb"),
        as_attachment=True,
        filename=solicitation.nofo_name,
        content_type=content_type_of(solicitation.nofo.name),
    )
    response["Cache-Control"] = "private, no-store"
    return response
