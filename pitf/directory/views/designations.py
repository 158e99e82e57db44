"""The directory's designation pages: designating a representative of an agency in a body,
ending a designation and handing it over to a successor. A representative manages their own
agency's designations only."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from pitf.directory import selectors, services
from pitf.directory.forms import DesignationEndForm, DesignationForm, HandoverForm
from pitf.directory.views.layout import body_form
from pitf.formats import long_date
from pitf.pages import done, form_view, posted
from pitf.roles import request_roles


@require_http_methods(["GET", "POST"])
def designation_create(request, pk: int):
    body = selectors.body_detail(pk=pk)
    roles = request_roles(request)
    today = timezone.localdate()
    agencies = selectors.agencies_in_body(body=body, day=today)
    people = selectors.designatable_people()
    if not roles.site_admin:
        mine = roles.represented_agency_ids
        agencies = agencies.filter(pk__in=mine)
        people = selectors.designatable_people(agency_ids=mine)
    explanation = [
        "A principal and any number of alternates represent an agency in a body; a person "
        "represents their own agency only, and the agency must belong to the body."
    ]
    if not roles.site_admin:
        explanation.append("You can designate staff of the agency you represent only.")
    return form_view(
        request,
        DesignationForm(posted(request), agencies=agencies, people=people),
        lambda form: services.designation_create(
            actor=request.user,
            person=form.cleaned_data["person"],
            agency=form.cleaned_data["agency"],
            body=body,
            role=form.cleaned_data["role"],
            start_date=form.cleaned_data["start_date"],
            end_date=form.cleaned_data["end_date"],
        ),
        success=lambda designation: done(
            request,
            f"{designation.person} represents {designation.agency.acronym} in the "
            f"{body.name} as {designation.get_role_display().lower()} from "
            f"{long_date(designation.start_date)}.",
            "directory:body-detail",
            pk=body.pk,
        ),
        page=body_form(
            body,
            title=f"Designate a representative in the {body.name}",
            explanation=explanation,
        ),
    )


def _designation_for(request, pk: int):
    """The designation, if the person may manage it (a refusal otherwise)."""
    designation = selectors.designation_for_update(pk=pk)
    roles = request_roles(request)
    if not roles.manages_agency(designation.agency_id):
        raise PermissionDenied("You may manage the designations of the agency you represent only.")
    if not roles.manages_designation(designation.agency_id, designation.role):
        raise PermissionDenied(
            "Only a site administrator ends or hands over an agency's principal."
        )
    return designation


def _since(designation) -> str:
    return (
        f"{designation.person} has been {designation.get_role_display().lower()} for "
        f"{designation.agency.acronym} in the {designation.body.name} since "
        f"{long_date(designation.start_date)}."
    )


@require_http_methods(["GET", "POST"])
def designation_end(request, pk: int):
    designation = _designation_for(request, pk)
    body = designation.body
    return form_view(
        request,
        DesignationEndForm(posted(request), designation=designation),
        lambda form: services.designation_end(
            actor=request.user,
            designation=designation,
            expected_version=form.cleaned_data["version"],
            end_date=form.cleaned_data["end_date"],
        ),
        success=lambda ended: done(
            request,
            f"{designation.person}'s designation ends on {long_date(ended.end_date)}.",
            "directory:body-detail",
            pk=body.pk,
        ),
        page=body_form(
            body,
            title=f"End {designation.person}'s designation",
            explanation=[
                _since(designation),
                "After the last day they no longer represent the agency there; the history "
                "keeps the designation. To put someone else in the role at once, hand it over "
                "instead.",
            ],
        ),
    )


@require_http_methods(["GET", "POST"])
def designation_handover(request, pk: int):
    designation = _designation_for(request, pk)
    body = designation.body
    people = selectors.designatable_people(agency_ids=frozenset([designation.agency_id]))
    return form_view(
        request,
        HandoverForm(posted(request), designation=designation, people=people),
        lambda form: services.designation_handover(
            actor=request.user,
            designation=designation,
            expected_version=form.cleaned_data["version"],
            successor=form.cleaned_data["successor"],
            start_date=form.cleaned_data["start_date"],
        ),
        success=lambda handed: done(
            request,
            f"{handed.person} is {handed.get_role_display().lower()} for "
            f"{handed.agency.acronym} in the {body.name} from "
            f"{long_date(handed.start_date)}; {designation.person}'s designation ends the "
            "day before.",
            "directory:body-detail",
            pk=body.pk,
        ),
        page=body_form(
            body,
            title=f"Hand over {designation.person}'s designation",
            explanation=[
                _since(designation),
                "In one step their designation ends the day before the successor's begins, "
                "with the same role.",
            ],
        ),
    )
