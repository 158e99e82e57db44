"""The directory's membership pages: adding an agency to a body, ending its membership and
changing it between member and invited observer."""

from __future__ import annotations

from django.views.decorators.http import require_http_methods

from pitf.directory import selectors, services
from pitf.directory.forms import MembershipEndForm, MembershipJoinForm, MembershipStatusForm
from pitf.directory.views.layout import body_form_page
from pitf.formats import long_date
from pitf.models import Membership
from pitf.pages import attempt, done, posted


@require_http_methods(["GET", "POST"])
def membership_create(request, pk: int):
    body = selectors.body_detail(pk=pk)
    form = MembershipJoinForm(posted(request), body=body)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = attempt(
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
        if outcome.done:
            membership = outcome.result
            return done(
                request,
                f"{membership.agency.name} belongs to the {body.name} from "
                f"{long_date(membership.start_date)} ({membership.get_status_display().lower()}).",
                "directory:body-detail",
                pk=body.pk,
            )
    return body_form_page(
        request,
        body,
        title=f"Add an agency to the {body.name}",
        form=form,
        explanation=[
            "A member takes part fully; an invited agency observes. Later changes (leaving, "
            "becoming a member) start new entries, so the history stays true."
        ],
    )


@require_http_methods(["GET", "POST"])
def membership_end(request, pk: int):
    membership = selectors.membership_for_update(pk=pk)
    body = membership.body
    form = MembershipEndForm(posted(request), membership=membership)
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            form,
            lambda: services.membership_end(
                actor=request.user,
                membership=membership,
                expected_version=form.cleaned_data["version"],
                end_date=form.cleaned_data["end_date"],
            ),
        )
        if outcome.done:
            return done(
                request,
                f"{membership.agency.name}'s membership of the {body.name} ends on "
                f"{long_date(outcome.result.end_date)}.",
                "directory:body-detail",
                pk=body.pk,
            )
    return body_form_page(
        request,
        body,
        title=f"End {membership.agency.acronym}'s membership of the {body.name}",
        form=form,
        explanation=[
            f"{membership.agency.name} has been {membership.get_status_display().lower()} since "
            f"{long_date(membership.start_date)}.",
            "Its designations in this body that run past the last day end on that day too. "
            "The history keeps the membership.",
        ],
    )


@require_http_methods(["GET", "POST"])
def membership_change_status(request, pk: int):
    membership = selectors.membership_for_update(pk=pk)
    body = membership.body
    form = MembershipStatusForm(posted(request), membership=membership)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = attempt(
            form,
            lambda: services.membership_change_status(
                actor=request.user,
                membership=membership,
                expected_version=data["version"],
                status=data["status"],
                on=data["on"],
            ),
        )
        if outcome.done:
            changed = outcome.result
            return done(
                request,
                f"{membership.agency.name} is {changed.get_status_display().lower()} of the "
                f"{body.name} from {long_date(changed.start_date)}.",
                "directory:body-detail",
                pk=body.pk,
            )
    now = "a member" if membership.status == Membership.Status.MEMBER else "invited (an observer)"
    return body_form_page(
        request,
        body,
        title=f"Change {membership.agency.acronym}'s status in the {body.name}",
        form=form,
        explanation=[
            f"{membership.agency.name} has been {now} since {long_date(membership.start_date)}.",
            "The current membership ends the day before the change, and a new one starts on "
            "the day of the change, so the history shows both.",
        ],
    )
