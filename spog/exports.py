"""The portrait as PDF (WeasyPrint) and as Word (python-docx), each with the handling marking
on every page (pitf.exports), a table of contents, the entries by priority and objective, the
totals, and each chart with its data table. The Word document uses Word's own heading, list and
table styles, so the chair's office edits it as any other."""

from __future__ import annotations

import io
from collections.abc import Callable

from pitf.circulation.models import DEFAULT_MARKING
from pitf.exports import docx_bytes, marked_docx, marked_pdf
from spog.charts import portrait_charts
from spog.portrait import FIGURE_LABELS, Portrait

MARKING = DEFAULT_MARKING
TITLE = "Shared and individual agency accomplishments"


def _figures(entry) -> str:
    parts = []
    for name, label in FIGURE_LABELS.items():
        value = getattr(entry, name)
        if value is not None:
            parts.append(f"{label}: {value:,}")
    if entry.audience:
        parts.append(f"Audience: {entry.audience}")
    return "; ".join(parts)


def _agencies(entry) -> str:
    return ", ".join(
        [entry.report.agency.acronym, *(p.agency.acronym for p in entry.partners.all())]
    )


def portrait_pdf(portrait: Portrait, progress: Callable[[int], None] = lambda _: None) -> bytes:
    charts = portrait_charts(portrait)
    progress(40)
    pdf = marked_pdf(
        "spog/portrait_pdf.html",
        {
            "portrait": portrait,
            "title": TITLE,
            "charts": charts,
        },
        marking=MARKING,
    )
    progress(90)
    return pdf


def _toc(document) -> None:
    """A table of contents field over the headings, which Word fills in when the document is
    opened (it asks to update fields) or on F9."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = document.add_paragraph()
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = 'TOC \\o "1-3" \\h \\z \\u'
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "Right-click and choose Update Field to show the table of contents."
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instruction, separate, placeholder, end):
        run._r.append(element)
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def _table(document, header: list[str], rows: list[list]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = f"{value:,}" if isinstance(value, int) else str(value)


def _picture(document, chart) -> None:
    from docx.shared import Inches

    document.add_picture(io.BytesIO(chart.png), width=Inches(6.5))
    inline = document.inline_shapes[-1]._inline
    inline.docPr.set("descr", chart.alt)
    inline.docPr.set("title", chart.title)


def portrait_docx(portrait: Portrait, progress: Callable[[int], None] = lambda _: None) -> bytes:
    scope = portrait.scope
    document = marked_docx(
        title=f"{TITLE}, {scope.title}", marking=MARKING, author="Senior Policy Operating Group"
    )
    document.add_heading(f"{TITLE}, {scope.title}", level=0)
    document.add_paragraph(
        f"{portrait.entry_count:,} accomplishments of accepted agency reports, "
        f"{portrait.shared_count:,} of them shared by several agencies."
    )
    document.add_heading("Contents", level=1)
    _toc(document)
    document.add_heading("Totals", level=1)
    _table(
        document,
        ["Figure", "Total"],
        [[label, total] for label, total in portrait.total_rows],
    )
    charts = portrait_charts(portrait)
    progress(30)
    document.add_heading("Accomplishments by priority and objective", level=1)
    for block in portrait.priorities:
        document.add_heading(block.priority.name, level=2)
        for objective_block in block.objectives:
            objective = objective_block.objective
            document.add_heading(f"{objective.code} {objective.text}", level=3)
            if objective_block.shared:
                document.add_paragraph("Shared accomplishments", style="Heading 4")
                for entry in objective_block.shared:
                    _entry(document, entry, agencies=_agencies(entry))
            for group in objective_block.agencies:
                document.add_paragraph(group.agency.name, style="Heading 4")
                for entry in group.entries:
                    _entry(document, entry)
            if objective_block.also:
                document.add_paragraph(
                    "Also serving this objective: "
                    + "; ".join(
                        f"{e.title} ({e.report.agency.acronym}, under {e.first_objective.code})"
                        for e in objective_block.also
                    )
                    + "."
                )
    progress(70)
    document.add_heading("Charts and their data", level=1)
    for chart in charts:
        document.add_heading(chart.title, level=2)
        _picture(document, chart)
        if chart.title == "Entries by category":
            _table(
                document,
                ["Agency", *portrait.categories, "Total"],
                [[a, *counts, total] for a, counts, total in portrait.by_category_and_agency],
            )
        else:
            _table(document, ["", "Entries"], [[label, int(n)] for label, n in chart.bars])
    progress(90)
    return docx_bytes(document)


def _entry(document, entry, *, agencies: str = "") -> None:
    paragraph = document.add_paragraph(style="List Bullet")
    paragraph.add_run(entry.title).bold = True
    details = [entry.get_category_display()]
    if agencies:
        details.append(agencies)
    paragraph.add_run(f" ({'; '.join(details)}). {entry.description}")
    figures = _figures(entry)
    if figures:
        paragraph.add_run(f" {figures}.")
