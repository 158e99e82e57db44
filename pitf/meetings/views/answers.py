"""Answers to an invitation: signed in, or by the one-click link of the e-mails."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from pitf.meetings import services
from pitf.meetings.forms import (
    AnswerForm,
)
from pitf.meetings.views.layout import _meeting, _meeting_form, when
from pitf.pages import done, form_view, posted


def _answer(request, invitee, *, actor, success, page):
    """The answer to an invitation, by the invitee (signed in) or by their one-click link."""
    return form_view(
        request,
        AnswerForm(posted(request), invitee=invitee, alternates=services.alternates_for(invitee)),
        lambda form: services.invitee_answer(
            actor=actor,
            invitee=invitee,
            response=form.cleaned_data["response"],
            alternate=form.cleaned_data.get("alternate"),
        ),
        success=success,
        page=page,
    )


@require_http_methods(["GET", "POST"])
def meeting_answer(request, pk: int):
    meeting = _meeting(request, pk)
    invitee = meeting.invitees.filter(person=request.user, removed_at__isnull=True).first()
    if invitee is None:
        raise Http404("You are not invited to this meeting.")
    return _answer(
        request,
        invitee,
        actor=request.user,
        success=lambda answered: done(
            request,
            f"Your answer is recorded: {answered.get_response_display().lower()}.",
            "meetings:detail",
            pk=meeting.pk,
        ),
        page=_meeting_form(
            meeting,
            title=f"Answer the invitation to “{meeting.title}”",
            explanation=[when(meeting)],
        ),
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def meeting_rsvp(request, token: str):
    """The one-click answer link of the e-mails: the signed token names the invitee, so no
    sign-in is needed for this page alone; the answer is still a POST (a mail scanner that
    opens the link answers nothing)."""
    invitee, problem = services.rsvp_invitee(token)
    if problem == "expired":
        return render(request, "meetings/rsvp_invalid.html", {"expired": True}, status=410)
    if invitee is None:
        return render(request, "meetings/rsvp_invalid.html", status=404)
    meeting = invitee.meeting

    def page(form, answered=None):
        return render(
            request,
            "meetings/rsvp.html",
            {
                "meeting": meeting,
                "invitee": invitee,
                "when": when(meeting),
                "form": form,
                "answered": answered,
                # Someone else's link, opened while signed in: say whose answer it records.
                "someone_else": request.user.is_authenticated
                and request.user.pk != invitee.person_id,
            },
        )

    return _answer(
        request,
        invitee,
        actor=None,
        success=lambda answered: page(None, answered),
        page=page,
    )
