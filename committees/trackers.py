"""Reads of the trackers across agencies: a tracker the person may see (its body's people), the
matrix of rows against agencies with each cell's status and the totals per row and per agency
(three queries, whatever the size), one cell with its history, and the matrix as CSV and XLSX."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils.safestring import SafeString

from committees.access import keeps, sees
from committees.models import Status, Tracker, TrackerCell, TrackerCellChange, TrackerRow
from pitf import tables
from pitf.formats import spreadsheet_safe
from pitf.models import Agency
from pitf.roles import Roles

SHORT = {
    Status.NOT_STARTED: "Not started",
    Status.IN_PROGRESS: "In progress",
    Status.IMPLEMENTED: "Implemented",
    Status.NOT_APPLICABLE: "N/A",
}


def tracker_for(user, roles: Roles, pk: int) -> Tracker:
    tracker = Tracker.objects.select_related("body").filter(pk=pk).first()
    if tracker is None or not sees(user, roles, tracker.body):
        raise Http404("No such tracker.")
    return tracker


def trackers_of(body) -> list[Tracker]:
    return list(Tracker.objects.filter(body=body).order_by("title"))


def column_for(user, roles: Roles, tracker: Tracker, agency_id: int) -> Agency:
    """A participating agency's column, for its own staff and the body's chair's office; 404 to
    anyone else (another agency's column is not theirs to read or write)."""
    agency = tracker.agencies.filter(pk=agency_id).first()
    if agency is None or not (keeps(roles, tracker.body) or user.agency_id == agency.pk):
        raise Http404("No such column.")
    return agency


@dataclass
class MatrixRow:
    row: TrackerRow
    cells: list  # (agency, status, cell id or None), in the agencies' order
    implemented: int = 0
    applicable: int = 0


@dataclass
class Matrix:
    tracker: Tracker
    agencies: list[Agency]
    rows: list[MatrixRow]
    per_agency: list[tuple[Agency, Counter]] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)


def matrix(tracker: Tracker, *, agency_ids=None, status: str = "", search: str = "") -> Matrix:
    """The tracker's rows against its agencies (those of `agency_ids` if given), each row with
    its count implemented out of those that apply, each agency with its count of each status;
    `status` keeps the rows where some agency shown is at it, `search` those whose reference or
    text holds it. Three queries."""
    agencies = list(tracker.agencies.order_by("acronym"))
    if agency_ids:
        agencies = [agency for agency in agencies if agency.pk in set(agency_ids)]
    shown = {agency.pk for agency in agencies}
    rows = list(tracker.rows.all())
    written = {
        (row_id, agency_id): (state, pk)
        for row_id, agency_id, state, pk in TrackerCell.objects.filter(
            row__tracker=tracker, agency_id__in=shown
        ).values_list("row_id", "agency_id", "status", "pk")
    }
    result = Matrix(tracker=tracker, agencies=agencies, rows=[])
    per_agency = {agency.pk: Counter() for agency in agencies}
    needle = search.strip().lower()
    for row in rows:
        line = MatrixRow(row=row, cells=[])
        for agency in agencies:
            state, pk = written.get((row.pk, agency.pk), (Status.NOT_STARTED, None))
            line.cells.append((agency, state, pk))
            per_agency[agency.pk][state] += 1
            result.statuses[state] += 1
            if state != Status.NOT_APPLICABLE:
                line.applicable += 1
            if state == Status.IMPLEMENTED:
                line.implemented += 1
        if needle and needle not in f"{row.reference} {row.text}".lower():
            continue
        if status and not any(state == status for _, state, _ in line.cells):
            continue
        result.rows.append(line)
    result.per_agency = [(agency, per_agency[agency.pk]) for agency in agencies]
    return result


def cell_of(tracker: Tracker, row_id: int, agency: Agency):
    """(row, cell or None, its history) of an agency's cell in a row of the tracker."""
    row = tracker.rows.filter(pk=row_id).first()
    if row is None:
        raise Http404("No such row.")
    cell = (
        TrackerCell.objects.filter(row=row, agency=agency)
        .prefetch_related(
            Prefetch("changes", TrackerCellChange.objects.select_related("changed_by"))
        )
        .first()
    )
    return row, cell, list(cell.changes.all()) if cell else []


