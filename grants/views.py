"""The grants pages: thin views over grants.selectors and services."""

from __future__ import annotations

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from grants import selectors, services
from grants.filters import SolicitationFilter
from grants.forms import CirculateForm, SolicitationEditForm, SolicitationForm, WithdrawForm
from grants.models import ELIGIBLE_APPLICANTS, POPULATIONS, PREDECISIONAL, Solicitation
from pitf import workdays
from pitf.circulation.exports import spreadsheet_safe
from pitf.directory.views.layout import form_page
from pitf.forms import ConfirmForm, form_helper
from pitf.pages import attempt, done, paginate, posted
from pitf.roles import request_roles


def _solicitation(request, pk):
    return selectors.solicitation_for(user=request.user, roles=request_roles(request), pk=pk)


def _crumbs(solicitation=None):
    crumbs = [("Grant solicitations", reverse("grants:solicitation-list"))]
    if solicitation is not None:
        crumbs.append(
            (solicitation.title, reverse("grants:solicitation-detail", args=[solicitation.pk]))
        )
    return crumbs


PER_PAGE = 25
CSV_COLUMNS = [
    ("Opportunity number", "opportunity_number"),
    ("Title", "title"),
    ("Agency", "agency.acronym"),
    ("Fiscal year", "fiscal_year"),
    ("Status", "get_status_display"),
    ("Assistance listing", "assistance_listing"),
    ("Funding instrument", "get_funding_instrument_display"),
    ("Estimated total funding", "estimated_total_funding"),
    ("Award ceiling", "award_ceiling"),
    ("Award floor", "award_floor"),
    ("Expected awards", "expected_awards"),
    ("Planned post date", "planned_post_date"),
    ("Planned close date", "planned_close_date"),
    ("Trafficking type", "get_trafficking_type_display"),
    ("Geography", "geography"),
]


def _filtered(request):
    visible = selectors.visible_to(request.user, request_roles(request))
    filterset = SolicitationFilter(request.GET or None, queryset=visible)
    filterset.form.helper = form_helper("Filter", method="get")
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else visible
    return filterset, rows


def solicitation_list(request):
    filterset, rows = _filtered(request)
    page, page_range = paginate(request, rows, PER_PAGE)
    return render(
        request,
        "grants/solicitation_list.html",
        {
            "form": filterset.form,
            "page": page,
            "page_range": page_range,
            "filtered": bool(request.GET.dict().keys() - {"page"}),
            "may_draft": request.user.agency_id is not None,
        },
    )


def solicitation_csv(request):
    """What the list's filter shows, every row, as a spreadsheet."""
    _, rows = _filtered(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="grant-solicitations.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([PREDECISIONAL])
    writer.writerow([title for title, _ in CSV_COLUMNS])
    for solicitation in rows:
        writer.writerow(
            [spreadsheet_safe(str(_value(solicitation, path))) for _, path in CSV_COLUMNS]
        )
    return response


def _value(row, path: str):
    value = row
    for part in path.split("."):
        value = getattr(value, part)
    return value() if callable(value) else value


@require_http_methods(["GET", "POST"])
def solicitation_create(request):
    if request.user.agency_id is None:
        raise PermissionDenied("Only agency staff draft solicitations.")
    form = SolicitationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            form, lambda: services.solicitation_create(actor=request.user, **form.values())
        )
        if outcome.done:
            return done(
                request,
                "The draft is saved; only your agency sees it until you circulate it.",
                "grants:solicitation-detail",
                pk=outcome.result.pk,
            )
        form = outcome.form
    return form_page(
        request,
        title="Draft a grant solicitation",
        form=form,
        crumbs=_crumbs(),
        cancel_url=reverse("grants:solicitation-list"),
        explanation=[
            "The fields Grants.gov uses, and what the task force needs to see where funding goes. "
            "Only your agency sees the draft until you circulate it for comment."
        ],
    )


def solicitation_detail(request, pk: int):
    solicitation = _solicitation(request, pk)
    owner = services.is_owner(request.user, solicitation)
    return render(
        request,
        "grants/solicitation_detail.html",
        {
            "solicitation": solicitation,
            "owner": owner,
            "circulations": selectors.circulations_of(solicitation),
            "eligible": [
                label
                for code, label in ELIGIBLE_APPLICANTS
                if code in solicitation.eligible_applicants
            ],
            "populations": [
                label for code, label in POPULATIONS if code in solicitation.populations
            ],
            "crumbs": _crumbs(),
        },
    )


