"""A meeting's attendance: the chair's office records who attended, for which agency and how,
at or after the meeting; the page says which member agencies were represented and whether the
body's quorum was met."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from pitf.meetings import attendance, selectors, services
from pitf.meetings.forms import AttendanceForm
from pitf.meetings.views.layout import _crumbs, _managed_meeting, when
from pitf.meetings.workflows import MEETING
from pitf.pages import add_errors, done, posted
from pitf.workflow import TransitionRefused


def _form(meeting, recorded, data=None) -> AttendanceForm:
    return AttendanceForm(
        data,
        invitees=[i for i in selectors.invitees_of(meeting) if i.on_list],
        recorded=recorded,
        others=selectors.people_to_invite(meeting),
        expected=attendance.attendance_fingerprint(recorded),
    )


@require_http_methods(["GET", "POST"])
def meeting_attendance(request, pk: int):
    meeting = _managed_meeting(request, pk)
    recorded = attendance.attendance_of(meeting)
    refusal, conflict, form = "", "", None
    try:
        MEETING.require(meeting, "record_attendance")
    except TransitionRefused as refused:
        refusal = refused.messages[0]
    else:
        form = _form(meeting, recorded, posted(request))
        if form.is_bound and form.is_valid():
            try:
                services.attendance_record(
                    actor=request.user,
                    meeting=meeting,
                    present=form.present(),
                    expected=form.cleaned_data["expected"],
                )
            except ValidationError as error:
                if getattr(error, "code", None) != "changed_meanwhile":
                    add_errors(form, error)
                else:  # the form again, with what was recorded meanwhile
                    conflict = error.messages[0]
                    recorded = attendance.attendance_of(meeting)
                    form = _form(meeting, recorded)
            else:
                return done(
                    request, "The attendance was recorded.", "meetings:attendance", meeting.pk
                )
    return render(
        request,
        "meetings/attendance.html",
        {
            "meeting": meeting,
            "when": when(meeting),
            "crumbs": _crumbs(meeting.body, meeting),
            "summary": attendance.attendance_summary(meeting, recorded),
            "form": form,
            "refusal": refusal,
            "conflict": conflict,
        },
    )