def column(tracker: Tracker, agency: Agency) -> list[tuple[TrackerRow, TrackerCell | None]]:
    """An agency's column: each row with its cell (None when not written yet); two queries."""
    cells = {
        cell.row_id: cell
        for cell in TrackerCell.objects.filter(row__tracker=tracker, agency=agency)
    }
    return [(row, cells.get(row.pk)) for row in tracker.rows.all()]


def matrix_body(view: Matrix) -> SafeString:
    """The matrix's rows as HTML, written in Python (pitf.tables): 12,000 cells through the
    template's tags cost the page most of its time."""
    tracker = view.tracker.pk
    # One reverse() for every cell: the address with stand-ins for the row and the agency.
    cell_url = reverse("committees:tracker-cell", args=[tracker, 999999991, 999999992])
    before, after = cell_url.split("999999991")
    middle, end = after.split("999999992")
    lines = []
    for line in view.rows:
        row = line.row
        heading = (f"<strong>{tables.text(row.reference)}</strong> " if row.reference else "") + (
            f"{tables.text(row.text)} "
            f'<a class="usa-link" href="{reverse("committees:tracker-row-edit", args=[row.pk])}">'
            f'Change<span class="usa-sr-only"> row {row.position}</span></a>'
        )
        cells = [
            f'<a class="usa-link" href="{before}{row.pk}{middle}{agency.pk}{end}">'
            f"{SHORT[state]}</a>"
            for agency, state, _ in line.cells
        ]
        cells.append(f"{line.implemented} of {line.applicable}")
        lines.append(tables.row(heading, cells, header_class="wraps"))
    return tables.joined(lines)


def _table(view: Matrix) -> list[list]:
    header = ["Reference", "Requirement"] + [a.acronym for a in view.agencies]
    lines = [header + ["Implemented", "Apply"]]
    for line in view.rows:
        lines.append(
            [spreadsheet_safe(line.row.reference), spreadsheet_safe(line.row.text)]
            + [SHORT[state] for _, state, _ in line.cells]
            + [line.implemented, line.applicable]
        )
    for state in Status.values:
        lines.append(
            ["", f"Total {SHORT[state].lower()}"]
            + [counts[state] for _, counts in view.per_agency]
            + ["", ""]
        )
    return lines


def matrix_csv(view: Matrix) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows(_table(view))
    return out.getvalue()


def matrix_xlsx(view: Matrix) -> bytes:
    """The matrix on one sheet (frozen headers, totals below and to the right) and each written
    cell's note and evidence on a second."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    # Write-only: rows are streamed to the file, at a third of the time of a workbook in memory.
    book = Workbook(write_only=True)
    bold = Font(bold=True)

    def header(sheet, names):
        cells = []
        for name in names:
            cell = WriteOnlyCell(sheet, value=name)
            cell.font = bold
            cells.append(cell)
        sheet.append(cells)

    sheet = book.create_sheet("Matrix")
    sheet.freeze_panes = "C2"
    sheet.column_dimensions["B"].width = 60
    table = _table(view)
    header(sheet, table[0])
    for values in table[1:]:
        sheet.append(values)
    notes = book.create_sheet("Notes")
    notes.freeze_panes = "A2"
    header(notes, ["Reference", "Requirement", "Agency", "Status", "Reason", "Note", "Dated",
                   "Evidence link", "Evidence file"])  # fmt: skip
    labels = dict(Status.choices)
    cells = (
        TrackerCell.objects.filter(
            row__tracker=view.tracker, agency__in=[a.pk for a in view.agencies]
        )
        .order_by("row__position", "row__pk", "agency__acronym")
        .values_list(
            "row__reference",
            "row__text",
            "agency__acronym",
            "status",
            "reason",
            "note",
            "noted_on",
            "evidence_link",
            "evidence_name",
        )  # fmt: skip
    )
    for reference, text, acronym, state, reason, note, day, link, name in cells.iterator(
        chunk_size=2000
    ):
        notes.append(
            [
                spreadsheet_safe(reference),
                spreadsheet_safe(text),
                acronym,
                labels[state],
                spreadsheet_safe(reason),
                spreadsheet_safe(note),
                day,
                spreadsheet_safe(link),
                spreadsheet_safe(name),
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
