"""The states of a meeting and of a person's place on its list, and what may happen from each
(pitf.workflow): the services refuse what these tables do not allow and the meeting page asks
them the same question before it offers a button."""

from __future__ import annotations

from django.utils import timezone

from pitf import workflow
from pitf.meetings.models import Invitee, Meeting
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
