"""The consolidated comment matrix of a circulation, as the owner hands it on: a complete
clearance record. The familiar table (#, agency, section, comment, resolution), then every agency
asked and its answer (comments, no comment, or none by the deadline), in CSV, DOCX (python-docx,
landscape) and PDF (WeasyPrint), each page carrying the document's handling marking in its header
and footer, and a CUI document's designation indicator (controlled by, category, point of
contact; 32 CFR 2002.20) on its first page."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.utils import timezone

from pitf.circulation.models import DEFAULT_MARKING, Circulation  # noqa: F401
from pitf.circulation.selectors import answers_of
from pitf.exports import docx_bytes, marked_docx, marked_pdf
from pitf.formats import spreadsheet_safe

COLUMNS = ["#", "Agency", "Section", "Kind", "Comment", "Resolution", "Reply"]


def marking_of(circulation: Circulation) -> str:
    """The document's handling marking ("Pre-decisional / Deliberative" unless it says
    otherwise, e.g. a CUI marking with its category)."""
    return circulation.handling.marking


@dataclass(frozen=True)
class Line:
    number: int
    agency: str
    section: str
    kind: str
    comment: str
    resolution: str
    reply: str

    def cells(self) -> list[str]:
        return [
            str(self.number),
            self.agency,
            self.section,
            self.kind,
            self.comment,
            self.resolution,
            self.reply,
        ]


ANSWER_COLUMNS = ["Agency", "Answer", "Submitted"]


@dataclass(frozen=True)
class AnswerLine:
    agency: str
    answer: str
    submitted: str

    def cells(self) -> list[str]:
        return [self.agency, self.answer, self.submitted]


@dataclass(frozen=True)
class Record:
    """What an export holds: the comments, every agency's answer, and the indicator lines of a
    controlled document."""

    lines: list[Line]
    answers: list[AnswerLine]
    indicator: list[str]


def _answer_line(circulation: Circulation, recipient) -> AnswerLine:
    name = recipient.agency.acronym
    if recipient.submitted:
        count = len(recipient.submitted_comments)
        answer = (
            f"Comments ({count})" if recipient.answer == recipient.Answer.COMMENTS else "No comment"
        )
        person = recipient.submitted_by
        when = timezone.localtime(recipient.submitted_at)
        by = person.full_name or person.email if person else ""
        return AnswerLine(name, answer, f"{when:%B %-d, %Y} by {by}")
    if circulation.status == circulation.Status.WITHDRAWN:
        return AnswerLine(name, "No answer (the circulation was withdrawn)", "")
    if circulation.is_open and timezone.now() < circulation.deadline_at:
        return AnswerLine(name, "Not answered yet", "")
    return AnswerLine(name, "No answer by the deadline", "")


def designation_indicator(circulation: Circulation) -> list[str]:
    """The CUI designation indicator of a controlled document (empty otherwise)."""
    handling = circulation.handling
    if not handling.controlled:
        return []
    contact = circulation.circulated_by
    return [
        f"Controlled by: {circulation.owner_agency.name}",
        f"CUI category: {handling.category}",
        f"POC: {contact.full_name or contact.email}, {contact.email}",
    ]


def record(circulation: Circulation) -> Record:
    """The comments, numbered, by agency, and every agency's answer (two queries)."""
    recipients = answers_of(circulation)
    return Record(
        lines=matrix(circulation, recipients),
        answers=[_answer_line(circulation, recipient) for recipient in recipients],
        indicator=designation_indicator(circulation),
    )


def file_stem(title: str, limit: int = 60) -> str:
    """The title as a file name: its words, cut at a word's end within `limit` characters."""
    from django.utils.text import slugify

    stem = slugify(title)
    if len(stem) > limit:
        stem = stem[: limit + 1].rsplit("-", 1)[0] if "-" in stem[:limit] else stem[:limit]
    return stem or "circulation"


def matrix(circulation: Circulation, recipients=None) -> list[Line]:
    """Every submitted comment, numbered, by agency (two queries)."""
    lines = []
    for recipient in answers_of(circulation) if recipients is None else recipients:
        for comment in recipient.submitted_comments:
            resolution = comment.get_resolution_display() if comment.resolution else "Not resolved"
            if comment.resolution_reason:
                resolution += f": {comment.resolution_reason}"
            lines.append(
                Line(
                    number=len(lines) + 1,
                    agency=recipient.agency.acronym,
                    section=comment.section,
                    kind=comment.get_kind_display(),
                    comment=comment.text,
                    resolution=resolution,
                    reply=comment.reply,
                )
            )
    return lines


def as_csv(circulation: Circulation) -> bytes:
    found = record(circulation)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([marking_of(circulation)])
    for line in found.indicator:
        writer.writerow([line])
    writer.writerow(COLUMNS)
    for line in found.lines:
        writer.writerow([spreadsheet_safe(cell) for cell in line.cells()])
    writer.writerow([])
    writer.writerow(ANSWER_COLUMNS)
    for answer in found.answers:
        writer.writerow([spreadsheet_safe(cell) for cell in answer.cells()])
    writer.writerow([marking_of(circulation)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # Excel reads UTF-8 with its mark


def as_docx(circulation: Circulation) -> bytes:
    from docx.shared import Pt

    marking = marking_of(circulation)
    found = record(circulation)
    title = f"Comment matrix: {circulation.title}"
    document = marked_docx(
        title=title, marking=marking, author=circulation.owner_agency.name, landscape=True
    )
    if found.indicator:
        document.add_paragraph("\n".join(found.indicator))
    document.add_heading(title, level=1)
    document.add_paragraph(
        f"Circulated by {circulation.owner_agency.name} ({circulation.owner_agency.acronym}); "
        f"comments due {timezone.localtime(circulation.deadline_at):%B %-d, %Y, %-I:%M %p %Z}."
    )

    def add_table(columns, rows):
        table = document.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        for cell, heading in zip(table.rows[0].cells, columns, strict=True):
            cell.text = heading
            cell.paragraphs[0].runs[0].bold = True
        for row in rows:
            for cell, value in zip(table.add_row().cells, row.cells(), strict=True):
                cell.text = value
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(9)

    if found.lines:
        add_table(COLUMNS, found.lines)
    else:
        document.add_paragraph("No comments were submitted.")
    document.add_heading("Answers by agency", level=2)
    add_table(ANSWER_COLUMNS, found.answers)
    return docx_bytes(document)


def as_pdf(circulation: Circulation) -> bytes:
    return marked_pdf(
        "circulation/matrix_pdf.html",
        {"circulation": circulation, "record": record(circulation)},
        marking=marking_of(circulation),
    )
