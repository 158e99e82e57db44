"""The states of a meeting and of a person's place on its list, and what may happen from each
(pitf.workflow): the services refuse what these tables do not allow and the meeting page asks
them the same question before it offers a button."""

from __future__ import annotations

from django.utils import timezone

from pitf import workflow
from pitf.meetings.models import Invitee, Meeting
from pitf.workflow import Workflow, transition

SCHEDULED, CANCELLED, OVER = Meeting.Status.SCHEDULED, Meeting.Status.CANCELLED, "over"


def meeting_state(meeting: Meeting) -> str:
    if meeting.cancelled:
        return CANCELLED
    return OVER if meeting.ends_at <= timezone.now() else SCHEDULED


_CANCELLED = "The meeting was cancelled; schedule a new one instead."
_OVER = "The meeting is over."

MEETING = workflow.register(
    Meeting,
    Workflow(
        name="meeting",
        states={SCHEDULED: "scheduled", CANCELLED: "cancelled", OVER: "over"},
        state_of=meeting_state,
        transitions=(
            transition("reschedule", [SCHEDULED], refusal={CANCELLED: _CANCELLED, OVER: _OVER}),
            transition(
                "cancel",
                [SCHEDULED],
                CANCELLED,
                refusal={CANCELLED: "The meeting is already cancelled.", OVER: _OVER},
            ),
            # Put someone on the list by hand.
            transition(
                "invite",
                [SCHEDULED],
                refusal={
                    CANCELLED: "The meeting is cancelled; nobody can be added to it.",
                    OVER: "The meeting is over; nobody can be added to it.",
                },
            ),
            transition(
                "take_off",
                [SCHEDULED],
                refusal={
                    CANCELLED: "The meeting is cancelled; its list no longer changes.",
                    OVER: "The meeting is over; its list no longer changes.",
                },
            ),
            transition(
                "answer",
                [SCHEDULED],
                refusal={
                    CANCELLED: "The meeting was cancelled; there is nothing to answer.",
                    OVER: "The meeting is over; answers are closed.",
                },
            ),
            transition(
                "remind",
                [SCHEDULED],
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
