"""The directory's membership pages: adding an agency to a body, ending its membership and
changing it between member and invited observer."""

from __future__ import annotations

from django.views.decorators.http import require_http_methods

from pitf.directory import selectors, services
from pitf.directory.forms import MembershipEndForm, MembershipJoinForm, MembershipStatusForm
from pitf.directory.views.layout import body_form
from pitf.formats import long_date
from pitf.models import Membership
from pitf.pages import done, form_view, posted


@require_http_methods(["GET", "POST"])
def membership_create(request, pk: int):
    body = selectors.body_detail(pk=pk)
    return form_view(
        request,
        MembershipJoinForm(posted(request), body=body),
        lambda form: services.membership_join(
            actor=request.user,
            agency=form.cleaned_data["agency"],
            body=body,
            status=form.cleaned_data["status"],
            start_date=form.cleaned_data["start_date"],
            end_date=form.cleaned_data["end_date"],
        ),
        success=lambda membership: done(
            request,
            f"{membership.agency.name} belongs to the {body.name} from "
            f"{long_date(membership.start_date)} ({membership.get_status_display().lower()}).",
            "directory:body-detail",
            pk=body.pk,
        ),
        page=body_form(
            body,
            title=f"Add an agency to the {body.name}",
            explanation=[
                "A member takes part fully; an invited agency observes. Later changes (leaving, "
                "becoming a member) start new entries, so the history stays true."
            ],
        ),
    )


@require_http_methods(["GET", "POST"])
def membership_end(request, pk: int):
    membership = selectors.membership_for_update(pk=pk)
    body = membership.body
    return form_view(
        request,
        MembershipEndForm(posted(request), membership=membership),
        lambda form: services.membership_end(
            actor=request.user,
            membership=membership,
            expected_version=form.cleaned_data["version"],
            end_date=form.cleaned_data["end_date"],
        ),
        success=lambda ended: done(
            request,
            f"{membership.agency.name}'s membership of the {body.name} ends on "
            f"{long_date(ended.end_date)}.",
            "directory:body-detail",
            pk=body.pk,
        ),
        page=body_form(
            body,
            title=f"End {membership.agency.acronym}'s membership of the {body.name}",
            explanation=[
                f"{membership.agency.name} has been {membership.get_status_display().lower()} "
                f"since {long_date(membership.start_date)}.",
                "Its designations in this body that run past the last day end on that day too. "
                "The history keeps the membership.",
            ],
        ),
    )


@require_http_methods(["GET", "POST"])
def membership_change_status(request, pk: int):
    membership = selectors.membership_for_update(pk=pk)
    body = membership.body
    now = "a member" if membership.status == Membership.Status.MEMBER else "invited (an observer)"
    return form_view(
        request,
        MembershipStatusForm(posted(request), membership=membership),
        lambda form: services.membership_change_status(
            actor=request.user,
            membership=membership,
            expected_version=form.cleaned_data["version"],
            status=form.cleaned_data["status"],
            on=form.cleaned_data["on"],
        ),
        success=lambda changed: done(
            request,
            f"{membership.agency.name} is {changed.get_status_display().lower()} of the "
            f"{body.name} from {long_date(changed.start_date)}.",
            "directory:body-detail",
            pk=body.pk,
        ),
        page=body_form(
            body,
            title=f"Change {membership.agency.acronym}'s status in the {body.name}",
            explanation=[
                f"{membership.agency.name} has been {now} since "
                f"{long_date(membership.start_date)}.",
                "The current membership ends the day before the change, and a new one starts on "
                "the day of the change, so the history shows both.",
            ],
        ),
    )
