"""The legislation working group's tracker of bills: the bills, one bill with the consolidated
agency views (and as Word), typing a bill in or importing bill status XML, an agency giving its
view, and circulating a bill for the agencies' comments."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from committees import access, legislation
from committees.forms import AgencyViewForm, BillCirculateForm, BillForm, BillImportForm
from committees.models import AgencyView
from committees.services import legislation as services
from committees.views.workspaces import crumbs
from pitf.pages import FormPage, done, form_view, posted
from pitf.roles import request_roles


def _body(request, *, keeper: bool = False):
    body = legislation.legislation_body(request.user, request_roles(request))
    if keeper:
        access.require_keeper_request(request, body)
    return body


def _page(body, title: str, explanation=(), cancel: str = "") -> FormPage:
    return FormPage(
        title=title,
        crumbs=[*crumbs(body), ("Bills", reverse("committees:bill-list"))],
        cancel_url=cancel or reverse("committees:bill-list"),
        explanation=explanation,
    )


def bill_list(request):
    body = _body(request)
    return render(
        request,
        "committees/bill_list.html",
        {
            "body": body,
            "bills": legislation.bills(),
            "keeper": access.keeps(request_roles(request), body),
            "crumbs": crumbs(body),
        },
    )


def bill_detail(request, pk: int):
    body = _body(request)
    bill = legislation.bill_for(pk)
    lines = legislation.views_of(bill, body)
    own = next((line for line in lines if line.agency.pk == request.user.agency_id), None)
    form = None
    if own is not None and services.may_give_view(
        request.user, own.agency.pk, request_roles(request)
    ):
        initial = {"version": own.view.version if own.view else 0}
        if own.view:
            initial |= {"position": own.view.position, "comments": own.view.comments}
        form = AgencyViewForm(initial=initial)
        form.helper.form_action = reverse("committees:bill-view", args=[bill.pk])
    return render(
        request,
        "committees/bill.html",
        {
            "body": body,
            "bill": bill,
            "lines": lines,
            "form": form,
            "keeper": access.keeps(request_roles(request), body),
            "crumbs": [*crumbs(body), ("Bills", reverse("committees:bill-list"))],
        },
    )


def bill_docx(request, pk: int):
    body = _body(request)
    bill = legislation.bill_for(pk)
    response = HttpResponse(
        legislation.views_docx(bill, legislation.views_of(bill, body)),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    name = f"agency-views-{bill.bill_type}{bill.number}-{bill.congress}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET", "POST"])
def bill_add(request):
    body = _body(request, keeper=True)
    return form_view(
        request,
        BillForm(posted(request)),
        lambda form: services.bill_add(actor=request.user, **form.cleaned_data),
        success=lambda bill: done(request, f"{bill.label} is tracked.", "committees:bill", bill.pk),
        page=_page(body, "Add a bill"),
    )


@require_http_methods(["GET", "POST"])
def bills_import(request):
    body = _body(request, keeper=True)
    form = BillImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )

    def run(form):
        files = [(f.name, f.read()) for f in form.cleaned_data["files"]]
        return services.bills_import(actor=request.user, files=files)

    return form_view(
        request,
        form,
        run,
        success=lambda result: done(
            request,
            f"Imported: {result.created} new, {result.updated} brought up to date, "
            f"{result.unchanged} unchanged.",
            "committees:bill-list",
        ),
        page=_page(
            body,
            "Import bill status files",
            [
                "Each file is one bill of the Government Publishing Office's bill status bulk "
                "data. If any file is refused, nothing is imported; a bill already tracked is "
                "brought up to date."
            ],
        ),
    )


@require_http_methods(["GET", "POST"])
def bill_view(request, pk: int):
    body = _body(request)
    bill = legislation.bill_for(pk)
    agency = request.user.agency
    if agency is None or not services.may_give_view(
        request.user, agency.pk, request_roles(request)
    ):
        raise PermissionDenied("An agency's own staff give its view of a bill.")
    current = AgencyView.objects.filter(bill=bill, agency=agency).first()
    initial = {"version": current.version if current else 0}
    if current:
        initial |= {"position": current.position, "comments": current.comments}
    return form_view(
        request,
        AgencyViewForm(posted(request), initial=initial),
        lambda form: services.view_write(
            actor=request.user,
            bill=bill,
            agency=agency,
            expected_version=form.cleaned_data["version"] or 0,
            position=form.cleaned_data["position"],
            comments=form.cleaned_data["comments"],
        ),
        success=lambda view: done(
            request,
            f"{agency.acronym}'s view is saved: {view.get_position_display()}.",
            "committees:bill",
            bill.pk,
        ),  # fmt: skip
        page=_page(
            body,
            f"{agency.acronym}'s view of {bill.label}",
            cancel=reverse("committees:bill", args=[bill.pk]),
        ),
    )


@require_http_methods(["GET", "POST"])
def bill_circulate(request, pk: int):
    body = _body(request, keeper=True)
    bill = legislation.bill_for(pk)
    return form_view(
        request,
        BillCirculateForm(posted(request)),
        lambda form: services.bill_circulate(actor=request.user, bill=bill, **form.cleaned_data),
        success=lambda started: done(
            request,
            f"{bill.label} is circulated to the agencies for their views until "
            f"{started.deadline_at:%B %-d, %Y}.",
            "committees:bill",
            bill.pk,
        ),
        page=_page(
            body,
            f"Circulate {bill.label} for views",
            [
                "The working group's member agencies are asked for comments; each gives its "
                "position on the bill's page."
            ],
            cancel=reverse("committees:bill", args=[bill.pk]),
        ),
    )
