"""The directory's agency pages: the list, an agency, creating, editing, deactivating and
reactivating one."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from pitf import tables
from pitf.directory import selectors, services
from pitf.directory.forms import AgencyEditForm, AgencyFilterForm, AgencyForm
from pitf.directory.views.layout import agency_crumbs
from pitf.forms import ConfirmForm, bound_to_current
from pitf.links import link_to
from pitf.pages import (
    FormPage,
    done,
    filters,
    form_page,
    form_view,
    kept_filter_form,
    paginate,
    posted,
)
from pitf.roles import request_roles

AGENCIES_PER_PAGE = 50


@require_GET
def agency_list(request):
    form = AgencyFilterForm(request.GET or None)
    chosen = filters(form)
    today = timezone.localdate()
    agencies = selectors.agency_list(
        day=today,
        search=chosen.get("q", ""),
        kind=chosen.get("kind", ""),
        status=chosen.get("status", ""),
        parent=chosen.get("parent"),
    )
    page, page_range = paginate(request, agencies, AGENCIES_PER_PAGE)
    return render(
        request,
        "directory/agency_list.html",
        {
            "form": form,
            "form_html": kept_filter_form(
                request, "directory:agency-list:filter", AgencyFilterForm
            ),
            "agency_rows": tables.joined(map(_agency_row, page.object_list)),
            "page": page,
            "page_range": page_range,
            "filtered": bool(chosen),
            "site_admin": request_roles(request).site_admin,
            "today": today,
        },
    )


def _agency_row(agency) -> str:
    name = tables.link(link_to("directory:agency-detail", agency.pk), agency.name)
    website = (
        f'<br><span class="font-body-2xs">{tables.text(agency.website)}</span>'
        if agency.website
        else ""
    )
    status = "Active" if agency.active else '<span class="usa-tag">Inactive</span>'
    return (
        f'<tr><th scope="row" data-label="Agency">{name} ({tables.text(agency.acronym)}){website}'
        f'</th><td data-label="Kind">{tables.text(agency.get_kind_display())}</td>'
        f'<td data-label="Part of">{tables.text(agency.parent.acronym) if agency.parent else "None"}'
        f'</td><td data-label="Bodies today">{agency.body_count}</td>'
        f'<td data-label="Status">{status}</td></tr>'
    )


@require_GET
def agency_detail(request, pk: int):
    agency = selectors.agency_detail(pk=pk)
    today = timezone.localdate()
    memberships = list(agency.memberships.all())
    designations = list(agency.designations.all())
    return render(
        request,
        "directory/agency_detail.html",
        {
            "agency": agency,
            "crumbs": agency_crumbs(),
            "current_memberships": [m for m in memberships if m.is_current_on(today)],
            "other_memberships": [m for m in memberships if not m.is_current_on(today)],
            "current_designations": [d for d in designations if d.is_current_on(today)],
            "other_designations": [d for d in designations if not d.is_current_on(today)],
            "site_admin": request_roles(request).site_admin,
            "today": today,
        },
    )


def _agency_values(form) -> dict:
    return {
        name: form.cleaned_data[name] for name in ("name", "acronym", "kind", "parent", "website")
    }


@require_http_methods(["GET", "POST"])
def agency_create(request):
    return form_view(
        request,
        AgencyForm(posted(request)),
        lambda form: services.agency_create(actor=request.user, **_agency_values(form)),
        success=lambda agency: done(
            request, f"{agency.name} was created.", "directory:agency-detail", pk=agency.pk
        ),
        page=FormPage(
            title="Create an agency",
            crumbs=agency_crumbs(),
            cancel_url=reverse("directory:agency-list"),
            explanation=[
                "An executive department, independent agency, White House office, or a "
                "component of a department."
            ],
        ),
    )


@require_http_methods(["GET", "POST"])
def agency_edit(request, pk: int):
    agency = selectors.agency_for_update(pk=pk)

    def as_saved_now():
        nonlocal agency
        agency = selectors.agency_for_update(pk=pk)
        return bound_to_current(AgencyEditForm, agency=agency)

    return form_view(
        request,
        AgencyEditForm(posted(request), agency=agency),
        lambda form: services.agency_update(
            actor=request.user,
            agency=agency,
            expected_version=form.cleaned_data["version"],
            **_agency_values(form),
        ),
        current=as_saved_now,
        success=lambda _: done(
            request,
            f"The changes to {agency.name} were saved.",
            "directory:agency-detail",
            pk=agency.pk,
        ),
        page=lambda form: form_page(
            request,
            title=f"Edit {agency.name}",
            form=form,
            crumbs=agency_crumbs(agency),
            cancel_url=reverse("directory:agency-detail", args=[agency.pk]),
        ),
    )


def _agency_switch(request, pk: int, *, service, submit_label, title, explanation, success):
    """Deactivate or reactivate: a confirmation page, then the service on the version the page
    was loaded with; after an edit conflict, the question again about the agency as it is now."""
    agency = selectors.agency_for_update(pk=pk)

    def as_saved_now():
        nonlocal agency
        agency = selectors.agency_for_update(pk=pk)
        return bound_to_current(ConfirmForm, instance=agency, submit_label=submit_label)

    return form_view(
        request,
        ConfirmForm(posted(request), instance=agency, submit_label=submit_label),
        lambda form: service(
            actor=request.user, agency=agency, expected_version=form.cleaned_data["version"]
        ),
        current=as_saved_now,
        success=lambda _: done(
            request, success.format(agency=agency.name), "directory:agency-detail", pk=agency.pk
        ),
        page=lambda form: form_page(
            request,
            title=title.format(agency=agency.name),
            form=form,
            crumbs=agency_crumbs(agency),
            cancel_url=reverse("directory:agency-detail", args=[agency.pk]),
            explanation=explanation(agency),
        ),
    )


@require_http_methods(["GET", "POST"])
def agency_deactivate(request, pk: int):
    today = timezone.localdate()

    def explanation(agency):
        counts = selectors.agency_people_counts(agency=agency, day=today)
        return [
            f"{agency.name} will leave the public directory of member agencies and the lists "
            "people are invited and designated from.",
            f"Its {counts['designations']} current designation(s) will no longer make anyone a "
            f"representative; its {counts['staff']} active staff keep their accounts.",
            "Its memberships and designations stay in the history as they are. You can "
            "reactivate it later.",
        ]

    return _agency_switch(
        request,
        pk,
        service=services.agency_deactivate,
        submit_label="Deactivate the agency",
        title="Deactivate {agency}",
        explanation=explanation,
        success="{agency} was deactivated.",
    )


@require_http_methods(["GET", "POST"])
def agency_reactivate(request, pk: int):
    return _agency_switch(
        request,
        pk,
        service=services.agency_reactivate,
        submit_label="Reactivate the agency",
        title="Reactivate {agency}",
        explanation=lambda agency: [
            f"{agency.name} returns to the public directory (where it is a member of the PITF "
            "or the SPOG), and its people can be invited and designated again."
        ],
        success="{agency} was reactivated.",
    )
