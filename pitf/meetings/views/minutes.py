"""A meeting's minutes: read by whoever may see the meeting once circulated (the chair's office
also sees the draft); drafted, circulated, approved and amended by the chair's office; versions
compared; approved minutes downloaded as PDF and Word."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from pitf.forms import ConfirmForm
from pitf.meetings import selectors, services
from pitf.meetings.forms.minutes import AmendForm, CirculateMinutesForm, MinutesForm
from pitf.meetings.minutes import compared, minutes_of, rendered
from pitf.meetings.services import minutes as minutes_services
from pitf.meetings.views.layout import _crumbs, _managed_meeting, _meeting, when
from pitf.meetings.workflows import MEETING, MINUTES
from pitf.pages import FormPage, done, form_view, posted
from pitf.roles import request_roles


def _agencies(count: int) -> str:
    return f"{count} agenc{'y' if count == 1 else 'ies'}"


def _minutes_url(meeting) -> str:
    return reverse("meetings:minutes", args=[meeting.pk])


def _page(meeting, *, title: str, explanation=()) -> FormPage:
    return FormPage(
        title=title,
        crumbs=_crumbs(meeting.body, meeting),
        cancel_url=_minutes_url(meeting),
        explanation=explanation,
    )


def _managed_minutes(request, pk: int):
    meeting = _managed_meeting(request, pk)
    minutes = minutes_of(meeting)
    if minutes is None:
        raise Http404("The minutes are not drafted yet.")
    return meeting, minutes


def meeting_minutes(request, pk: int):
    meeting = _meeting(request, pk)
    manages = selectors.manages_meetings_of(request_roles(request), meeting.body_id)
    minutes = minutes_of(meeting)
    # A draft is the chair's office's own until circulated.
    shown = minutes is not None and (manages or minutes.status != minutes.Status.DRAFT)
    return render(
        request,
        "meetings/minutes.html",
        {
            "meeting": meeting,
            "when": when(meeting),
            "crumbs": _crumbs(meeting.body, meeting),
            "minutes": minutes if shown else None,
            "text": rendered(minutes.current.text) if shown and minutes.current else "",
            "manages": manages,
            "may_start": manages and minutes is None and MEETING.can(meeting, "record_outcomes"),
            "circulation": minutes_services.circulation_of(minutes) if shown else None,
            "unresolved": minutes_services.unresolved_comments(minutes) if shown and manages else 0,
        },
    )


@require_POST
def minutes_start(request, pk: int):
    meeting = _managed_meeting(request, pk)
    if not MEETING.can(meeting, "record_outcomes"):
        raise Http404("Minutes are drafted once the meeting has begun.")
    services.minutes_start(actor=request.user, meeting=meeting)
    return redirect(reverse("meetings:minutes-edit", args=[meeting.pk]))


def _with_preview(request, meeting, form, title: str):
    """The form's page, with the text as invitees will see it when "Preview" was chosen."""
    preview = ""
    if request.method == "POST" and "preview" in request.POST and form.is_valid():
        preview = rendered(form.cleaned_data["text"])
    return render(
        request,
        "meetings/minutes_form.html",
        {
            "meeting": meeting,
            "title": title,
            "form": form,
            "preview": preview,
            "crumbs": _crumbs(meeting.body, meeting),
            "cancel_url": _minutes_url(meeting),
        },
    )


def _text_view(request, meeting, form, *, title: str, save, said):
    """A page that writes the minutes' text: "Preview" shows it rendered beside the form and
    saves nothing; the submit button saves it through `save(form)` and says `said(version)`."""
    if "preview" in request.POST:
        return _with_preview(request, meeting, form, title)
    return form_view(
        request,
        form,
        save,
        success=lambda version: done(request, said(version), "meetings:minutes", pk=meeting.pk),
        page=lambda form: _with_preview(request, meeting, form, title),
    )


def _initial(minutes) -> dict:
    return {"text": minutes.current.text, "version": minutes.version}


@require_http_methods(["GET", "POST"])
def minutes_edit(request, pk: int):
    meeting, minutes = _managed_minutes(request, pk)
    if not MINUTES.can(minutes, "edit"):
        raise Http404("The minutes no longer change here.")
    return _text_view(
        request,
        meeting,
        MinutesForm(posted(request), initial=_initial(minutes)),
        title=f"Minutes of “{meeting.title}”",
        save=lambda form: services.minutes_save(
            actor=request.user,
            minutes=minutes,
            expected_version=form.cleaned_data["version"],
            text=form.cleaned_data["text"],
        ),
        said=lambda version: f"Version {version.number} is saved.",
    )


