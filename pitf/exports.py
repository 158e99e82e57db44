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


def markdown_into_docx(document, text: str, *, deepest: int = 4) -> None:
    """Add Markdown (CommonMark) to a Word document: its headings, paragraphs and list items
    (markdown-it-py's tokens) as Word's own heading, paragraph and list styles, headings no
    deeper than `deepest`."""
    from markdown_it import MarkdownIt

    heading, lists = 0, []
    for token in MarkdownIt("commonmark").parse(text):
        if token.type == "heading_open":
            heading = min(int(token.tag[1]), deepest)
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append("List Bullet" if token.type == "bullet_list_open" else "List Number")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "inline":
            words = "".join(child.content for child in token.children or [] if child.content)
            if heading:
                document.add_heading(words, level=heading)
                heading = 0
            elif lists:
                document.add_paragraph(words, style=lists[-1])
            else:
                document.add_paragraph(words)


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
