"""A meeting's agenda and approved minutes as the chair's office hands them out: PDF (WeasyPrint) and Word
(python-docx), the handling marking on every page, each item with its time, kind, presenter,
description and documents."""

from __future__ import annotations

from pitf.exports import docx_bytes, markdown_into_docx, marked_docx, marked_pdf
from pitf.meetings.models import Meeting
from pitf.meetings.models.records import PREDECISIONAL

# A meeting's agenda and records are deliberative until released.
MARKING = PREDECISIONAL


def _when(meeting: Meeting) -> str:
    start, end = meeting.local_start, meeting.local_end
    return f"{start:%A, %B %-d, %Y}, {start:%-I:%M %p} to {end:%-I:%M %p} {start.tzname()}" + (
        f"; {meeting.place}" if meeting.place else ""
    )


def agenda_docx(meeting: Meeting, items: list) -> bytes:
    document = marked_docx(
        title=f"Agenda: {meeting.title}", marking=MARKING, author=meeting.body.name
    )
    document.add_heading(f"Agenda: {meeting.title}", level=1)
    document.add_paragraph(f"{meeting.body.name}. {_when(meeting)}.")
    if not items:
        document.add_paragraph("The agenda has no items yet.")
    for item in items:
        document.add_heading(f"{item.number}. {item.title}", level=2)
        facts = [item.get_kind_display()]
        if item.starts:
            facts.insert(0, f"{item.starts:%-I:%M %p}")
        if item.minutes:
            facts.append(f"{item.minutes} minutes")
        if item.presented_by:
            facts.append(f"presented by {item.presented_by}")
        document.add_paragraph(", ".join(facts))
        if item.description:
            document.add_paragraph(item.description)
        for attached in item.documents_here:
            document.add_paragraph(f"Document: {attached.title}", style="List Bullet")
    return docx_bytes(document)


def agenda_pdf(meeting: Meeting, items: list) -> bytes:
    return marked_pdf(
        "meetings/agenda_pdf.html",
        {"meeting": meeting, "items": items, "when": _when(meeting)},
        marking=MARKING,
    )


def _approval(minutes) -> str:
    approved = minutes.approved_at
    who = minutes.approved_by
    return f"Approved {approved:%B %-d, %Y} by {who.full_name or who.email}" if approved else ""


def minutes_docx(meeting: Meeting, minutes) -> bytes:
    """The current version of the minutes as Word: its Markdown's headings, paragraphs and
    list items (markdown-it-py's tokens) as Word's headings, paragraphs and list styles."""
    document = marked_docx(
        title=f"Minutes: {meeting.title}", marking=MARKING, author=meeting.body.name
    )
    document.add_heading(f"Minutes: {meeting.title}", level=1)
    document.add_paragraph(f"{meeting.body.name}. {_when(meeting)}. {_approval(minutes)}.")
    markdown_into_docx(document, minutes.current.text)
    return docx_bytes(document)


def minutes_pdf(meeting: Meeting, minutes) -> bytes:
    from django.utils.safestring import mark_safe

    from pitf.meetings.minutes import rendered

    return marked_pdf(
        "meetings/minutes_pdf.html",
        {
            "meeting": meeting,
            "when": _when(meeting),
            "approval": _approval(minutes),
            "text": mark_safe(rendered(minutes.current.text)),  # noqa: S308  # nosec B308 B703
        },
        marking=MARKING,
    )
