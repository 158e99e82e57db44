"""The grants lists' rows and cells, written in Python: a page of 25 documents is one string
joined here, not 150 template variables, filters and `{% url %}` tags (docs/performance.md).
The CSV reads the same values."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils.safestring import SafeString

from grants.models import PREDECISIONAL
from pitf import tables
from pitf.formats import long_date
from pitf.links import link_to


def value(document, path: str):
    """The value at an attribute path ("agency.acronym"); a method is called; "" past None."""
    found = document
    for part in path.split("."):
        found = getattr(found, part)
        if found is None:
            return ""
    return found() if callable(found) else found


def shown(found) -> str:
    """A cell as the list says it: "January 5, 2026", "$1,250,000.00"."""
    if isinstance(found, datetime.date):
        return long_date(found)
    if isinstance(found, Decimal):
        return f"${found:,.2f}"
    return str(found)


def marking(documents) -> str:
    """The marking of a set of documents: CUI if any of them is, with their categories;
    otherwise pre-decisional."""
    categories = sorted({d.cui_category for d in documents if d.marking == d.Marking.CUI})
    return f"CUI//{'/'.join(categories)}" if categories else PREDECISIONAL


def table_rows(kind, documents) -> SafeString:
    """The list's table body: each document's title linked to its page over its subtitle, then
    its cells (kind.list_columns)."""
    return tables.joined(
        tables.row(
            f"{tables.link(link_to(kind.url_detail, document.pk), document.title)}<br>"
            f'<span class="font-body-2xs">{tables.text(value(document, kind.subtitle))}</span>',
            (tables.text(shown(value(document, path))) for _, path in kind.list_columns),
            header_class="text-cell",
            cell_class="wraps",
        )
        for document in documents
    )
