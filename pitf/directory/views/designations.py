"""The directory's designation pages: designating a representative of an agency in a body,
ending a designation and handing it over to a successor. A representative manages their own
agency's designations only."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from pitf.directory import selectors, services
from pitf.directory.forms import DesignationEndForm, DesignationForm, HandoverForm
from pitf.directory.views.layout import body_form_page
from pitf.formats import long_date
from pitf.pages import attempt, done, posted
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
    form = DesignationForm(posted(request), agencies=agencies, people=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = attempt(
            form,
            lambda: services.designation_create(
                actor=request.user,
                person=data["person"],
                agency=data["agency"],
                body=body,
                role=data["role"],
                start_date=data["start_date"],
                end_date=data["end_date"],
            ),
        )
        if outcome.done:
            designation = outcome.result
            return done(
                request,
                f"{designation.person} represents {designation.agency.acronym} in the "
                f"{body.name} as {designation.get_role_display().lower()} from "
                f"{long_date(designation.start_date)}.",
                "directory:body-detail",
                pk=body.pk,
            )
    explanation = [
        "A principal and any number of alternates represent an agency in a body; a person "
        "represents their own agency only, and the agency must belong to the body."
    ]
    if not roles.site_admin:
        explanation.append("You can designate staff of the agency you represent only.")
    return body_form_page(
        request,
        body,
        title=f"Designate a representative in the {body.name}",
        form=form,
        explanation=explanation,
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
    form = DesignationEndForm(posted(request), designation=designation)
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            form,
            lambda: services.designation_end(
                actor=request.user,
                designation=designation,
                expected_version=form.cleaned_data["version"],
                end_date=form.cleaned_data["end_date"],
            ),
        )
        if outcome.done:
            return done(
                request,
                f"{designation.person}'s designation ends on {long_date(outcome.result.end_date)}.",
                "directory:body-detail",
                pk=body.pk,
            )
    return body_form_page(
        request,
        body,
        title=f"End {designation.person}'s designation",
        form=form,
        explanation=[
            _since(designation),
            "After the last day they no longer represent the agency there; the history keeps "
            "the designation. To put someone else in the role at once, hand it over instead.",
        ],
    )


@require_http_methods(["GET", "POST"])
def designation_handover(request, pk: int):
    designation = _designation_for(request, pk)
    body = designation.body
    people = selectors.designatable_people(agency_ids=frozenset([designation.agency_id]))
    form = HandoverForm(posted(request), designation=designation, people=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = attempt(
            form,
            lambda: services.designation_handover(
                actor=request.user,
                designation=designation,
                expected_version=data["version"],
                successor=data["successor"],
                start_date=data["start_date"],
            ),
        )
        if outcome.done:
            handed = outcome.result
            return done(
                request,
                f"{handed.person} is {handed.get_role_display().lower()} for "
                f"{handed.agency.acronym} in the {body.name} from "
                f"{long_date(handed.start_date)}; {designation.person}'s designation ends the "
                "day before.",
                "directory:body-detail",
                pk=body.pk,
            )
    return body_form_page(
        request,
        body,
        title=f"Hand over {designation.person}'s designation",
        form=form,
        explanation=[
            _since(designation),
            "In one step their designation ends the day before the successor's begins, with "
            "the same role.",
        ],
    )