@require_http_methods(["GET", "POST"])
def minutes_amend(request, pk: int):
    meeting, minutes = _managed_minutes(request, pk)
    if not MINUTES.can(minutes, "amend"):
        raise Http404("Only approved minutes are amended.")
    return _text_view(
        request,
        meeting,
        AmendForm(posted(request), initial=_initial(minutes)),
        title=f"Amend the minutes of “{meeting.title}”",
        save=lambda form: services.minutes_amend(
            actor=request.user,
            minutes=minutes,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
            text=form.cleaned_data["text"],
        ),
        said=lambda version: (
            f"Version {version.number} is a draft again: circulate it for concurrence."
        ),
    )


@require_http_methods(["GET", "POST"])
def minutes_circulate(request, pk: int):
    meeting, minutes = _managed_minutes(request, pk)
    agencies = minutes_services.attending_agencies(meeting)
    return form_view(
        request,
        CirculateMinutesForm(posted(request), initial={"version": minutes.version}),
        lambda form: services.minutes_circulate(
            actor=request.user,
            minutes=minutes,
            expected_version=form.cleaned_data["version"],
            deadline=form.cleaned_data["deadline"],
        ),
        success=lambda found: done(
            request,
            f"The draft minutes are circulated to {_agencies(found.recipients.count())}.",
            "meetings:minutes",
            pk=meeting.pk,
        ),
        page=_page(
            meeting,
            title=f"Circulate the minutes of “{meeting.title}” for concurrence",
            explanation=[
                "They go to the agencies that attended (your own agency owns the circulation): "
                + (", ".join(a.acronym for a in agencies) or "none recorded yet")
                + ". Each concurs (answers “no comment”) or comments by the date you set."
            ],
        ),
    )


@require_http_methods(["GET", "POST"])
def minutes_approve(request, pk: int):
    meeting, minutes = _managed_minutes(request, pk)
    return form_view(
        request,
        ConfirmForm(posted(request), instance=minutes, submit_label="Approve the minutes"),
        lambda form: services.minutes_approve(
            actor=request.user, minutes=minutes, expected_version=form.cleaned_data["version"]
        ),
        success="The minutes are approved and locked.",
        page=_page(
            meeting,
            title=f"Approve the minutes of “{meeting.title}”",
            explanation=["Once approved they are locked: a change is an amendment that says why."],
        ),
    )


def minutes_diff(request, pk: int):
    meeting = _meeting(request, pk)
    manages = selectors.manages_meetings_of(request_roles(request), meeting.body_id)
    minutes = minutes_of(meeting)
    if minutes is None or not (manages or minutes.status != minutes.Status.DRAFT):
        raise Http404("No minutes to compare.")
    numbers = {v.number: v for v in minutes.all_versions}
    try:
        older = numbers[int(request.GET.get("from", ""))]
        newer = numbers[int(request.GET.get("to", ""))]
    except (KeyError, ValueError):
        raise Http404("No such versions.") from None
    return render(
        request,
        "meetings/minutes_diff.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "older": older,
            "newer": newer,
            "lines": compared(older, newer),
            "crumbs": _crumbs(meeting.body, meeting),
        },
    )


def _approved(request, pk: int):
    meeting = _meeting(request, pk)
    minutes = minutes_of(meeting)
    if minutes is None or minutes.status != minutes.Status.APPROVED:
        raise Http404("The minutes are not approved.")
    return meeting, minutes


def minutes_pdf(request, pk: int):
    from pitf.meetings import exports

    meeting, minutes = _approved(request, pk)
    return _file(exports.minutes_pdf(meeting, minutes), meeting, "pdf", "application/pdf")


def minutes_docx(request, pk: int):
    from pitf.meetings import exports

    meeting, minutes = _approved(request, pk)
    return _file(
        exports.minutes_docx(meeting, minutes),
        meeting,
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def _file(body: bytes, meeting, extension: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="minutes-{meeting.pk}.{extension}"'
    response["Cache-Control"] = "private, no-store"
    return response
