"""Reading decisions and action items: a meeting's, a body's, a person's and their agency's,
and one action item for whoever may see it (the people who may see its meeting, and the
owning agency's people)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from pitf.meetings import selectors
from pitf.meetings.models import ActionItem, Decision, Meeting
from pitf.models import Body, User
from pitf.roles import Roles


def _listed() -> QuerySet[ActionItem]:
    return ActionItem.objects.select_related("owner_agency", "owner", "meeting__body")


def outcomes_of(meeting: Meeting) -> tuple[list[Decision], list[ActionItem]]:
    """The meeting's decisions and action items (two queries whatever their number)."""
    decisions = list(meeting.decisions.select_related("agenda_item"))
    items = list(
        meeting.action_items.select_related("owner_agency", "owner", "agenda_item").order_by(
            "due_date", "pk"
        )
    )
    return decisions, items


def action_item_for(*, user: User, roles: Roles, pk: int) -> ActionItem:
    """An action item the person may see: its meeting's people, and the owning agency's; 404
    for anyone else."""
    item = _listed().filter(pk=pk).first()
    if item is None:
        raise Http404("No such action item.")
    if user.agency_id is not None and user.agency_id == item.owner_agency_id:
        return item
    selectors.meeting_for(user=user, roles=roles, pk=item.meeting_id)  # 404 if not theirs
    return item


def open_actions_of(user: User, *, limit: int | None = 50) -> list[ActionItem]:
    """Open action items the person owns, then their agency's, soonest due first."""
    mine = Q(owner=user)
    if user.agency_id is not None:
        mine |= Q(owner_agency_id=user.agency_id)
    rows = _listed().filter(mine, status__in=ActionItem.OPEN_STATUSES).order_by("due_date", "pk")
    return list(rows[:limit] if limit else rows)


def actions_of_body(body: Body, *, only_open: bool = True) -> QuerySet[ActionItem]:
    """The action items of the body's meetings, soonest due first."""
    rows = _listed().filter(meeting__body=body).order_by("due_date", "pk")
    return rows.filter(status__in=ActionItem.OPEN_STATUSES) if only_open else rows


def actions_of_agency(agency_id: int, *, only_open: bool = True) -> QuerySet[ActionItem]:
    rows = _listed().filter(owner_agency_id=agency_id).order_by("due_date", "pk")
    return rows.filter(status__in=ActionItem.OPEN_STATUSES) if only_open else rows
