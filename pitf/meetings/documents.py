"""Reading a meeting's documents: each with its versions (newest first), for whoever may see the
meeting (pitf.meetings.selectors.meeting_for decides that first)."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404

from pitf.meetings.models import DocumentVersion, Meeting, MeetingDocument


def documents_of(meeting: Meeting) -> list[MeetingDocument]:
    """The meeting's documents in the order they were added, each with `.all_versions` (newest
    first) and `.latest` and who added it (two queries whatever their number)."""
    documents = list(
        meeting.documents.select_related("added_by").prefetch_related(
            Prefetch(
                "versions",
                queryset=DocumentVersion.objects.select_related("uploaded_by").order_by("-number"),
                to_attr="all_versions",
            )
        )
    )
    for document in documents:
        document.latest = document.all_versions[0] if document.all_versions else None
    return documents


def document_of(meeting: Meeting, pk: int) -> MeetingDocument:
    """One of the meeting's documents; 404 for a document of another meeting."""
    document = MeetingDocument.objects.filter(meeting=meeting, pk=pk).first()
    if document is None:
        raise Http404("No such document.")
    return document


def version_of(meeting: Meeting, document_pk: int, number: int) -> DocumentVersion:
    """A version of one of the meeting's documents; 404 for anything else."""
    version = (
        DocumentVersion.objects.select_related("document")
        .filter(document__meeting=meeting, document_id=document_pk, number=number)
        .first()
    )
    if version is None:
        raise Http404("No such document.")
    return version
