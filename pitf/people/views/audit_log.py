"""The audit log's page: explicit events and field history together, filtered and paginated,
and the same filtered entries as a spreadsheet for an inspector."""

from __future__ import annotations

import csv
import hashlib
from html import escape

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET

from pitf import tables
from pitf.formats import spreadsheet_safe
from pitf.links import link_to
from pitf.pages import filters, kept_filter_form
from pitf.people import selectors
from pitf.people.forms import (
    AuditFilterForm,
)

AUDIT_ROWS_PER_PAGE = 50
CSV_BATCH = 500


def _filters(request):
    form = AuditFilterForm(request.GET or None, actions=selectors.audit_actions())
    return form, filters(form)


def _form_html(request, form):
    """The form of an unfiltered page (the newest entries or a turn of them) is the same for
    everyone until a new kind of entry appears: kept rendered under its actions."""
    actions = hashlib.sha256("\n".join(form.actions).encode()).hexdigest()[:16]
    return kept_filter_form(
        request,
        f"people:audit-log:filter:{actions}",
        lambda: AuditFilterForm(actions=form.actions),
        turning=("before", "after"),
    )


@require_GET
def audit_log(request):
    """A page of entries, newest first, turned by "Newer" and "Older" links that carry the row
    a page ends at (no page numbers: counting a log of millions of entries is what made it
    slow)."""
    form, chosen = _filters(request)
    before = selectors.Cursor.parse(request.GET.get("before"))
    after = None if before else selectors.Cursor.parse(request.GET.get("after"))
    page = selectors.audit_log_page(size=AUDIT_ROWS_PER_PAGE, before=before, after=after, **chosen)
    rows = selectors.audit_rows(page.keys)
    return render(
        request,
        "people/audit_log.html",
        {
            "form": form,
            "form_html": _form_html(request, form),
            "newer": page.newer.token if page.newer else "",
            "older": page.older.token if page.older else "",
            "turned": bool(before or after),
            "rows": rows,
            "entries": entries_html(rows),
            "filtered": bool(chosen),
            "time_zone_name": f"Eastern Time ({timezone.get_current_timezone_name()})",
        },
    )


def _capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def _who(row) -> str:
    if row.actor:
        name = escape(row.actor.full_name or row.actor.email)
        return f'{name}<br><span class="font-body-2xs">{escape(row.actor.email)}</span>'
    if row.by_system:
        return "The hub itself (a scheduled task or command)"
    return escape(row.actor_email) if row.actor_email else "Nobody signed in"


def _record(row) -> str:
    if not row.target_label:
        return "None"
    if row.target_is_person:
        return tables.link(link_to("people:user-detail", row.target_id), row.target_label)
    return escape(row.target_label)


def _change(row, change) -> str:
    before, after = escape(change.before), escape(change.after)
    if row.action == "Record created":
        said = after
    elif row.action == "Record deleted":
        said = f"was {before}"
    else:
        said = f"{before} → {after}"
    return f"<li><strong>{escape(_capfirst(change.field))}</strong>: {said}</li>"


def _particulars(row) -> str:
    if row.changes:
        items = "".join(_change(row, change) for change in row.changes)
    elif row.details:
        items = "".join(
            f"<li><strong>{escape(_capfirst(key))}</strong>: {escape(value)}</li>"
            for key, value in row.details
        )
    else:
        return ""
    return f'<ul class="usa-list usa-list--unstyled">{items}</ul>'


def entries_html(rows) -> SafeString:
    """The page's entries, each a table body of two rows (what happened; its changes or
    details and the address it came from), written in Python: fifty entries through the
    template's tags and filters were half the page's time (docs/performance.md)."""
    return tables.joined(
        '<tbody class="audit-entry"><tr>'
        f'<th scope="row"><time datetime="{row.at_iso}">{row.at_text}</time></th>'
        f"<td>{_who(row)}</td><td>{escape(row.action)}</td><td>{_record(row)}</td></tr>"
        f'<tr class="audit-entry__details"><td colspan="4">{_particulars(row)}'
        f'<span class="font-body-2xs">From address: {escape(row.ip_address or "not known")}'
        "</span></td></tr></tbody>"
        for row in rows
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
