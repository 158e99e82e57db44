"""What a meeting decided and who is to do what: the chair's office records decisions and action
items at or after the meeting; the owning agency's people (and the chair's office) write dated
updates that move an item along (in progress, done, dropped with a reason, reopened); overdue
items are reminded to their owners once per overdue week, through the outbox."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from pitf import workdays
from pitf.audit import log_event
from pitf.concurrency import current_at, save_versioned
from pitf.formats import long_date
from pitf.meetings import selectors
from pitf.meetings.models import ActionItem, ActionUpdate, AgendaItem, Decision, Meeting
from pitf.meetings.services.carry import carry_over_from
from pitf.meetings.services.notices import _require_manages, meeting_link
from pitf.meetings.workflows import ACTION_ITEM, MEETING
from pitf.models import Agency, User
from pitf.notifications.services import Notice, notifications_send_many
from pitf.roles import roles_of

# What an update may do: the action item's transitions (pitf.meetings.workflows.ACTION_ITEM).
MOVES = {
    "note": "No change: a note on its progress",
    "start": "In progress",
    "finish": "Done",
    "drop": "Dropped (say why)",
    "reopen": "Reopen it",
}
OVERDUE_PERIOD_DAYS = 7


def _recording(actor: User, meeting: Meeting) -> Meeting:
    _require_manages(actor, meeting.body)
    MEETING.require(meeting, "record_outcomes")
    return meeting


def _of_meeting(agenda_item: AgendaItem | None, meeting: Meeting) -> None:
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": "Choose an item of this meeting's agenda."})


def decision_record(
    *, actor: User, meeting: Meeting, text: str, agenda_item: AgendaItem | None = None
) -> Decision:
    """A decision the meeting took, against one of its agenda items if given."""
    _recording(actor, meeting)
    _of_meeting(agenda_item, meeting)
    if not text.strip():
        raise ValidationError({"text": "Write the decision."})
    decision = Decision.objects.create(
        meeting=meeting, agenda_item=agenda_item, text=text.strip(), recorded_by=actor
    )
    log_event("meeting.decision_recorded", actor=actor, target=meeting, decision=decision.text)
    return decision


def action_item_add(
    *,
    actor: User,
    meeting: Meeting,
    title: str,
    owner_agency: Agency,
    due_date: datetime.date,
    owner: User | None = None,
    agenda_item: AgendaItem | None = None,
) -> ActionItem:
    """An action item of the meeting for an agency (and one of its people), due on or after
    the meeting's day."""
    _recording(actor, meeting)
    _of_meeting(agenda_item, meeting)
    errors = {}
    day = meeting.local_start.date()
    if due_date < day:
        errors["due_date"] = f"An action item is due on or after its meeting ({long_date(day)})."
    if owner is not None and owner.agency_id != owner_agency.pk:
        errors["owner"] = f"{owner} is not of {owner_agency.acronym}: choose one of its people."
    if not owner_agency.active:
        errors["owner_agency"] = f"{owner_agency.name} is no longer active."
    if errors:
        raise ValidationError(errors)
    item = ActionItem(
        meeting=meeting,
        agenda_item=agenda_item,
        title=title.strip(),
        owner_agency=owner_agency,
        owner=owner,
        due_date=due_date,
        next_reminder_on=due_date + datetime.timedelta(days=1),
        created_by=actor,
    )
    item.full_clean()
    with transaction.atomic():
        item.save()
        carry_over_from(meeting)  # onto the next meeting's draft agenda, if it is scheduled
        log_event("meeting.action_item_added", actor=actor, target=meeting, action_item=item.title)
    return item


def agenda_item_carry_over(*, actor: User, item: AgendaItem) -> AgendaItem:
    """Mark an item of the meeting's agenda to carry over (at or after the meeting): it goes
    on the draft agenda of the body's next meeting, now if that is scheduled, or when it is."""
    meeting = item.meeting
    _recording(actor, meeting)
    if item.status != AgendaItem.Status.ACCEPTED:
        raise ValidationError("Only an item that was on the agenda is carried over.")
    with transaction.atomic():
        AgendaItem.objects.filter(pk=item.pk).update(carry_over=True)
        item.carry_over = True
        carry_over_from(meeting)
        log_event("meeting.agenda_item_carried_over", actor=actor, target=meeting, item=item.title)
    return item


def may_update(actor: User, item: ActionItem) -> bool:
    """The owning agency's people and the body's chair's office write its updates."""
    if actor.agency_id is not None and actor.agency_id == item.owner_agency_id:
        return True
    return selectors.manages_meetings_of(roles_of(actor), item.meeting.body_id)


