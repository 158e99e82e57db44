"""The states of a meeting and of a person's place on its list, and what may happen from each
(pitf.workflow): the services refuse what these tables do not allow and the meeting page asks
them the same question before it offers a button."""

from __future__ import annotations

from django.utils import timezone

from pitf import workflow
from pitf.meetings.models import ActionItem, AgendaItem, Invitee, Meeting, Minutes
from pitf.workflow import Workflow, transition

SCHEDULED, CANCELLED, OVER = Meeting.Status.SCHEDULED, Meeting.Status.CANCELLED, "over"
UNDER_WAY = "under_way"
# Not cancelled and not over: what could be done before a meeting can still be done while it
# is under way (a late answer, one more person on the list).
NOT_OVER = [SCHEDULED, UNDER_WAY]


def meeting_state(meeting: Meeting) -> str:
    if meeting.cancelled:
        return CANCELLED
    now = timezone.now()
    if meeting.ends_at <= now:
        return OVER
    return UNDER_WAY if meeting.starts_at <= now else SCHEDULED


_CANCELLED = "The meeting was cancelled; schedule a new one instead."
_OVER = "The meeting is over."

MEETING = workflow.register(
    Meeting,
    Workflow(
        name="meeting",
        states={
            SCHEDULED: "scheduled",
            UNDER_WAY: "under way",
            CANCELLED: "cancelled",
            OVER: "over",
        },
        state_of=meeting_state,
        transitions=(
            transition("reschedule", NOT_OVER, refusal={CANCELLED: _CANCELLED, OVER: _OVER}),
            transition(
                "cancel",
                NOT_OVER,
                CANCELLED,
                refusal={CANCELLED: "The meeting is already cancelled.", OVER: _OVER},
            ),
            # Put someone on the list by hand.
            transition(
                "invite",
                NOT_OVER,
                refusal={
                    CANCELLED: "The meeting is cancelled; nobody can be added to it.",
                    OVER: "The meeting is over; nobody can be added to it.",
                },
            ),
            transition(
                "take_off",
                NOT_OVER,
                refusal={
                    CANCELLED: "The meeting is cancelled; its list no longer changes.",
                    OVER: "The meeting is over; its list no longer changes.",
                },
            ),
            transition(
                "answer",
                NOT_OVER,
                refusal={
                    CANCELLED: "The meeting was cancelled; there is nothing to answer.",
                    OVER: "The meeting is over; answers are closed.",
                },
            ),
            # Who attended, for which agency: at or after the meeting.
            transition(
                "record_attendance",
                [UNDER_WAY, OVER],
                refusal={
                    SCHEDULED: "Attendance is recorded once the meeting has begun.",
                    CANCELLED: "The meeting was cancelled; nobody attended.",
                },
            ),
            # The agenda: its items added, changed, ordered and published by the chair's office.
            transition(
                "arrange_agenda",
                NOT_OVER,
                refusal={
                    CANCELLED: "The meeting was cancelled; its agenda no longer changes.",
                    OVER: "The meeting is over; its agenda no longer changes.",
                },
            ),
            # Agencies propose items before the meeting (and before the body's cut-off, which
            # the service checks against the clock).
            transition(
                "propose_item",
                [SCHEDULED],
                refusal={
                    UNDER_WAY: "The meeting has begun; proposals are closed.",
                    CANCELLED: "The meeting was cancelled; there is no agenda to add to.",
                    OVER: "The meeting is over; proposals are closed.",
                },
            ),
            # What the meeting decided and who is to do what: at or after the meeting.
            transition(
                "record_outcomes",
                [UNDER_WAY, OVER],
                refusal={
                    SCHEDULED: "Decisions and action items are recorded once the meeting has "
                    "begun.",
                    CANCELLED: "The meeting was cancelled; it decided nothing.",
                },
            ),
            # A read-ahead, a presentation, minutes' annexes: before, during and after.
            transition(
                "add_document",
                [SCHEDULED, UNDER_WAY, OVER],
                refusal={CANCELLED: "The meeting was cancelled; its documents no longer change."},
            ),
            transition(
                "remind",
                NOT_OVER,
                refusal={
                    CANCELLED: "The meeting is cancelled; there is nothing to remind of.",
                    OVER: _OVER,
                },
            ),
        ),
    ),
)

ON_LIST, REMOVED = "on_list", "removed"