def _owned(request, pk):
    solicitation = _solicitation(request, pk)
    if not services.is_owner(request.user, solicitation):
        raise PermissionDenied(f"Only {solicitation.agency.acronym}'s staff change it.")
    return solicitation


@require_http_methods(["GET", "POST"])
def solicitation_edit(request, pk: int):
    solicitation = _owned(request, pk)
    form = SolicitationEditForm(
        posted(request),
        instance=Solicitation.objects.get(pk=solicitation.pk),
        initial={"version": solicitation.version},
        submit_label="Save the changes",
    )
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            form,
            lambda: services.solicitation_edit(
                actor=request.user,
                solicitation=solicitation,
                expected_version=form.cleaned_data["version"],
                **form.values(),
            ),
        )
        if outcome.done:
            return done(
                request, "The changes are saved.", "grants:solicitation-detail", pk=solicitation.pk
            )
        form = outcome.form
    return form_page(
        request,
        title=f"Change “{solicitation.title}”",
        form=form,
        crumbs=_crumbs(solicitation),
        cancel_url=reverse("grants:solicitation-detail", args=[solicitation.pk]),
    )


@require_http_methods(["GET", "POST"])
def solicitation_circulate(request, pk: int):
    solicitation = _owned(request, pk)
    form = CirculateForm(
        posted(request),
        initial={
            "version": solicitation.version,
            "deadline": workdays.add_business_days(workdays.today_in_washington(), 10),
        },
    )
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            form,
            lambda: services.solicitation_circulate(
                actor=request.user,
                solicitation=solicitation,
                expected_version=form.cleaned_data["version"],
                deadline=form.cleaned_data["deadline"],
                message=form.cleaned_data["message"],
                **form.recipients(),
            ),
        )
        if outcome.done:
            return done(
                request,
                "It is circulated; the agencies' representatives and grant contacts are e-mailed.",
                "circulation:detail",
                pk=outcome.result.pk,
            )
        form = outcome.form
    return form_page(
        request,
        title=f"Circulate “{solicitation.title}” for comment",
        form=form,
        crumbs=_crumbs(solicitation),
        cancel_url=reverse("grants:solicitation-detail", args=[solicitation.pk]),
        explanation=[
            "Each agency asked (never your own) has its designated representatives and grant "
            "contacts e-mailed; two business days before the deadline those that have not "
            "answered are reminded."
        ],
    )


@require_http_methods(["GET", "POST"])
def solicitation_post(request, pk: int):
    solicitation = _owned(request, pk)
    form = ConfirmForm(posted(request), instance=solicitation, submit_label="Record it as posted")
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            form,
            lambda: services.solicitation_post(
                actor=request.user,
                solicitation=solicitation,
                expected_version=form.cleaned_data["version"],
            ),
        )
        if outcome.done:
            return done(
                request,
                "It is recorded as posted; everyone signed in now sees it.",
                "grants:solicitation-detail",
                pk=solicitation.pk,
            )
        form = outcome.form
    return form_page(
        request,
        title=f"Record “{solicitation.title}” as posted",
        form=form,
        crumbs=_crumbs(solicitation),
        cancel_url=reverse("grants:solicitation-detail", args=[solicitation.pk]),
        explanation=["Once posted on Grants.gov, every signed-in person of the hub sees it."],
    )


@require_http_methods(["GET", "POST"])
def solicitation_withdraw(request, pk: int):
    solicitation = _owned(request, pk)
    form = WithdrawForm(posted(request), initial={"version": solicitation.version})
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            form,
            lambda: services.solicitation_withdraw(
                actor=request.user,
                solicitation=solicitation,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            ),
        )
        if outcome.done:
            return done(
                request,
                "The solicitation is withdrawn.",
                "grants:solicitation-detail",
                pk=solicitation.pk,
            )
        form = outcome.form
    return form_page(
        request,
        title=f"Withdraw “{solicitation.title}”",
        form=form,
        crumbs=_crumbs(solicitation),
        cancel_url=reverse("grants:solicitation-detail", args=[solicitation.pk]),
        explanation=["This cannot be undone: to fund the work after all, draft it again."],
    )
