"""The grants pages: thin views over grants.selectors and services."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from grants import selectors, services
from grants.forms import CirculateForm, SolicitationEditForm, SolicitationForm, WithdrawForm
from grants.models import ELIGIBLE_APPLICANTS, POPULATIONS, Solicitation
from pitf import workdays
from pitf.directory.views.layout import form_page
from pitf.forms import ConfirmForm
from pitf.pages import attempt, done, posted
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


def solicitation_list(request):
    solicitations = selectors.visible_to(request.user, request_roles(request))
    return render(
        request,
        "grants/solicitation_list.html",
        {"solicitations": solicitations, "may_draft": request.user.agency_id is not None},
    )


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
