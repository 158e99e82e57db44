"""Writes of the trackers across agencies: the chair's office sets a tracker up (its title, its
participating agencies, its rows) and changes its rows; each participating agency's staff write
their own agency's column, one cell at a time, every change kept; a change made by someone else
since the cell was read is refused rather than overwritten."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from committees.access import require_keeper
from committees.models import Status, Tracker, TrackerCell, TrackerCellChange, TrackerRow
from pitf import workdays
from pitf.audit import log_event
from pitf.concurrency import EditConflict, current_at, save_versioned
from pitf.models import Body, User
from pitf.roles import acts_for
from pitf.uploads import DOCX, PDF, XLSX, validate_upload

EVIDENCE_KINDS = (PDF, DOCX, XLSX)
EVIDENCE_LIMIT = 25 * 1024 * 1024


def parse_rows(text: str) -> list[tuple[str, str]]:
    """Rows typed one per line, "reference | text" or the text alone."""
    rows = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        reference, bar, rest = line.partition("|")
        rows.append((reference.strip()[:60], rest.strip()) if bar else ("", line))
    return rows


def tracker_create(
    *, actor: User | None, body: Body, title: str, description: str = "", agencies=(), rows=()
) -> Tracker:
    """Set a tracker up; `rows` are (reference, text) pairs. `actor` None is the reference
    data's loader."""
    if actor is not None:
        require_keeper(actor, body)
    title = title.strip()
    if not title:
        raise ValidationError({"title": "Give the tracker a title."})
    if any(not text for _, text in rows):
        raise ValidationError({"rows": "Each row needs its text after the “|”."})
    with transaction.atomic():
        tracker = Tracker(body=body, title=title, description=description.strip(), created_by=actor)
        try:
            with transaction.atomic():
                tracker.save()
        except IntegrityError:
            raise ValidationError(
                {"title": f"The {body} already has a tracker named “{title}”."}
            ) from None
        tracker.agencies.set(agencies)
        TrackerRow.objects.bulk_create(
            TrackerRow(tracker=tracker, position=number, reference=reference, text=text)
            for number, (reference, text) in enumerate(rows, start=1)
        )
        if actor is not None:
            log_event("committees.tracker_created", actor=actor, target=tracker, rows=len(rows))
    return tracker


def tracker_change(
    *, actor: User, tracker: Tracker, expected_version: int, title: str, description: str, agencies
) -> Tracker:
    require_keeper(actor, tracker.body)
    with transaction.atomic():
        tracker = current_at(tracker, expected_version)
        tracker.title, tracker.description = title.strip(), description.strip()
        save_versioned(
            tracker, expected_version=expected_version, update_fields=["title", "description"]
        )
        tracker.agencies.set(agencies)
    return tracker


def rows_add(*, actor: User, tracker: Tracker, rows: list[tuple[str, str]]) -> list[TrackerRow]:
    require_keeper(actor, tracker.body)
    if not rows:
        raise ValidationError({"rows": "Write at least one row."})
    if any(not text for _, text in rows):
        raise ValidationError({"rows": "Each row needs its text after the “|”."})
    with transaction.atomic():
        Tracker.objects.select_for_update().get(pk=tracker.pk)
        last = tracker.rows.aggregate(last=Max("position"))["last"] or 0
        added = TrackerRow.objects.bulk_create(
            TrackerRow(tracker=tracker, position=last + number, reference=reference, text=text)
            for number, (reference, text) in enumerate(rows, start=1)
        )
        log_event("committees.tracker_rows_added", actor=actor, target=tracker, rows=len(rows))
    return added


def row_change(
    *, actor: User, row: TrackerRow, expected_version: int, reference: str, text: str
) -> TrackerRow:
    require_keeper(actor, row.tracker.body)
    if not text.strip():
        raise ValidationError({"text": "Write the row's text."})
    with transaction.atomic():
        row = current_at(row, expected_version)
        row.reference, row.text = reference.strip(), text.strip()
        save_versioned(row, expected_version=expected_version, update_fields=["reference", "text"])
    return row


def may_write_column(user, tracker: Tracker, agency_id: int) -> bool:
    """An agency's active staff write its own column, if it takes part in the tracker."""
    return acts_for(user, agency_id) and tracker.agencies.filter(pk=agency_id).exists()


def cell_write(
    *,
    actor: User,
    row: TrackerRow,
    agency,
    expected_version: int,
    status: str,
    reason: str = "",
    note: str = "",
    noted_on=None,
    evidence_link: str = "",
    evidence_upload=None,
) -> TrackerCell:
    """Write an agency's cell of a row (its own agency's only). `expected_version` is the
    cell's version as read (0 for a cell not written yet): a change since is refused."""
    if not may_write_column(actor, row.tracker, agency.pk):
        raise PermissionDenied("An agency writes its own column of a tracker only.")
    errors = {}
    if status not in Status.values:
        errors["status"] = "Choose a status."
    if status == Status.NOT_APPLICABLE and not reason.strip():
        errors["reason"] = "Say why the requirement does not apply to your agency."
    if noted_on and noted_on > workdays.today_in_washington():
        errors["noted_on"] = "The note is dated today or a past day."
    name = ""
    if evidence_upload is not None:
        try:
            name = validate_upload(
                evidence_upload, kinds=EVIDENCE_KINDS, limit=EVIDENCE_LIMIT, noun="evidence"
            )
        except ValidationError as refused:
            errors["evidence_upload"] = refused.messages
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        cell, created = TrackerCell.objects.select_for_update().get_or_create(
            row=row, agency=agency, defaults={"updated_by": actor, "version": 0}
        )
        if cell.version != expected_version:
            raise EditConflict(cell)
        cell.status = status
        cell.reason = reason.strip() if status == Status.NOT_APPLICABLE else ""
        cell.note = note.strip()
        cell.noted_on = noted_on or workdays.today_in_washington()
        cell.evidence_link = evidence_link.strip()
        if evidence_upload is not None:
            cell.evidence_file.save(evidence_upload.name, evidence_upload, save=False)
            cell.evidence_name = name
        cell.updated_by = actor
        cell.version += 1
        cell.save()
        TrackerCellChange.objects.create(
            cell=cell,
            status=cell.status,
            reason=cell.reason,
            note=cell.note,
            noted_on=cell.noted_on,
            evidence_link=cell.evidence_link,
            evidence_name=cell.evidence_name,
            changed_by=actor,
        )
    return cell