def action_item_update(
    *, actor: User, item: ActionItem, expected_version: int, move: str, note: str = ""
) -> ActionUpdate:
    """A dated update: a note, and what it does to the item (`move`, a transition of its
    workflow: "note" keeps its status; "start", "finish", "drop" with the reason, "reopen")."""
    if not may_update(actor, item):
        raise PermissionDenied(
            f"Only {item.owner_agency.acronym}'s people and the chair's office update it."
        )
    if move not in MOVES:
        raise ValidationError({"move": "Choose what the update does."})
    note = note.strip()
    with transaction.atomic():
        item = current_at(item, expected_version)
        fields = ACTION_ITEM.move(item, move)
        if move == "note" and not note:
            raise ValidationError({"note": "Write what happened."})
        if move == "drop":
            if not note:
                raise ValidationError({"note": "Say why it is dropped."})
            item.dropped_reason = note[:300]
            fields.append("dropped_reason")
        elif fields:
            item.dropped_reason = ""
            fields.append("dropped_reason")
        if fields:
            save_versioned(item, expected_version=expected_version, update_fields=fields)
        update = ActionUpdate.objects.create(
            action_item=item, status=item.status, note=note, written_by=actor
        )
        log_event(
            "meeting.action_item_updated",
            actor=actor,
            target=item.meeting,
            action_item=item.title,
            status=item.status,
        )
    return update


# Overdue reminders ---------------------------------------------------------------------------


def overdue_period(due_date: datetime.date, today: datetime.date) -> int:
    """0 until the day after the due date; then 1 for the first week past due, 2 the second..."""
    late = (today - due_date).days
    return 0 if late <= 0 else (late - 1) // OVERDUE_PERIOD_DAYS + 1


def action_items_remind_overdue(*, limit: int = 500) -> int:
    """Remind the owners of open action items past their due date, once per overdue week:
    rows are claimed with FOR UPDATE SKIP LOCKED, so two beats or workers never remind twice;
    each reminder is a notice with its period in its key. Returns how many were reminded."""
    today = workdays.today_in_washington()
    with transaction.atomic():
        rows = list(
            ActionItem.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(status__in=ActionItem.OPEN_STATUSES, next_reminder_on__lte=today)
            .select_related("owner", "owner_agency", "meeting__body")
            .order_by("next_reminder_on", "pk")[:limit]
        )
        notices = []
        designated = _designated_by_agency_and_body(rows)
        for item in rows:
            period = overdue_period(item.due_date, today)
            for address in _owners(item, designated):
                notices.append(
                    Notice(
                        kind="meeting.action_overdue",
                        recipient=address,
                        context={
                            "item": item,
                            "meeting": item.meeting,
                            "days_late": (today - item.due_date).days,
                            "link": _action_link(item),
                            "meeting_link": meeting_link(item.meeting),
                        },
                        about=item,
                        occasion=f"overdue-{period}",
                    )
                )
            item.next_reminder_on = item.due_date + datetime.timedelta(
                days=1 + OVERDUE_PERIOD_DAYS * period
            )
        # Each item's next reminder, a week on, in one statement for the batch.
        ActionItem.objects.bulk_update(rows, ["next_reminder_on"])
        if notices:
            notifications_send_many(notices)
    return len(rows)


def _designated_by_agency_and_body(items: list[ActionItem]) -> dict[tuple[int, int], list[str]]:
    """The active principals' and alternates' addresses today, by (agency, body), for the
    items without an active owner: one query for a whole batch."""
    from pitf.models import Designation

    wanted = {
        (item.owner_agency_id, item.meeting.body_id)
        for item in items
        if not (item.owner_id and item.owner.is_active)
    }
    found: dict[tuple[int, int], set[str]] = {}
    if wanted:
        rows = (
            Designation.objects.filter(
                agency_id__in={agency for agency, _ in wanted},
                body_id__in={body for _, body in wanted},
                person__is_active=True,
            )
            .current_on(workdays.today_in_washington())
            .values_list("agency_id", "body_id", "person__email")
        )
        for agency, body, email in rows:
            found.setdefault((agency, body), set()).add(email)
    return {key: sorted(emails) for key, emails in found.items()}


def _owners(item: ActionItem, designated: dict[tuple[int, int], list[str]]) -> list[str]:
    """Its owner; with none (or one no longer active), the owning agency's principals and
    alternates in the meeting's body today (`designated`, read once for the batch)."""
    if item.owner_id and item.owner.is_active:
        return [item.owner.email]
    return designated.get((item.owner_agency_id, item.meeting.body_id), [])


def _action_link(item: ActionItem) -> str:
    from pitf.links import page_link

    return page_link("meetings:action", item.pk)
