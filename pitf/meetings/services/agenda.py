"""A meeting's agenda: the chair's office adds, changes, orders and takes off items and decides
on the agencies' proposals (accepted, declined or merged into an item); agencies propose items
until the cut-off; publishing sends the agenda to every invitee once, and publishing again sends
what changed."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from pitf.audit import log_event
from pitf.concurrency import current_at, save_versioned
from pitf.meetings import agenda
from pitf.meetings.models import AgendaItem, Meeting
from pitf.meetings.services.notices import _context, _on_list, _require_manages
from pitf.meetings.workflows import AGENDA_ITEM, MEETING
from pitf.models import User
from pitf.notifications.services import Notice, notifications_send_many

FIELDS = ["title", "kind", "minutes", "presenter_agency", "presenter", "description"]


def _arranging(actor: User, meeting: Meeting) -> Meeting:
    """The meeting, locked while its agenda changes, if the actor manages it and it may."""
    _require_manages(actor, meeting.body)
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    MEETING.require(meeting, "arrange_agenda")
    return meeting


def _next_position(meeting: Meeting) -> int:
    last = meeting.agenda_items.filter(status=AgendaItem.Status.ACCEPTED).aggregate(
        last=Max("position")
    )["last"]
    return (last or 0) + 1


def _checked(item: AgendaItem) -> AgendaItem:
    item.title = item.title.strip()
    item.description = item.description.strip()
    item.full_clean(exclude=["meeting", "proposed_by", "merged_into", "decided_by"])
    return item


def agenda_item_add(*, actor: User, meeting: Meeting, **fields) -> AgendaItem:
    """Put an item on the agenda, last."""
    with transaction.atomic():
        meeting = _arranging(actor, meeting)
        item = _checked(
            AgendaItem(
                meeting=meeting,
                status=AgendaItem.Status.ACCEPTED,
                position=_next_position(meeting),
                proposed_by=actor,
                decided_by=actor,
                decided_at=timezone.now(),
                **{name: fields.get(name) for name in FIELDS if name in fields},
            )
        )
        item.save()
        log_event("meeting.agenda_item_added", actor=actor, target=meeting, item=item.title)
    return item


def agenda_item_propose(*, actor: User, meeting: Meeting, **fields) -> AgendaItem:
    """An agency's proposal, before the cut-off; the chair's office decides on it."""
    if actor.agency_id is None:
        raise PermissionDenied("Only a person of an agency proposes agenda items.")
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
        MEETING.require(meeting, "propose_item")
        cutoff = agenda.proposal_cutoff(meeting)
        if not agenda.proposals_open(meeting, cutoff):
            raise ValidationError(
                f"Proposals for this meeting closed on {agenda.cutoff_in_words(cutoff)}. "
                "Ask the chair's office to add the item.",
                code="cutoff",
            )
        item = _checked(
            AgendaItem(
                meeting=meeting,
                status=AgendaItem.Status.PROPOSED,
                proposed_by=actor,
                proposing_agency_id=actor.agency_id,
                **{name: fields.get(name) for name in FIELDS if name in fields},
            )
        )
        item.save()
        log_event("meeting.agenda_item_proposed", actor=actor, target=meeting, item=item.title)
    return item


def agenda_item_edit(
    *, actor: User, item: AgendaItem, expected_version: int, **fields
) -> AgendaItem:
    """Change an item on the agenda or a proposal (refused if someone changed it meanwhile)."""
    with transaction.atomic():
        _arranging(actor, item.meeting)
        item = current_at(item, expected_version)
        AGENDA_ITEM.require(item, "edit")
        for name in FIELDS:
            if name in fields:
                setattr(item, name, fields[name])
        save_versioned(_checked(item), expected_version=expected_version, update_fields=FIELDS)
    return item


def agenda_item_move(*, actor: User, item: AgendaItem, up: bool) -> AgendaItem:
    """Move an item one place up or down (the first stays first, the last stays last)."""
    with transaction.atomic():
        meeting = _arranging(actor, item.meeting)
        AGENDA_ITEM.require(item, "move")
        items = list(meeting.agenda_items.filter(status=AgendaItem.Status.ACCEPTED))
        at = next(i for i, row in enumerate(items) if row.pk == item.pk)
        other = at - 1 if up else at + 1
        if 0 <= other < len(items):
            items[at], items[other] = items[other], items[at]
        for position, row in enumerate(items, start=1):
            if row.position != position:
                AgendaItem.objects.filter(pk=row.pk).update(position=position)
        log_event(
            "meeting.agenda_item_moved",
            actor=actor,
            target=meeting,
            item=item.title,
            direction="up" if up else "down",
        )
    return item


DECISIONS = {"accept": "accept", "decline": "decline", "merge": "merge", "remove": "remove"}


def agenda_item_decide(
    *,
    actor: User,
    item: AgendaItem,
    decision: str,
    note: str = "",
    merged_into: AgendaItem | None = None,
) -> AgendaItem:
    """Accept a proposal (it goes last on the agenda), decline it (with the reason), merge it
    into an item on the agenda, or take an item off the agenda."""
    if decision not in DECISIONS:
        raise ValidationError({"decision": "Choose what to do with the item."})
    with transaction.atomic():
        meeting = _arranging(actor, item.meeting)
        item = AgendaItem.objects.select_for_update().get(pk=item.pk)
        changed = AGENDA_ITEM.move(item, decision)
        note = note.strip()
        if decision == "decline" and not note:
            raise ValidationError({"note": "Say why it is declined: the agency sees the reason."})
        if decision == "merge":
            if (
                merged_into is None
                or merged_into.meeting_id != meeting.pk
                or merged_into.status != AgendaItem.Status.ACCEPTED
            ):
                raise ValidationError({"merged_into": "Choose an item on this meeting's agenda."})
            item.merged_into = merged_into
        if decision == "accept":
            item.position = _next_position(meeting)
        item.decided_by, item.decided_at, item.decision_note = actor, timezone.now(), note
        item.save(
            update_fields=[
                *changed,
                "merged_into",
                "position",
                "decided_by",
                "decided_at",
                "decision_note",
            ]
        )
        log_event(
            f"meeting.agenda_item_{decision}",
            actor=actor,
            target=meeting,
            item=item.title,
            note=note,
        )
    return item


def agenda_publish(*, actor: User, meeting: Meeting) -> int:
    """Send the agenda to everyone on the list (each person once per publication) and keep it
    as published; publishing again sends what changed. Returns how many people it went to."""
    with transaction.atomic():
        meeting = _arranging(actor, meeting)
        items = agenda.agenda_of(meeting)
        if not items:
            raise ValidationError("The agenda has no items yet: add one first.")
        changes = agenda.unpublished_changes(meeting, items)
        if meeting.agenda_publications and not changes:
            raise ValidationError("Nothing changed since the agenda was last published.")
        lines = agenda.published_lines(items)
        number = meeting.agenda_publications + 1
        Meeting.objects.filter(pk=meeting.pk).update(
            agenda_published=lines,
            agenda_published_at=timezone.now(),
            agenda_publications=number,
        )
        meeting.agenda_published, meeting.agenda_publications = lines, number
        invitees = _on_list(meeting)
        notifications_send_many(
            [
                Notice(
                    kind="meeting.agenda",
                    recipient=invitee.person.email,
                    context=_context(
                        meeting,
                        invitee,
                        agenda=lines,
                        changes=changes if number > 1 else [],
                        agenda_link=_agenda_link(meeting),
                    ),
                    about=meeting,
                    occasion=f"agenda-{number}{invitee.occasion_suffix}",
                )
                for invitee in invitees
            ]
        )
        log_event(
            "meeting.agenda_published",
            actor=actor,
            target=meeting,
            publication=number,
            recipients=len(invitees),
        )
    return len(invitees)


def _agenda_link(meeting: Meeting) -> str:
    from pitf.links import page_link

    return page_link("meetings:agenda", meeting.pk)
