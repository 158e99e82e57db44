"""What the meetings pages share: the meeting the person may see or manage, the breadcrumbs, the
page of a form about one meeting, and a meeting's time in words."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from pitf.formats import long_date
from pitf.meetings import selectors
from pitf.pages import FormPage
from pitf.roles import request_roles


def _meeting(request, pk):
    return selectors.meeting_for(user=request.user, roles=request_roles(request), pk=pk)


def _managed_meeting(request, pk):
    meeting = _meeting(request, pk)
    if not selectors.manages_meetings_of(request_roles(request), meeting.body_id):
        raise PermissionDenied(
            f"Only the {meeting.body.name}'s chair's office changes its meetings."
        )
    return meeting


def _meeting_form(meeting, *, title, explanation=()) -> FormPage:
    """The page of a form about one meeting, which goes back to the meeting's page."""
    return FormPage(
        title=title,
        crumbs=_crumbs(meeting.body, meeting),
        cancel_url=reverse("meetings:detail", args=[meeting.pk]),
        explanation=explanation,
    )


def _crumbs(body=None, meeting=None):
    crumbs = [("My meetings", reverse("meetings:my-meetings"))]
    if body is not None:
        crumbs.append((f"{body.name}", reverse("meetings:body-meetings", args=[body.pk])))
    if meeting is not None:
        crumbs.append((meeting.title, reverse("meetings:detail", args=[meeting.pk])))
    return crumbs


def when(meeting) -> str:
    start, end = meeting.local_start, meeting.local_end
    return (
        f"{long_date(start.date())}, {start:%-I:%M %p} to {end:%-I:%M %p} "
        f"{start.tzname()} ({meeting.time_zone})"
    )
