"""The consolidated comment matrix of a circulation, as the owner hands it on: the familiar
table (#, agency, section, comment, resolution) in CSV, DOCX (python-docx, landscape) and PDF
(WeasyPrint), each page carrying the document's handling marking in its header and footer."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from pitf.circulation.models import DEFAULT_MARKING, Circulation  # noqa: F401
from pitf.circulation.selectors import answers_of
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


def matrix(circulation: Circulation) -> list[Line]:
    """Every submitted comment, numbered, by agency (two queries)."""
    lines = []
    for recipient in answers_of(circulation):
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
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([marking_of(circulation)])
    writer.writerow(COLUMNS)
    for line in matrix(circulation):
        writer.writerow([spreadsheet_safe(cell) for cell in line.cells()])
    writer.writerow([marking_of(circulation)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # Excel reads UTF-8 with its mark


def as_docx(circulation: Circulation) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    marking = marking_of(circulation)
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for part in (section.header, section.footer):
        paragraph = part.paragraphs[0]
        paragraph.text = marking.upper()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.runs[0].bold = True
    document.add_heading(f"Comment matrix: {circulation.title}", level=1)
    document.add_paragraph(
        f"Circulated by {circulation.owner_agency.name} ({circulation.owner_agency.acronym}); "
        f"comments due {timezone.localtime(circulation.deadline_at):%B %-d, %Y, %-I:%M %p %Z}."
    )
    lines = matrix(circulation)
    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, COLUMNS, strict=True):
        cell.text = title
        cell.paragraphs[0].runs[0].bold = True
    for line in lines:
        for cell, value in zip(table.add_row().cells, line.cells(), strict=True):
            cell.text = value
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    if not lines:
        document.add_paragraph("No comments were submitted.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def as_pdf(circulation: Circulation) -> bytes:
    from weasyprint import HTML

    marking = marking_of(circulation)
    # The marking goes into the page's CSS as a string: drop or escape what would end it.
    css_marking = "".join(c for c in marking.upper() if c not in '<>\\"\n')
    html = render_to_string(
        "circulation/matrix_pdf.html",
        {
            "circulation": circulation,
            "marking": marking,
            "css_marking": css_marking,
            "lines": matrix(circulation),
        },
    )
    return HTML(string=html).write_pdf()
