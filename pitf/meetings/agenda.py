"""Reading a meeting's agenda: the items on it in order, each with its start time (from the
meeting's start and the time allotted to the items before it) and its documents; the proposals;
when proposals close; and what changed since the agenda was last published."""

from __future__ import annotations

import datetime

from django.utils import timezone

from pitf.formats import long_date
from pitf.meetings.models import AgendaItem, BodyMeetingSettings, Meeting
from pitf.meetings.workflows import MEETING

DEFAULT_PROPOSAL_DAYS = BodyMeetingSettings._meta.get_field("proposal_days").default


def _items(meeting: Meeting):
    return meeting.agenda_items.select_related(
        "presenter", "presenter_agency", "carried_from__meeting"
    )


def agenda_of(meeting: Meeting, documents=()) -> list[AgendaItem]:
    """The items on the agenda in order (one query), each with `.number`, `.starts` (its local
    start time, while every item before it has a time allotted; None after) and `.documents_here`
    (those of `documents`, pitf.meetings.documents.documents_of, that are for it)."""
    items = list(_items(meeting).filter(status=AgendaItem.Status.ACCEPTED))
    by_item: dict[int, list] = {}
    for document in documents:
        by_item.setdefault(document.agenda_item_id, []).append(document)
    start: datetime.datetime | None = meeting.local_start
    for number, item in enumerate(items, start=1):
        item.number, item.starts = number, start
        item.documents_here = by_item.get(item.pk, [])
        start = start + datetime.timedelta(minutes=item.minutes) if start and item.minutes else None
    return items


def proposals_of(meeting: Meeting, *, agency_id: int | None = None) -> list[AgendaItem]:
    """What agencies proposed that is not (or no longer) on the agenda, newest first: all of
    them, or those of one agency."""
    rows = (
        _items(meeting)
        .exclude(status=AgendaItem.Status.ACCEPTED)
        .exclude(proposing_agency=None)
        .select_related("proposing_agency", "proposed_by", "merged_into")
        .order_by("-proposed_at", "-pk")
    )
    if agency_id is not None:
        rows = rows.filter(proposing_agency_id=agency_id)
    return list(rows)


def proposal_days(meeting: Meeting) -> int:
    row = BodyMeetingSettings.objects.filter(body_id=meeting.body_id).first()
    return row.proposal_days if row is not None else DEFAULT_PROPOSAL_DAYS


def proposal_cutoff(meeting: Meeting) -> datetime.datetime:
    """When agencies' proposals close: the body's number of days before the meeting, at the
    same wall-clock time in the meeting's zone."""
    local_start = meeting.starts_at.astimezone(meeting.zone)
    return local_start - datetime.timedelta(days=proposal_days(meeting))


def proposals_open(meeting: Meeting, cutoff: datetime.datetime | None = None) -> bool:
    cutoff = cutoff or proposal_cutoff(meeting)
    return MEETING.can(meeting, "propose_item") and timezone.now() < cutoff


def cutoff_in_words(cutoff: datetime.datetime) -> str:
    return f"{long_date(cutoff.date())}, {cutoff:%-I:%M %p} {cutoff.tzname()}"


# Publishing ---------------------------------------------------------------------------------


def published_lines(items: list[AgendaItem]) -> list[dict]:
    """The agenda as its notice shows it and as it is kept on the meeting when published."""
    return [
        {
            "id": item.pk,
            "title": item.title,
            "kind": item.get_kind_display(),
            "minutes": item.minutes,
            "presenter": item.presented_by,
            "description": item.description,
        }
        for item in items
    ]


_WHAT = {
    "kind": "now {after}",
    "minutes": "time allotted {before} → {after}",
    "presenter": "presented by {after}",
    "description": "description changed",
}


def _minutes(value) -> str:
    return f"{value} minutes" if value else "none"


def agenda_changes(before: list[dict], after: list[dict]) -> list[str]:
    """What changed between two published forms of the agenda, in words: items added, taken
    off, renamed or changed, and whether the order changed."""
    old = {line["id"]: line for line in before}
    new = {line["id"]: line for line in after}
    changes = [f"Added: “{line['title']}”" for line in after if line["id"] not in old]
    changes += [f"Taken off: “{line['title']}”" for line in before if line["id"] not in new]
    for line in after:
        was = old.get(line["id"])
        if was is None:
            continue
        said = []
        if was["title"] != line["title"]:
            said.append(f"renamed from “{was['title']}”")
        for key, words in _WHAT.items():
            if was.get(key) != line.get(key):
                values = {"before": was.get(key), "after": line.get(key) or "nobody"}
                if key == "minutes":
                    values = {"before": _minutes(was.get(key)), "after": _minutes(line.get(key))}
                if key == "kind":
                    values["after"] = values["after"].lower()
                said.append(words.format(**values))
        if said:
            changes.append(f"“{line['title']}”: {'; '.join(said)}")
    kept_old = [line["id"] for line in before if line["id"] in new]
    kept_new = [line["id"] for line in after if line["id"] in old]
    if kept_old != kept_new:
        changes.append("The order changed.")
    return changes


def unpublished_changes(meeting: Meeting, items: list[AgendaItem]) -> list[str]:
    """What changed since the agenda was last published (every item, if it never was)."""
    if not meeting.agenda_publications:
        return [f"Added: “{item.title}”" for item in items]
    return agenda_changes(meeting.agenda_published, published_lines(items))
