"""A meeting's documents: listed for whoever may see the meeting and downloaded through a view
that checks it first (404 to anyone else); added, with new versions, by its chair's office."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from pitf.meetings import documents, selectors, services
from pitf.meetings.forms.records import DocumentForm, DocumentVersionForm
from pitf.meetings.models import AgendaItem
from pitf.meetings.services.documents import document_limit
from pitf.meetings.views.layout import _crumbs, _managed_meeting, _meeting, when
from pitf.meetings.workflows import MEETING
from pitf.pages import FormPage, done, form_view, posted
from pitf.roles import request_roles
from pitf.uploads import content_type_of


def _limit_mb() -> int:
    return round(document_limit() / 1024 / 1024)


def _files(request):
    return request.FILES if request.method == "POST" else None


def _require_open(meeting) -> None:
    if not MEETING.can(meeting, "add_document"):
        raise Http404("The meeting was cancelled; its documents no longer change.")


def _documents_page(meeting, *, title: str, explanation=()) -> FormPage:
    return FormPage(
        title=title,
        crumbs=_crumbs(meeting.body, meeting),
        cancel_url=reverse("meetings:documents", args=[meeting.pk]),
        explanation=explanation,
    )


def meeting_documents(request, pk: int):
    meeting = _meeting(request, pk)
    manages = selectors.manages_meetings_of(request_roles(request), meeting.body_id)
    return render(
        request,
        "meetings/documents.html",
        {
            "meeting": meeting,
            "when": when(meeting),
            "crumbs": _crumbs(meeting.body, meeting),
            "documents": documents.documents_of(meeting),
            "may_add": manages and MEETING.can(meeting, "add_document"),
            "manages": manages,
        },
    )


@require_http_methods(["GET", "POST"])
def document_add(request, pk: int):
    meeting = _managed_meeting(request, pk)
    _require_open(meeting)
    return form_view(
        request,
        DocumentForm(
            posted(request),
            _files(request),
            limit_mb=_limit_mb(),
            agenda_items=meeting.agenda_items.filter(status=AgendaItem.Status.ACCEPTED),
        ),
        lambda form: services.document_add(
            actor=request.user,
            meeting=meeting,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["upload"],
            marking=form.cleaned_data["marking"],
            cui_category=form.cleaned_data["cui_category"],
            agenda_item=form.cleaned_data["agenda_item"],
        ),
        success=lambda document: done(
            request, f"“{document.title}” is added.", "meetings:documents", pk=meeting.pk
        ),
        page=_documents_page(
            meeting,
            title=f"Add a document to “{meeting.title}”",
            explanation=[
                "Everyone who may see the meeting may download it: its invitees and the "
                f"people of the {meeting.body.name}."
            ],
        ),
    )


@require_http_methods(["GET", "POST"])
def document_version_add(request, pk: int, document_pk: int):
    meeting = _managed_meeting(request, pk)
    _require_open(meeting)
    document = documents.document_of(meeting, document_pk)
    return form_view(
        request,
        DocumentVersionForm(posted(request), _files(request), limit_mb=_limit_mb()),
        lambda form: services.document_version_add(
            actor=request.user,
            document=document,
            upload=form.cleaned_data["upload"],
            note=form.cleaned_data["note"],
        ),
        success=lambda version: done(
            request,
            f"Version {version.number} of “{document.title}” is added.",
            "meetings:documents",
            pk=meeting.pk,
        ),
        page=_documents_page(
            meeting,
            title=f"A new version of “{document.title}”",
            explanation=["The earlier versions stay listed and downloadable."],
        ),
    )


def document_download(request, pk: int, document_pk: int, number: int):
    """A version of a document, to whoever may see the meeting (404 to anyone else)."""
    meeting = _meeting(request, pk)
    version = documents.version_of(meeting, document_pk, number)
    response = FileResponse(
        version.file.open("rb"),
        as_attachment=True,
        filename=version.name,
        content_type=content_type_of(version.file.name),
    )
    response["Cache-Control"] = "private, no-store"
    return response
