"""The work plan: a body's deliverables, one deliverable with its progress and links, adding and
changing one (the chair's office), writing progress (the owner agency) and an agency's
deliverables across bodies."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from committees import access, selectors
from committees.forms import DeliverableForm, ProgressForm
from committees.services import workplans as services
from committees.views.workspaces import _body, _page, crumbs
from pitf import workdays
from pitf.directory.selectors import agencies_in_body
from pitf.pages import done, form_view, posted
from pitf.roles import request_roles

LINKS = ("meetings", "decisions", "action_items")


def work_plan(request, short_name: str):
    body = _body(request, short_name)
    return render(
        request,
        "committees/work_plan.html",
        {
            "body": body,
            "crumbs": crumbs(body),
            "deliverables": selectors.work_plan(body),
            "today": workdays.today_in_washington(),
            "keeper": access.keeps(request_roles(request), body),
        },
    )


def _values(form) -> tuple[dict, dict]:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    links = {name: data.pop(name) for name in LINKS}
    return data, links


def _deliverable_form(request, body, *, deliverable=None):
    day = workdays.today_in_washington()
    initial = {}
    if deliverable is not None:
        initial = {name: getattr(deliverable, name) for name in services.FIELDS}
        initial |= {
            "status": deliverable.status,
            "drop_reason": deliverable.drop_reason,
            "version": deliverable.version,
        }
        initial |= {name: list(getattr(deliverable, name).all()) for name in LINKS}
    return DeliverableForm(
        posted(request),
        initial=initial,
        body=body,
        agencies=agencies_in_body(body=body, day=day).order_by("name"),
        adding=deliverable is None,
    )


def _done(request, deliverable, message: str):
    return done(request, message, "committees:deliverable", deliverable.pk)


@require_http_methods(["GET", "POST"])
def deliverable_add(request, short_name: str):
    body = _body(request, short_name, keeper=True)

    def add(form):
        values, links = _values(form)
        return services.deliverable_add(actor=request.user, body=body, links=links, **values)

    return form_view(
        request,
        _deliverable_form(request, body),
        add,
        success=lambda d: _done(request, d, f"“{d}” is added to the work plan."),
        page=_page(body, f"Add a deliverable to the {body}'s work plan"),
    )


@require_http_methods(["GET", "POST"])
def deliverable_edit(request, pk: int):
    deliverable = selectors.deliverable_for(request.user, request_roles(request), pk)
    body = deliverable.body
    access.require_keeper_request(request, body)

    def change(form):
        values, links = _values(form)
        return services.deliverable_change(
            actor=request.user,
            deliverable=deliverable,
            expected_version=form.cleaned_data["version"] or 0,
            links=links,
            **values,
        )

    return form_view(
        request,
        _deliverable_form(request, body, deliverable=deliverable),
        change,
        success=lambda d: _done(request, d, f"“{d}” is saved."),
        page=_page(body, f"Change: {deliverable}"),
    )


def deliverable_detail(request, pk: int):
    roles = request_roles(request)
    deliverable = selectors.deliverable_for(request.user, roles, pk)
    writes = access.writes_progress(request.user, roles, deliverable) and deliverable.is_open
    form = None
    if writes:
        form = ProgressForm(
            initial={"day": workdays.today_in_washington(), "status": deliverable.status}
        )
        form.helper.form_action = reverse("committees:deliverable-progress", args=[pk])
    return render(
        request,
        "committees/deliverable.html",
        {
            "deliverable": deliverable,
            "body": deliverable.body,
            "crumbs": crumbs(deliverable.body),
            "today": workdays.today_in_washington(),
            "keeper": access.keeps(roles, deliverable.body),
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
def progress_add(request, pk: int):
    roles = request_roles(request)
    deliverable = selectors.deliverable_for(request.user, roles, pk)
    if not access.writes_progress(request.user, roles, deliverable):
        raise PermissionDenied("Only the owner agency's staff write its progress.")
    return form_view(
        request,
        ProgressForm(posted(request)),
        lambda form: services.progress_add(
            actor=request.user, deliverable=deliverable, **form.cleaned_data
        ),
        success=lambda update: _done(request, deliverable, "The progress is added."),
        page=_page(deliverable.body, f"Progress on “{deliverable}”"),
    )


def agency_deliverables(request):
    rows = selectors.deliverables_of_agency(request.user.agency_id, open_only=False)
    return render(
        request,
        "committees/agency_deliverables.html",
        {"deliverables": rows, "today": workdays.today_in_washington(), "crumbs": crumbs()},
    )
