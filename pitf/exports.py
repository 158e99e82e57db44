"""What every marked export shares: a Word document (python-docx) whose header and footer carry
the handling marking on every page, and a PDF (WeasyPrint) whose page boxes carry it, from a
template that puts `css_marking` into its @page rules."""

from __future__ import annotations

import io

from django.template.loader import render_to_string


def css_marking(marking: str) -> str:
    """The marking as it goes into a page's CSS string: upper case, without what would end
    the string or the rule."""
    return "".join(c for c in marking.upper() if c not in '<>\\"\n')


def marked_docx(*, title: str, marking: str, author: str, landscape: bool = False):
    """A new Word document: its properties (title, author, the marking as subject) and the
    marking, bold and centred, in the header and the footer of every page."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = Document()
    properties = document.core_properties
    properties.title = title
    properties.author = properties.last_modified_by = author
    properties.subject = marking
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    if marking:
        for part in (section.header, section.footer):
            paragraph = part.paragraphs[0]
            paragraph.text = marking.upper()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.runs[0].bold = True
    return document


def docx_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def marked_pdf(template: str, context: dict, *, marking: str) -> bytes:
    """The PDF of a template, given `marking` and `css_marking` for its page boxes."""
    from weasyprint import HTML

    html = render_to_string(
        template, {**context, "marking": marking, "css_marking": css_marking(marking)}
    )
    return HTML(string=html).write_pdf()
