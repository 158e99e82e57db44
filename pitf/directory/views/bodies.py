"""The directory's body pages: the list, a body with its members and representatives, creating
a committee or working group, and editing a body."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from pitf.directory import selectors, services
from pitf.directory.forms import BodyCreateForm, BodyEditForm
from pitf.directory.views import body_rows
from pitf.directory.views.layout import body_crumbs, body_form
from pitf.forms import bound_to_current
from pitf.models import BodyRole
from pitf.pages import FormPage, done, form_view, posted
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
    current = [m for m in memberships if m.is_current_on(today)]
    future = [m for m in memberships if m.start_date > today]
    past = [m for m in memberships if m.end_date and m.end_date < today]
    designated = [
        (d, d.is_current_on(today), roles.manages_designation(d.agency_id, d.role))
        for d in designations
    ]
    site_admin = roles.site_admin
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
            "current_memberships": current,
            "future_memberships": future,
            "past_memberships": past,
            "designations": designated,
            "rows": {
                "office_terms": body_rows.office_terms(
                    office_terms, today=today, site_admin=site_admin
                ),
                "earlier_office_terms": body_rows.earlier_office_terms(earlier_office_terms),
                "current_memberships": body_rows.current_memberships(
                    current, site_admin=site_admin
                ),
                "future_memberships": body_rows.future_memberships(future, site_admin=site_admin),
                "past_memberships": body_rows.past_memberships(past),
                "designations": body_rows.designations(designated),
            },
            "site_admin": site_admin,
            "may_designate": roles.site_admin or roles.representative,
            "today": today,
        },
    )


@require_http_methods(["GET", "POST"])
def body_create(request):
    return form_view(
        request,
        BodyCreateForm(posted(request)),
        lambda form: services.body_create(
            actor=request.user,
            **_body_values(form, "kind", "short_name", "parent", "established", "sunset"),
        ),
        success=lambda body: done(
            request,
            f"The {body.name} was created. Add its member agencies next.",
            "directory:body-detail",
            pk=body.pk,
        ),
        page=FormPage(
            title="Create a committee or working group",
            crumbs=body_crumbs(),
            cancel_url=reverse("directory:body-list"),
            explanation=[
                "A standing committee of the SPOG, or an ad hoc working group that ends on its "
                "sunset date."
            ],
        ),
    )


def _body_values(form, *more: str) -> dict:
    """What both forms of a body say (`more`: what only one of them has)."""
    names = ("name", "chair_title", "chair_agency", "cadence", "purpose", "charter", *more)
    return {name: form.cleaned_data.get(name) for name in names}


@require_http_methods(["GET", "POST"])
def body_edit(request, pk: int):
    body = selectors.body_for_update(pk=pk)

    def as_saved_now():
        nonlocal body
        body = selectors.body_for_update(pk=pk)
        return bound_to_current(BodyEditForm, body=body)

    return form_view(
        request,
        BodyEditForm(posted(request), body=body),
        lambda form: services.body_update(
            actor=request.user,
            body=body,
            expected_version=form.cleaned_data["version"],
            **_body_values(form, "established", "sunset"),
        ),
        current=as_saved_now,
        success=lambda _: done(
            request,
            f"The changes to the {body.name} were saved.",
            "directory:body-detail",
            pk=body.pk,
        ),
        page=lambda form: body_form(body, title=f"Edit the {body.name}").render(request, form),
    )
