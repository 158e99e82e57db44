"""A long list's table rows written in Python: the values escaped here, the markup the list's
own. A page of fifty rows through the template's tags and filters cost a list page half its
time at fifteen years; the same rows joined as strings cost about a tenth of that
(docs/performance.md)."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django.utils.safestring import SafeString, mark_safe


def text(value) -> str:
    """A value as escaped text; nothing for None."""
    return "" if value is None else escape(str(value))


def link(href: str, label) -> str:
    """A USWDS link to `href` (a path the hub built) reading `label`."""
    return f'<a class="usa-link" href="{escape(href)}">{text(label)}</a>'


def row(header: str, cells: Iterable[str], *, header_class: str = "", cell_class: str = "") -> str:
    """A table row: its header cell (HTML from `link` or `text`) and its cells (HTML)."""
    th = f'<th scope="row" class="{header_class}">' if header_class else '<th scope="row">'
    td = f'<td class="{cell_class}">' if cell_class else "<td>"
    body = "".join(f"{td}{cell}</td>" for cell in cells)
    return f"<tr>{th}{header}</th>{body}</tr>"


def joined(rows: Iterable[str]) -> SafeString:
    """The rows as the table's body, safe to put in a template as they are."""
    # Each row was written by the functions above, whose values are escaped.
    return mark_safe("\n".join(rows))  # noqa: S308  # nosec B308 B703
