"""Pages of the directory: agencies, bodies, memberships, designations and their history. Each
view parses its input, calls a selector or a service, and renders."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from pitf.concurrency import EditConflict
from pitf.directory import selectors, services
from pitf.directory.forms import (
    AgencyEditForm,
    AgencyFilterForm,
    AgencyForm,
    BodyCreateForm,
    BodyEditForm,
    ConfirmForm,
    DesignationEndForm,
    DesignationForm,
    DesignationHistoryForm,
    HandoverForm,
    MembershipEndForm,
    MembershipHistoryForm,
    MembershipJoinForm,
    MembershipStatusForm,
    bound_to_current,
)
from pitf.directory.permissions import designating_agency_ids, may_manage_designations_of
from pitf.models import Membership
from pitf.permissions import deny
from pitf.roles import request_roles

AGENCIES_PER_PAGE = 50


def _posted(request):
    return request.POST if request.method == "POST" else None


def _long_date(day: datetime.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def _filters(form) -> dict:
    """The valid, non-empty filters of a GET form (an invalid field is shown and ignored)."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return {key: value for key, value in form.cleaned_data.items() if value not in (None, "")}


def _add_errors(form, error: ValidationError) -> None:
    """Put a service's messages on the fields they name, the rest at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _attempt(request, form, action):
    """Run a service call for a valid form. Returns (result, None) on success; on bad input or
    an edit conflict the message goes on the form and (None, None) comes back; a refusal comes
    back as a 403 response to return."""
    try:
        return action(), None
    except PermissionDenied as refusal:
        return None, deny(request, reason=str(refusal))
    except EditConflict as conflict:
        form.add_error(None, str(conflict))
    except ValidationError as error:
        _add_errors(form, error)
    return None, None


def _agency_crumbs(agency=None):
    crumbs = [("Agencies", reverse("directory:agency-list"))]
    if agency is not None:
        crumbs.append((agency.acronym, reverse("directory:agency-detail", args=[agency.pk])))
    return crumbs


def _body_crumbs(body=None):
    crumbs = [("Bodies", reverse("directory:body-list"))]
    if body is not None:
        crumbs.append((body.name, reverse("directory:body-detail", args=[body.pk])))
    return crumbs


def _form_page(request, *, title, form, crumbs, cancel_url, explanation=(), status=200):
    return render(
        request,
        "directory/form_page.html",
        {
            "title": title,
            "form": form,
            "crumbs": crumbs,
            "cancel_url": cancel_url,
            "explanation": list(explanation),
        },
        status=status,
    )


# Agencies ----------------------------------------------------------------------------------


@require_GET
def agency_list(request):
    form = AgencyFilterForm(request.GET or None)
    filters = _filters(form)
    today = timezone.localdate()
    agencies = selectors.agency_list(
        day=today,
        search=filters.get("q", ""),
        kind=filters.get("kind", ""),
        status=filters.get("status", ""),
        parent=filters.get("parent"),
    )
    page = Paginator(agencies, AGENCIES_PER_PAGE).get_page(request.GET.get("page"))
    page_range = list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return render(
        request,
        "directory/agency_list.html",
        {
            "form": form,
            "page": page,
            "page_range": page_range,
            "filtered": bool(filters),
            "site_admin": request_roles(request).site_admin,
            "today": today,
        },
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
            "crumbs": _agency_crumbs(),
            "current_memberships": [m for m in memberships if m.is_current_on(today)],
            "other_memberships": [m for m in memberships if not m.is_current_on(today)],
            "current_designations": [d for d in designations if d.is_current_on(today)],
            "other_designations": [d for d in designations if not d.is_current_on(today)],
            "site_admin": request_roles(request).site_admin,
            "today": today,
        },
    )


@require_http_methods(["GET", "POST"])
def agency_create(request):
    form = AgencyForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        agency, refused = _attempt(
            request,
            form,
            lambda: services.agency_create(
                actor=request.user,
                name=data["name"],
                acronym=data["acronym"],
                kind=data["kind"],
                parent=data["parent"],
                website=data["website"],
            ),
        )
        if refused:
            return refused
        if agency:
            messages.success(request, f"{agency.name} was created.")
            return redirect("directory:agency-detail", pk=agency.pk)
    return _form_page(
        request,
        title="Create an agency",
        form=form,
        crumbs=_agency_crumbs(),
        cancel_url=reverse("directory:agency-list"),
        explanation=[
            "An executive department, independent agency, White House office, or a "
            "component of a department."
        ],
    )


@require_http_methods(["GET", "POST"])
def agency_edit(request, pk: int):
    agency = selectors.agency_for_update(pk=pk)
    form = AgencyEditForm(_posted(request), agency=agency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.agency_update(
                actor=request.user,
                agency=agency,
                expected_version=data["version"],
                name=data["name"],
                acronym=data["acronym"],
                kind=data["kind"],
                parent=data["parent"],
                website=data["website"],
            )
        except PermissionDenied as refusal:
            return deny(request, reason=str(refusal))
        except EditConflict as conflict:
            # Show what is saved now, with its newer version, so the editor decides again.
            agency = selectors.agency_for_update(pk=pk)
            form = bound_to_current(AgencyEditForm, agency=agency)
            form.add_error(None, str(conflict))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"The changes to {agency.name} were saved.")
            return redirect("directory:agency-detail", pk=agency.pk)
    return _form_page(
        request,
        title=f"Edit {agency.name}",
        form=form,
        crumbs=_agency_crumbs(agency),
        cancel_url=reverse("directory:agency-detail", args=[agency.pk]),
    )


def _agency_switch(request, pk: int, *, service, submit_label, title, explanation, done):
    """Deactivate or reactivate: a confirmation page, then the service on the version the page
    was loaded with."""
    agency = selectors.agency_for_update(pk=pk)
    form = ConfirmForm(_posted(request), instance=agency, submit_label=submit_label)
    if request.method == "POST" and form.is_valid():
        changed, refused = _attempt(
            request,
            form,
            lambda: service(
                actor=request.user,
                agency=agency,
                expected_version=form.cleaned_data["version"],
            ),
        )
        if refused:
            return refused
        if changed:
            messages.success(request, done.format(agency=agency.name))
            return redirect("directory:agency-detail", pk=agency.pk)
        # Ask again about the agency as it is now.
        problems = form.non_field_errors()
        agency = selectors.agency_for_update(pk=pk)
        form = bound_to_current(ConfirmForm, instance=agency, submit_label=submit_label)
        for problem in problems:
            form.add_error(None, problem)
    return _form_page(
        request,
        title=title.format(agency=agency.name),
        form=form,
        crumbs=_agency_crumbs(agency),
        cancel_url=reverse("directory:agency-detail", args=[agency.pk]),
        explanation=explanation(agency),
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
        done="{agency} was deactivated.",
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
        done="{agency} was reactivated.",
    )


# Bodies ------------------------------------------------------------------------------------


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
    return render(
        request,
        "directory/body_detail.html",
        {
            "body": body,
            "crumbs": _body_crumbs(),
            "current_memberships": [m for m in memberships if m.is_current_on(today)],
            "future_memberships": [m for m in memberships if m.start_date > today],
            "past_memberships": [m for m in memberships if m.end_date and m.end_date < today],
            "designations": [
                (d, d.is_current_on(today), may_manage_designations_of(roles, d.agency_id))
                for d in designations
            ],
            "site_admin": roles.site_admin,
            "may_designate": roles.site_admin or roles.representative,
            "today": today,
        },
    )


@require_http_methods(["GET", "POST"])
def body_create(request):
    form = BodyCreateForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        body, refused = _attempt(
            request,
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
        if refused:
            return refused
        if body:
            messages.success(
                request,
                f"The {body.name} was created. Add its member agencies next.",
            )
            return redirect("directory:body-detail", pk=body.pk)
    return _form_page(
        request,
        title="Create a committee or working group",
        form=form,
        crumbs=_body_crumbs(),
        cancel_url=reverse("directory:body-list"),
        explanation=[
            "A standing committee of the SPOG, or an ad hoc working group that ends on its "
            "sunset date."
        ],
    )


@require_http_methods(["GET", "POST"])
def body_edit(request, pk: int):
    body = selectors.body_for_update(pk=pk)
    form = BodyEditForm(_posted(request), body=body)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.body_update(
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
            )
        except PermissionDenied as refusal:
            return deny(request, reason=str(refusal))
        except EditConflict as conflict:
            body = selectors.body_for_update(pk=pk)
            form = bound_to_current(BodyEditForm, body=body)
            form.add_error(None, str(conflict))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"The changes to the {body.name} were saved.")
            return redirect("directory:body-detail", pk=body.pk)
    return _form_page(
        request,
        title=f"Edit the {body.name}",
        form=form,
        crumbs=_body_crumbs(body),
        cancel_url=reverse("directory:body-detail", args=[body.pk]),
    )


# Memberships -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def membership_create(request, pk: int):
    body = selectors.body_detail(pk=pk)
    form = MembershipJoinForm(_posted(request), body=body)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        membership, refused = _attempt(
            request,
            form,
            lambda: services.membership_join(
                actor=request.user,
                agency=data["agency"],
                body=body,
                status=data["status"],
                start_date=data["start_date"],
                end_date=data["end_date"],
            ),
        )
        if refused:
            return refused
        if membership:
            messages.success(
                request,
                f"{membership.agency.name} belongs to the {body.name} from "
                f"{_long_date(membership.start_date)} ({membership.get_status_display().lower()}).",
            )
            return redirect("directory:body-detail", pk=body.pk)
    return _form_page(
        request,
        title=f"Add an agency to the {body.name}",
        form=form,
        crumbs=_body_crumbs(body),
        cancel_url=reverse("directory:body-detail", args=[body.pk]),
        explanation=[
            "A member takes part fully; an invited agency observes. Later changes (leaving, "
            "becoming a member) start new entries, so the history stays true."
        ],
    )


@require_http_methods(["GET", "POST"])
def membership_end(request, pk: int):
    membership = selectors.membership_for_update(pk=pk)
    body = membership.body
    form = MembershipEndForm(_posted(request), membership=membership)
    if request.method == "POST" and form.is_valid():
        ended, refused = _attempt(
            request,
            form,
            lambda: services.membership_end(
                actor=request.user,
                membership=membership,
                expected_version=form.cleaned_data["version"],
                end_date=form.cleaned_data["end_date"],
            ),
        )
        if refused:
            return refused
        if ended:
            messages.success(
                request,
                f"{membership.agency.name}'s membership of the {body.name} ends on "
                f"{_long_date(ended.end_date)}.",
            )
            return redirect("directory:body-detail", pk=body.pk)
    return _form_page(
        request,
        title=f"End {membership.agency.acronym}'s membership of the {body.name}",
        form=form,
        crumbs=_body_crumbs(body),
        cancel_url=reverse("directory:body-detail", args=[body.pk]),
        explanation=[
            f"{membership.agency.name} has been {membership.get_status_display().lower()} since "
            f"{_long_date(membership.start_date)}.",
            "Its designations in this body that run past the last day end on that day too. "
            "The history keeps the membership.",
        ],
    )


@require_http_methods(["GET", "POST"])
def membership_change_status(request, pk: int):
    membership = selectors.membership_for_update(pk=pk)
    body = membership.body
    form = MembershipStatusForm(_posted(request), membership=membership)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changed, refused = _attempt(
            request,
            form,
            lambda: services.membership_change_status(
                actor=request.user,
                membership=membership,
                expected_version=data["version"],
                status=data["status"],
                on=data["on"],
            ),
        )
        if refused:
            return refused
        if changed:
            messages.success(
                request,
                f"{membership.agency.name} is {changed.get_status_display().lower()} of the "
                f"{body.name} from {_long_date(changed.start_date)}.",
            )
            return redirect("directory:body-detail", pk=body.pk)
    now = "a member" if membership.status == Membership.Status.MEMBER else "invited (an observer)"
    return _form_page(
        request,
        title=f"Change {membership.agency.acronym}'s status in the {body.name}",
        form=form,
        crumbs=_body_crumbs(body),
        cancel_url=reverse("directory:body-detail", args=[body.pk]),
        explanation=[
            f"{membership.agency.name} has been {now} since {_long_date(membership.start_date)}.",
            "The current membership ends the day before the change, and a new one starts on "
            "the day of the change, so the history shows both.",
        ],
    )


# Designations ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def designation_create(request, pk: int):
    body = selectors.body_detail(pk=pk)
    roles = request_roles(request)
    today = timezone.localdate()
    agencies = selectors.agencies_in_body(body=body, day=today)
    people = selectors.designatable_people()
    if not roles.site_admin:
        mine = designating_agency_ids(roles)
        agencies = agencies.filter(pk__in=mine)
        people = selectors.designatable_people(agency_ids=mine)
    form = DesignationForm(_posted(request), agencies=agencies, people=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        designation, refused = _attempt(
            request,
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
        if refused:
            return refused
        if designation:
            messages.success(
                request,
                f"{designation.person} represents {designation.agency.acronym} in the "
                f"{body.name} as {designation.get_role_display().lower()} from "
                f"{_long_date(designation.start_date)}.",
            )
            return redirect("directory:body-detail", pk=body.pk)
    explanation = [
        "A principal and any number of alternates represent an agency in a body; a person "
        "represents their own agency only, and the agency must belong to the body."
    ]
    if not roles.site_admin:
        explanation.append("You can designate staff of the agency you represent only.")
    return _form_page(
        request,
        title=f"Designate a representative in the {body.name}",
        form=form,
        crumbs=_body_crumbs(body),
        cancel_url=reverse("directory:body-detail", args=[body.pk]),
        explanation=explanation,
    )


def _designation_for(request, pk: int):
    """The designation, or a 403 response if the person may not manage it."""
    designation = selectors.designation_for_update(pk=pk)
    if not may_manage_designations_of(request_roles(request), designation.agency_id):
        return designation, deny(
            request,
            reason="You may manage the designations of the agency you represent only.",
        )
    return designation, None


@require_http_methods(["GET", "POST"])
def designation_end(request, pk: int):
    designation, refused = _designation_for(request, pk)
    if refused:
        return refused
    body = designation.body
    form = DesignationEndForm(_posted(request), designation=designation)
    if request.method == "POST" and form.is_valid():
        ended, refused = _attempt(
            request,
            form,
            lambda: services.designation_end(
                actor=request.user,
                designation=designation,
                expected_version=form.cleaned_data["version"],
                end_date=form.cleaned_data["end_date"],
            ),
        )
        if refused:
            return refused
        if ended:
            messages.success(
                request,
                f"{designation.person}'s designation ends on {_long_date(ended.end_date)}.",
            )
            return redirect("directory:body-detail", pk=body.pk)
    return _form_page(
        request,
        title=f"End {designation.person}'s designation",
        form=form,
        crumbs=_body_crumbs(body),
        cancel_url=reverse("directory:body-detail", args=[body.pk]),
        explanation=[
            f"{designation.person} has been {designation.get_role_display().lower()} for "
            f"{designation.agency.acronym} in the {body.name} since "
            f"{_long_date(designation.start_date)}.",
            "After the last day they no longer represent the agency there; the history keeps "
            "the designation. To put someone else in the role at once, hand it over instead.",
        ],
    )


@require_http_methods(["GET", "POST"])
def designation_handover(request, pk: int):
    designation, refused = _designation_for(request, pk)
    if refused:
        return refused
    body = designation.body
    people = selectors.designatable_people(agency_ids=frozenset([designation.agency_id]))
    form = HandoverForm(_posted(request), designation=designation, people=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        handed, refused = _attempt(
            request,
            form,
            lambda: services.designation_handover(
                actor=request.user,
                designation=designation,
                expected_version=data["version"],
                successor=data["successor"],
                start_date=data["start_date"],
            ),
        )
        if refused:
            return refused
        if handed:
            messages.success(
                request,
                f"{handed.person} is {handed.get_role_display().lower()} for "
                f"{handed.agency.acronym} in the {body.name} from "
                f"{_long_date(handed.start_date)}; {designation.person}'s designation ends the "
                "day before.",
            )
            return redirect("directory:body-detail", pk=body.pk)
    return _form_page(
        request,
        title=f"Hand over {designation.person}'s designation",
        form=form,
        crumbs=_body_crumbs(body),
        cancel_url=reverse("directory:body-detail", args=[body.pk]),
        explanation=[
            f"{designation.person} has been {designation.get_role_display().lower()} for "
            f"{designation.agency.acronym} in the {body.name} since "
            f"{_long_date(designation.start_date)}.",
            "In one step their designation ends the day before the successor's begins, with "
            "the same role.",
        ],
    )


# History -----------------------------------------------------------------------------------


def _history_question(request, form_class, *, default_body):
    """The question of a history page: the form, and the body, day and other answers; the
    body defaults to the SPOG and the day to today."""
    today = timezone.localdate()
    form = form_class(request.GET or None, initial={"body": default_body, "on": today})
    if not form.is_bound:
        return form, {"body": default_body, "on": today}
    if not form.is_valid():
        return form, None
    answers = dict(form.cleaned_data)
    answers["on"] = answers.get("on") or today
    return form, answers


@require_GET
def membership_history(request):
    form, question = _history_question(
        request, MembershipHistoryForm, default_body=selectors.spog()
    )
    context = {"form": form, "question": question, "today": timezone.localdate()}
    if question and question["body"] is not None:
        body, day = question["body"], question["on"]
        members, invited = selectors.members_on(body=body, day=day)
        context.update(
            body=body,
            day=day,
            members=members,
            invited=invited,
            changes=selectors.membership_changes(body=body),
        )
    return render(request, "directory/membership_history.html", context)


@require_GET
def designation_history(request):
    form, question = _history_question(
        request, DesignationHistoryForm, default_body=selectors.spog()
    )
    context = {"form": form, "question": question, "today": timezone.localdate()}
    if question and question["body"] is not None:
        body, day, agency = question["body"], question["on"], question.get("agency")
        context.update(
            body=body,
            day=day,
            agency=agency,
            representatives=selectors.representatives_on(body=body, day=day, agency=agency),
            timeline=selectors.designation_timeline(body=body, agency=agency) if agency else [],
        )
    return render(request, "directory/designation_history.html", context)
