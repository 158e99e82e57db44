"""The priorities and strategic objectives: every signed-in person reads them; the SPOG chair's
office adds plans, priorities and objectives and changes their wording."""

from __future__ import annotations

from django import forms
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from pitf.forms import date_field, form_helper
from pitf.pages import FormPage, done, form_view, posted
from pitf.roles import request_roles
from spog import access
from spog.models import Objective, Plan, Priority
from spog.services import plans as services


class PlanForm(forms.Form):
    name = forms.CharField(max_length=200)
    start_date = date_field("Start date")
    end_date = date_field("End date", required=False, hint="Empty while the plan is in force.")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PriorityForm(forms.Form):
    name = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    position = forms.IntegerField(min_value=1, max_value=99, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ObjectiveForm(forms.Form):
    text = forms.CharField(label="Objective", max_length=300)
    position = forms.IntegerField(min_value=1, max_value=99, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def _form(form_class, request, *, row=None, label: str):
    initial = {}
    if row is not None:
        initial = {name: getattr(row, name) for name in services.EDITABLE[type(row)]}
        initial["version"] = row.version
    form = form_class(posted(request), initial=initial)
    form.helper = form_helper(label)
    return form


def _values(form) -> dict:
    return {
        name: value
        for name, value in form.cleaned_data.items()
        if name != "version" and not (name == "position" and value is None)
    }


def _page(title: str) -> FormPage:
    return FormPage(
        title=title,
        crumbs=[("Priorities and objectives", reverse("spog:plan-list"))],
        cancel_url=reverse("spog:plan-list"),
    )


def plan_list(request):
    plans = Plan.objects.prefetch_related(
        Prefetch("priorities", Priority.objects.prefetch_related("objectives"))
    )
    return render(
        request,
        "spog/plan_list.html",
        {"plans": plans, "office": access.is_office(request_roles(request))},
    )


@require_http_methods(["GET", "POST"])
def plan_add(request):
    access.require_office_request(request)
    return form_view(
        request,
        _form(PlanForm, request, label="Add the plan"),
        lambda form: services.plan_add(actor=request.user, **_values(form)),
        success=lambda plan: done(request, f"“{plan}” is added.", "spog:plan-list"),
        page=_page("Add a plan of priorities"),
    )


@require_http_methods(["GET", "POST"])
def priority_add(request, pk: int):
    access.require_office_request(request)
    plan = get_object_or_404(Plan, pk=pk)
    return form_view(
        request,
        _form(PriorityForm, request, label="Add the priority"),
        lambda form: services.priority_add(actor=request.user, plan=plan, **_values(form)),
        success=lambda priority: done(request, f"“{priority}” is added.", "spog:plan-list"),
        page=_page(f"Add a priority: {plan}"),
    )


@require_http_methods(["GET", "POST"])
def objective_add(request, pk: int):
    access.require_office_request(request)
    priority = get_object_or_404(Priority, pk=pk)
    return form_view(
        request,
        _form(ObjectiveForm, request, label="Add the objective"),
        lambda form: services.objective_add(actor=request.user, priority=priority, **_values(form)),
        success=lambda objective: done(request, f"“{objective}” is added.", "spog:plan-list"),
        page=_page(f"Add an objective: {priority}"),
    )


FORMS = {Plan: PlanForm, Priority: PriorityForm, Objective: ObjectiveForm}


@require_http_methods(["GET", "POST"])
def wording_edit(request, pk: int, model):
    access.require_office_request(request)
    row = get_object_or_404(model, pk=pk)
    return form_view(
        request,
        _form(FORMS[model], request, row=row, label="Save"),
        lambda form: services.wording_change(
            actor=request.user,
            row=row,
            expected_version=form.cleaned_data["version"] or 0,
            **_values(form),
        ),
        success=lambda row: done(request, f"“{row}” is saved.", "spog:plan-list"),
        page=_page(f"Change: {row}"),
    )
