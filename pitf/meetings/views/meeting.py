"""A meeting's page, its calendar file, and what the chair's office does there: the list of
invitees, reminders and notices sent again."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from pitf.forms import ButtonForm
from pitf.meetings import attendance, calendar, documents, selectors, services
from pitf.meetings.forms import (
    InviteeAddForm,
    RemindForm,
)
from pitf.meetings.models import Invitee
from pitf.meetings.views.layout import _crumbs, _managed_meeting, _meeting, _meeting_form, when
from pitf.meetings.workflows import MEETING
from pitf.notifications import services as core_services
from pitf.notifications.services import notifications_about
from pitf.pages import done, form_view, posted
from pitf.roles import request_roles
from pitf.workflow import can


def meeting_detail(request, pk: int):
    meeting = _meeting(request, pk)
    roles = request_roles(request)
    manages = selectors.manages_meetings_of(roles, meeting.body_id)
    invitees = selectors.invitees_of(meeting)
    answers = selectors.answers_by_agency(meeting, invitees)
    context = {
        "meeting": meeting,
        "when": when(meeting),
        "invitees": invitees,
        "mine": next((i for i in invitees if i.person_id == request.user.pk), None),
        "answers": answers,
        "counts": selectors.agency_counts(answers),
        "manages": manages,
        "crumbs": _crumbs(meeting.body),
        "documents": documents.documents_of(meeting),
        "may_add": manages and MEETING.can(meeting, "add_document"),
        # Under way or over: who attended, once recorded.
        "attendance": attendance.attendance_summary(meeting)
        if MEETING.can(meeting, "record_attendance")
        else None,
    }
    if manages:
        context["sent"] = list(notifications_about(meeting)[:200])
        context["failed"] = [notice for notice in context["sent"] if notice.status == "failed"]
        context["add_form"] = InviteeAddForm(people=selectors.people_to_invite(meeting))
        context["add_form"].helper.form_action = reverse("meetings:invitee-add", args=[meeting.pk])
    return render(request, "meetings/detail.html", context)


@require_POST
def notice_resend(request, pk: int, notice_pk: int):
    meeting = _managed_meeting(request, pk)
    notice = selectors.notice_of(meeting, notice_pk)
    try:
        core_services.notification_resend(actor=request.user, notification=notice)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The notice to {notice.recipient} is on its way again.")
    return redirect(reverse("meetings:detail", args=[meeting.pk]) + "#what-was-sent")


def meeting_ics(request, pk: int):
    meeting = _meeting(request, pk)
    response = HttpResponse(calendar.download_ics([meeting]), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


@require_POST
def invitee_add(request, pk: int):
    meeting = _managed_meeting(request, pk)
    return form_view(
        request,
        InviteeAddForm(request.POST, people=selectors.people_to_invite(meeting)),
        lambda form: services.invitee_add(
            actor=request.user, meeting=meeting, person=form.cleaned_data["person"]
        ),
        success=lambda invitee: done(
            request, f"{invitee.person} is invited.", "meetings:detail", pk=meeting.pk
        ),
        page=_meeting_form(meeting, title=f"Invite someone to “{meeting.title}”"),
    )


@require_http_methods(["GET", "POST"])
def invitee_remove(request, pk: int, invitee_pk: int):
    meeting = _managed_meeting(request, pk)
    invitee = (
        Invitee.objects.select_related("person").filter(pk=invitee_pk, meeting=meeting).first()
    )
    if invitee is None or not can(invitee, "take_off"):
        raise Http404("That person is not on the list.")
    return form_view(
        request,
        ButtonForm(posted(request), submit_label="Take them off the list"),
        lambda _: services.invitee_remove(actor=request.user, meeting=meeting, invitee=invitee),
        success=f"{invitee.person} is off the list and is sent a cancellation.",
        page=_meeting_form(
            meeting,
            title=f"Take {invitee.person} off the list",
            explanation=["Their calendar takes the meeting off when the cancellation arrives."],
        ),
    )


@require_http_methods(["GET", "POST"])
def meeting_remind(request, pk: int):
    meeting = _managed_meeting(request, pk)
    if not can(meeting, "remind"):
        raise Http404("The meeting is cancelled or over.")
    counts = {
        key: f"{label} ({len(services.audience_of(meeting, key))})"
        for key, label in services.AUDIENCES.items()
    }
    return form_view(
        request,
        RemindForm(posted(request), audiences=counts),
        lambda form: services.meeting_remind_now(
            actor=request.user,
            meeting=meeting,
            audience=form.cleaned_data["audience"],
            message=form.cleaned_data["message"],
        ),
        success=lambda sent: done(
            request,
            f"The reminder is on its way to {sent} {'person' if sent == 1 else 'people'}.",
            "meetings:detail",
            pk=meeting.pk,
        ),
        page=_meeting_form(
            meeting,
            title=f"Send a reminder about “{meeting.title}”",
            explanation=[when(meeting), "People who said they will not attend are left out."],
        ),
    )
