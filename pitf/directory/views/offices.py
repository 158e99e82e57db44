"""The directory's office pages: site administrators appoint a body's chair and the staff of its
chair's office, and end their terms, from the body's page."""

from __future__ import annotations

from django.views.decorators.http import require_http_methods

from pitf.directory import selectors, services
from pitf.directory.forms import OfficeAppointForm, OfficeEndForm
from pitf.directory.views.layout import body_form
from pitf.formats import long_date
from pitf.models import BodyRole
from pitf.pages import done, form_view, posted


def _office_name(role: str, body) -> str:
    return (
        f"chair of the {body.name}"
        if role == BodyRole.Role.CHAIR
        else f"in the chair's office of the {body.name}"
    )


@require_http_methods(["GET", "POST"])
def office_appoint(request, pk: int):
    body = selectors.body_detail(pk=pk)
    return form_view(
        request,
        OfficeAppointForm(posted(request), people=selectors.designatable_people()),
        lambda form: services.office_appoint(
            actor=request.user,
            person=form.cleaned_data["person"],
            body=body,
            role=form.cleaned_data["role"],
            start_date=form.cleaned_data["start_date"],
            end_date=form.cleaned_data["end_date"],
        ),
        success=lambda office: done(
            request,
            f"{office.person} is {_office_name(office.role, body)} from "
            f"{long_date(office.start_date)}.",
            "directory:body-detail",
            pk=body.pk,
        ),
        page=body_form(
            body,
            title=f"Appoint to the {body.name}'s offices",
            explanation=[
                "The chair leads the body; the chair's office schedules its meetings and "
                "circulates its documents. A body has one chair at a time and any number of "
                "chair's office staff.",
                "To change the chair, end the current chair's term first, then appoint the "
                "successor from the next day. The history keeps every term.",
            ],
        ),
    )


@require_http_methods(["GET", "POST"])
def office_end(request, pk: int):
    office = selectors.office_for_update(pk=pk)
    body = office.body
    return form_view(
        request,
        OfficeEndForm(posted(request), office=office),
        lambda form: services.office_end(
            actor=request.user,
            office=office,
            expected_version=form.cleaned_data["version"],
            end_date=form.cleaned_data["end_date"],
        ),
        success=lambda ended: done(
            request,
            f"{office.person}'s term as {office.get_role_display().lower()} ends on "
            f"{long_date(ended.end_date)}.",
            "directory:body-detail",
            pk=body.pk,
        ),
        page=body_form(
            body,
            title=f"End {office.person}'s term",
            explanation=[
                f"{office.person} has been {_office_name(office.role, body)} since "
                f"{long_date(office.start_date)}.",
                "After the last day they no longer hold the office; the history keeps the term.",
            ],
        ),
    )
