"""A meeting's documents: the chair's office adds one (a PDF, Word, Excel or PowerPoint file,
checked by what it holds) with its handling marking, and adds versions; every version is kept."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from pitf.audit import log_event
from pitf.meetings.models import (
    AgendaItem,
    DocumentMarking,
    DocumentVersion,
    Meeting,
    MeetingDocument,
)
from pitf.meetings.models.records import document_path
from pitf.meetings.services.notices import _require_manages
from pitf.meetings.workflows import MEETING
from pitf.models import User
from pitf.uploads import DOCX, PDF, PPTX, XLSX, validate_upload

KINDS = (PDF, DOCX, XLSX, PPTX)


def document_limit() -> int:
    """The largest document accepted, in bytes (MEETINGS_DOCUMENT_MAX_BYTES; 25 MB)."""
    return getattr(settings, "MEETINGS_DOCUMENT_MAX_BYTES", 25 * 1024 * 1024)


def _checked(upload) -> str:
    try:
        return validate_upload(upload, kinds=KINDS, limit=document_limit(), noun="document")
    except ValidationError as refused:
        raise ValidationError({"upload": refused.messages}) from None


def _store(document: MeetingDocument, upload, name: str, *, actor: User, note: str):
    """The next version of the document, its file stored first and deleted again if the row
    cannot be saved (nothing would point at it)."""
    number = (document.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = DocumentVersion(
        document=document, number=number, name=name, size=upload.size, note=note.strip()
    )
    version.uploaded_by = actor
    version.file.save(document_path(version, upload.name), upload, save=False)
    try:
        version.save()
    except Exception:
        version.file.storage.delete(version.file.name)
        raise
    return version


def document_add(
    *,
    actor: User,
    meeting: Meeting,
    title: str,
    upload,
    marking: str = DocumentMarking.PREDECISIONAL,
    cui_category: str = "",
    agenda_item: AgendaItem | None = None,
) -> MeetingDocument:
    """Add a document to the meeting, as its first version (for one of its agenda items, if
    given)."""
    _require_manages(actor, meeting.body)
    name = _checked(upload)
    if marking == DocumentMarking.CUI and not cui_category.strip():
        raise ValidationError({"cui_category": "A CUI marking names its category."})
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": "Choose an item of this meeting's agenda."})
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        MEETING.require(meeting, "add_document")
        document = MeetingDocument.objects.create(
            agenda_item=agenda_item,
            meeting=meeting,
            title=title.strip() or name,
            marking=marking,
            cui_category=cui_category.strip() if marking == DocumentMarking.CUI else "",
            added_by=actor,
        )
        _store(document, upload, name, actor=actor, note="")
        log_event("meeting.document_added", actor=actor, target=meeting, document=document.title)
    return document


def document_version_add(
    *, actor: User, document: MeetingDocument, upload, note: str = ""
) -> DocumentVersion:
    """Add a new version of the document; the earlier ones stay downloadable."""
    meeting = document.meeting
    _require_manages(actor, meeting.body)
    name = _checked(upload)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        MEETING.require(meeting, "add_document")
        version = _store(document, upload, name, actor=actor, note=note)
        log_event(
            "meeting.document_version_added",
            actor=actor,
            target=meeting,
            document=document.title,
            version=version.number,
        )
    return version