INVITEE = workflow.register(
    Invitee,
    Workflow(
        name="invitee",
        states={ON_LIST: "on the list", REMOVED: "taken off the list"},
        state_of=lambda invitee: ON_LIST if invitee.on_list else REMOVED,
        field=None,
        transitions=(
            transition(
                "answer", [ON_LIST], refusal="You are no longer on the list of this meeting."
            ),
            transition("take_off", [ON_LIST], refusal="That person is not on the list."),
            # The chair's office adds them again.
            transition("invite_again", [REMOVED], refusal="They are already invited."),
        ),
    ),
)


PROPOSED, ACCEPTED = AgendaItem.Status.PROPOSED, AgendaItem.Status.ACCEPTED
DECLINED, MERGED, REMOVED = (
    AgendaItem.Status.DECLINED,
    AgendaItem.Status.MERGED,
    AgendaItem.Status.REMOVED,
)
_DECIDED = "The proposal was already decided."

AGENDA_ITEM = workflow.register(
    AgendaItem,
    Workflow(
        name="agenda item",
        states={
            PROPOSED: "proposed",
            ACCEPTED: "on the agenda",
            DECLINED: "declined",
            MERGED: "merged into another item",
            REMOVED: "taken off the agenda",
        },
        state_of=lambda item: item.status,
        transitions=(
            transition("accept", [PROPOSED], ACCEPTED, refusal=_DECIDED),
            transition("decline", [PROPOSED], DECLINED, refusal=_DECIDED),
            transition("merge", [PROPOSED], MERGED, refusal=_DECIDED),
            transition(
                "remove", [ACCEPTED], REMOVED, refusal="Only an item on the agenda is taken off."
            ),
            transition("move", [ACCEPTED], refusal="Only an item on the agenda is moved."),
            transition(
                "edit",
                [PROPOSED, ACCEPTED],
                refusal="The item is {state}; it no longer changes.",
            ),
        ),
    ),
)


A_OPEN, A_IN_PROGRESS = ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS
A_DONE, A_DROPPED = ActionItem.Status.DONE, ActionItem.Status.DROPPED
_CLOSED = "The action item is {state}; reopen it first."

ACTION_ITEM = workflow.register(
    ActionItem,
    Workflow(
        name="action item",
        states={
            A_OPEN: "open",
            A_IN_PROGRESS: "in progress",
            A_DONE: "done",
            A_DROPPED: "dropped",
        },
        state_of=lambda item: item.status,
        transitions=(
            transition("start", [A_OPEN], A_IN_PROGRESS, refusal="It is already {state}."),
            transition("finish", [A_OPEN, A_IN_PROGRESS], A_DONE, refusal=_CLOSED),
            transition("drop", [A_OPEN, A_IN_PROGRESS], A_DROPPED, refusal=_CLOSED),
            # A dated note on its progress, its status unchanged.
            transition("note", [A_OPEN, A_IN_PROGRESS], refusal=_CLOSED),
            transition("reopen", [A_DONE, A_DROPPED], A_OPEN, refusal="It is still {state}."),
        ),
    ),
)


M_DRAFT, M_CIRCULATED, M_APPROVED = (
    Minutes.Status.DRAFT,
    Minutes.Status.CIRCULATED,
    Minutes.Status.APPROVED,
)

MINUTES = workflow.register(
    Minutes,
    Workflow(
        name="minutes",
        states={
            M_DRAFT: "a draft",
            M_CIRCULATED: "circulated for concurrence",
            M_APPROVED: "approved",
        },
        state_of=lambda minutes: minutes.status,
        transitions=(
            transition(
                "edit",
                [M_DRAFT],
                refusal={
                    M_CIRCULATED: "The minutes are circulated for concurrence; withdraw the "
                    "circulation to change them.",
                    M_APPROVED: "The minutes are approved and locked; amend them, saying why.",
                },
            ),
            transition(
                "circulate",
                [M_DRAFT],
                M_CIRCULATED,
                refusal="The minutes are {state}; only a draft is circulated.",
            ),
            transition(
                "approve",
                [M_CIRCULATED],
                M_APPROVED,
                refusal={
                    M_DRAFT: "Circulate the draft to the agencies that attended first.",
                    M_APPROVED: "The minutes are already approved.",
                },
            ),
            transition(
                "amend",
                [M_APPROVED],
                M_DRAFT,
                refusal="Only approved minutes are amended; the minutes are {state}.",
            ),
        ),
    ),
)
