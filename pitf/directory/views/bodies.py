"""The directory's body pages: the list, a body with its members and representatives, creating
a committee or working group, and editing a body."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from pitf.directory import selectors, services
from pitf.directory.forms import BodyCreateForm, BodyEditForm
from pitf.directory.views.layout import body_crumbs, body_form_page, form_page
from pitf.forms import bound_to_current
from pitf.models import BodyRole
from pitf.pages import attempt, done, posted
from pitf.roles import request_roles


@require_GET
def body_list(request):
    today = timezone.localdate()
    return render(
        request,
        "directory/body_list.html",
        {
            "groups": selectors.body_list(day=today),
            "site_admin": request_roles(request).site_admin,
            "today": today,
        },
    )


@require_GET
def body_detail(request, pk: int):
    body = selectors.body_detail(pk=pk)
    roles = request_roles(request)
    today = timezone.localdate()
    memberships = selectors.body_memberships(body=body)
    designations = selectors.body_designations(body=body, day=today)
    office_terms, earlier_office_terms = selectors.body_offices(body=body, day=today)
    return render(
        request,
        "directory/body_detail.html",
        {
            "body": body,
            "offices": {
                role: [t for t in office_terms if t.role == role and t.is_current_on(today)]
                for role in BodyRole.Role.values
            },
            "office_terms": office_terms,
            "earlier_office_terms": earlier_office_terms,
            "crumbs": body_crumbs(),
            "current_memberships": [m for m in memberships if m.is_current_on(today)],
            "future_memberships": [m for m in memberships if m.start_date > today],
            "past_memberships": [m for m in memberships if m.end_date and m.end_date < today],
            "designations": [
                (d, d.is_current_on(today), roles.manages_designation(d.agency_id, d.role))
                for d in designations
            ],
            "site_admin": roles.site_admin,
            "may_designate": roles.site_admin or roles.representative,
            "today": today,
        },
    )


@require_http_methods(["GET", "POST"])
def body_create(request):
    form = BodyCreateForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = attempt(
            form,
            lambda: services.body_create(
                actor=request.user,
                kind=data["kind"],
                name=data["name"],
                short_name=data["short_name"],
                parent=data["parent"],
                chair_title=data["chair_title"],
                chair_agency=data["chair_agency"],
                cadence=data["cadence"],
                purpose=data["purpose"],
                charter=data["charter"],
                established=data["established"],
                sunset=data["sunset"],
            ),
        )
        if outcome.done:
            body = outcome.result
            return done(
                request,
                f"The {body.name} was created. Add its member agencies next.",
                "directory:body-detail",
                pk=body.pk,
            )
    return form_page(
        request,
        title="Create a committee or working group",
        form=form,
        crumbs=body_crumbs(),
        cancel_url=reverse("directory:body-list"),
        explanation=[
            "A standing committee of the SPOG, or an ad hoc working group that ends on its "
            "sunset date."
        ],
    )


@require_http_methods(["GET", "POST"])
def body_edit(request, pk: int):
    body = selectors.body_for_update(pk=pk)
    form = BodyEditForm(posted(request), body=body)

    def as_saved_now():
        nonlocal body
        body = selectors.body_for_update(pk=pk)
        return bound_to_current(BodyEditForm, body=body)

    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = attempt(
            form,
            lambda: services.body_update(
                actor=request.user,
                body=body,
                expected_version=data["version"],
                name=data["name"],
                chair_title=data["chair_title"],
                chair_agency=data["chair_agency"],
                cadence=data["cadence"],
                purpose=data["purpose"],
                charter=data["charter"],
                established=data["established"],
                sunset=data.get("sunset"),
            ),
            current=as_saved_now,
        )
        if outcome.done:
            return done(
                request,
                f"The changes to the {body.name} were saved.",
                "directory:body-detail",
                pk=body.pk,
            )
        form = outcome.form
    return body_form_page(request, body, title=f"Edit the {body.name}", form=form)
