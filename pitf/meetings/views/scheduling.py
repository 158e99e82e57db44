"""Scheduling a meeting, planning a fiscal year's, rescheduling and cancelling one."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from pitf.meetings import plan, selectors, services
from pitf.meetings.forms import (
    CancelForm,
    MeetingForm,
    RescheduleForm,
    YearPlanForm,
    initial_of,
)
from pitf.meetings.views.layout import _crumbs, _managed_meeting, _meeting_form, when
from pitf.pages import FormPage, done, form_view, posted
from pitf.roles import request_roles
from pitf.workflow import can


@require_http_methods(["GET", "POST"])
def meeting_schedule(request, pk: int):
    roles = request_roles(request)
    body = selectors.body_for_meetings(user=request.user, roles=roles, pk=pk)
    if not selectors.manages_meetings_of(roles, body.pk):
        raise PermissionDenied(f"Only the {body.name}'s chair's office schedules its meetings.")
    return form_view(
        request,
        MeetingForm(posted(request), initial={"title": f"{body.short_name.upper()} meeting"}),
        lambda form: services.meeting_schedule(
            actor=request.user, body=body, **form.meeting_values()
        ),
        success=lambda meeting: done(
            request,
            f"“{meeting.title}” is scheduled; the invitations are on their way.",
            "meetings:detail",
            pk=meeting.pk,
        ),
        page=FormPage(
            title=f"Schedule a meeting of the {body.name}",
            crumbs=_crumbs(body),
            cancel_url=reverse("meetings:body-meetings", args=[body.pk]),
            explanation=[
                "The principals and alternates of its member and invited agencies on that date, "
                "its chair and chair's office get a calendar invitation they can accept in "
                "Outlook, Google Calendar or Apple Calendar."
            ],
        ),
    )


def _fiscal_years_to_plan() -> list[int]:
    current = plan.fiscal_year_of(timezone.localdate())
    return [current, current + 1]


def _plannable_body(request, pk: int):
    roles = request_roles(request)
    body = selectors.body_for_meetings(user=request.user, roles=roles, pk=pk)
    if not selectors.manages_meetings_of(roles, body.pk):
        raise PermissionDenied(f"Only the {body.name}'s chair's office plans its meetings.")
    return body


def year_plan_start(request, pk: int):
    """The plan of the first fiscal year that still has a meeting to plan."""
    body = _plannable_body(request, pk)
    today = timezone.localdate()
    for fiscal_year in _fiscal_years_to_plan():
        rows = selectors.year_plan(body=body, fiscal_year=fiscal_year, today=today)
        if any(proposed for _, proposed, _ in rows):
            break
    return redirect("meetings:plan", pk=body.pk, fiscal_year=fiscal_year)


@require_http_methods(["GET", "POST"])
def year_plan(request, pk: int, fiscal_year: int):
    body = _plannable_body(request, pk)
    if fiscal_year not in _fiscal_years_to_plan():
        raise Http404("Only this fiscal year and the next are planned.")
    rows = selectors.year_plan(body=body, fiscal_year=fiscal_year, today=timezone.localdate())
    if not rows:
        raise Http404(f"The {body.name} does not meet quarterly or annually.")

    def scheduled(meetings):
        count = len(meetings)
        return done(
            request,
            f"{count} meeting{pluralize(count)} of fiscal year {fiscal_year} "
            f"{pluralize(count, 'is,are')} scheduled; the invitations are on their way.",
            "meetings:body-meetings",
            pk=body.pk,
        )

    def page(form):
        first, last = plan.fiscal_year_bounds(fiscal_year)
        return render(
            request,
            "meetings/year_plan.html",
            {
                "title": f"Plan fiscal year {fiscal_year} for the {body.name}",
                "body": body,
                "form": form,
                "rows": rows,
                "fiscal_year": fiscal_year,
                "first": first,
                "last": last,
                "other_years": [y for y in _fiscal_years_to_plan() if y != fiscal_year],
                "open": form.slot_numbers,
                "crumbs": _crumbs(body),
                "cancel_url": reverse("meetings:body-meetings", args=[body.pk]),
            },
        )

    return form_view(
        request,
        YearPlanForm(posted(request), rows=rows, fiscal_year=fiscal_year),
        lambda form: services.meetings_plan_year(
            actor=request.user, body=body, fiscal_year=fiscal_year, **form.plan_values()
        ),
        success=scheduled,
        page=page,
    )


@require_http_methods(["GET", "POST"])
def meeting_reschedule(request, pk: int):
    meeting = _managed_meeting(request, pk)
    if not can(meeting, "reschedule"):
        raise Http404("The meeting is cancelled or over.")
    return form_view(
        request,
        RescheduleForm(posted(request), initial=initial_of(meeting)),
        lambda form: services.meeting_reschedule(
            actor=request.user,
            meeting=meeting,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
            **form.meeting_values(),
        ),
        success="The change is saved; every invitee is sent the updated invitation.",
        page=_meeting_form(
            meeting,
            title=f"Reschedule or change “{meeting.title}”",
            explanation=[f"Now: {when(meeting)}."],
        ),
    )


@require_http_methods(["GET", "POST"])
def meeting_cancel(request, pk: int):
    meeting = _managed_meeting(request, pk)
    return form_view(
        request,
        CancelForm(posted(request), meeting=meeting),
        lambda form: services.meeting_cancel(
            actor=request.user,
            meeting=meeting,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
        ),
        success="The meeting is cancelled; every invitee is sent the cancellation.",
        page=_meeting_form(
            meeting,
            title=f"Cancel “{meeting.title}”",
            explanation=[
                f"{when(meeting)}. Every invitee's calendar takes the meeting off when the "
                "cancellation arrives. This cannot be undone: to meet after all, schedule a new "
                "one."
            ],
        ),
    )
