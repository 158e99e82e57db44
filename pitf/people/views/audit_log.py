"""The audit log's page: explicit events and field history together, filtered and paginated,
and the same filtered entries as a spreadsheet for an inspector."""

from __future__ import annotations

import csv

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from pitf.formats import spreadsheet_safe
from pitf.pages import filters
from pitf.people import selectors
from pitf.people.forms import (
    AuditFilterForm,
)

AUDIT_ROWS_PER_PAGE = 50
CSV_BATCH = 500


def _filters(request):
    form = AuditFilterForm(request.GET or None, actions=selectors.audit_actions())
    return form, filters(form)


@require_GET
def audit_log(request):
    """A page of entries, newest first, turned by "Newer" and "Older" links that carry the row
    a page ends at (no page numbers: counting a log of millions of entries is what made it
    slow)."""
    form, chosen = _filters(request)
    before = selectors.Cursor.parse(request.GET.get("before"))
    after = None if before else selectors.Cursor.parse(request.GET.get("after"))
    page = selectors.audit_log_page(size=AUDIT_ROWS_PER_PAGE, before=before, after=after, **chosen)
    return render(
        request,
        "people/audit_log.html",
        {
            "form": form,
            "newer": page.newer.token if page.newer else "",
            "older": page.older.token if page.older else "",
            "turned": bool(before or after),
            "rows": selectors.audit_rows(page.keys),
            "filtered": bool(chosen),
            "time_zone_name": f"Eastern Time ({timezone.get_current_timezone_name()})",
        },
    )


class _Echo:
    def write(self, value):
        return value


def _csv_lines(keys):
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(
        ["When", "Who", "Who's e-mail", "What", "Record type", "Record", "Details", "Address"]
    )
    keys = list(keys)
    for start in range(0, len(keys), CSV_BATCH):
        for row in selectors.audit_rows(keys[start : start + CSV_BATCH]):
            yield writer.writerow(
                [spreadsheet_safe(value) for value in selectors.audit_row_cells(row)]
            )


@require_GET
def audit_log_csv(request):
    """Every entry the filters select, newest first, with times in ISO 8601 and their offset."""
    _, chosen = _filters(request)
    keys = selectors.audit_log_keys(**chosen)
    response = StreamingHttpResponse(_csv_lines(keys), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    return response
