"""The directory's office pages: site administrators appoint a body's chair and the staff of its
chair's office, and end their terms, from the body's page."""

from __future__ import annotations

from django.views.decorators.http import require_http_methods

from pitf.directory import selectors, services
from pitf.directory.forms import OfficeAppointForm, OfficeEndForm
from pitf.directory.views.layout import body_form_page
from pitf.formats import long_date
from pitf.models import BodyRole
from pitf.pages import attempt, done, posted


def _office_name(role: str, body) -> str:
    return (
        f"chair of the {body.name}"
        if role == BodyRole.Role.CHAIR
        else f"in the chair's office of the {body.name}"
    )


@require_http_methods(["GET", "POST"])
def office_appoint(request, pk: int):
    body = selectors.body_detail(pk=pk)
    form = OfficeAppointForm(posted(request), people=selectors.designatable_people())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = attempt(
            form,
            lambda: services.office_appoint(
                actor=request.user,
                person=data["person"],
                body=body,
                role=data["role"],
                start_date=data["start_date"],
                end_date=data["end_date"],
            ),
        )
        if outcome.done:
            office = outcome.result
            return done(
                request,
                f"{office.person} is {_office_name(office.role, body)} from "
                f"{long_date(office.start_date)}.",
                "directory:body-detail",
                pk=body.pk,
            )
    return body_form_page(
        request,
        body,
        title=f"Appoint to the {body.name}'s offices",
        form=form,
        explanation=[
            "The chair leads the body; the chair's office schedules its meetings and circulates "
            "its documents. A body has one chair at a time and any number of chair's office "
            "staff.",
            "To change the chair, end the current chair's term first, then appoint the "
            "successor from the next day. The history keeps every term.",
        ],
    )


@require_http_methods(["GET", "POST"])
def office_end(request, pk: int):
    office = selectors.office_for_update(pk=pk)
    body = office.body
    form = OfficeEndForm(posted(request), office=office)
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            form,
            lambda: services.office_end(
                actor=request.user,
                office=office,
                expected_version=form.cleaned_data["version"],
                end_date=form.cleaned_data["end_date"],
            ),
        )
        if outcome.done:
            return done(
                request,
                f"{office.person}'s term as {office.get_role_display().lower()} ends on "
                f"{long_date(outcome.result.end_date)}.",
                "directory:body-detail",
                pk=body.pk,
            )
    return body_form_page(
        request,
        body,
        title=f"End {office.person}'s term",
        form=form,
        explanation=[
            f"{office.person} has been {_office_name(office.role, body)} since "
            f"{long_date(office.start_date)}.",
            "After the last day they no longer hold the office; the history keeps the term.",
        ],
    )
