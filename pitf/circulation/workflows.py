"""The states of a circulation and of a recipient agency's answer, and what may happen from
each (pitf.workflow): the services refuse what these tables do not allow and the pages ask them
the same question."""

from __future__ import annotations

from django.utils import timezone

from pitf import workflow
from pitf.circulation.models import Circulation, Recipient
from pitf.workflow import Workflow, transition

OPEN, CLOSED, WITHDRAWN = (
    Circulation.Status.OPEN,
    Circulation.Status.CLOSED,
    Circulation.Status.WITHDRAWN,
)

CIRCULATION = workflow.register(
    Circulation,
    Workflow(
        name="circulation",
        states={OPEN: "open for comment", CLOSED: "closed", WITHDRAWN: "withdrawn"},
        state_of=lambda circulation: circulation.status,
        transitions=(
            transition(
                "extend", [OPEN], refusal="The circulation is {state}; it cannot be extended."
            ),
            transition(
                "withdraw",
                [OPEN],
                WITHDRAWN,
                refusal="The circulation is already {state}; it cannot be withdrawn.",
            ),
            # At the deadline (the beat).
            transition("close", [OPEN], CLOSED, refusal="The circulation is already {state}."),
        ),
    ),
)

# An agency's answer: drafted until submitted or the deadline, then final.
DRAFTING, SUBMITTED, FINAL, UNANSWERED = "drafting", "submitted", "final", "unanswered"
# The owner withdrew the circulation: nothing more happens to any answer.
ANSWER_WITHDRAWN = "withdrawn"

_CLOSED = (
    "The deadline has passed; comments are closed. Ask the owner agency to reopen your answer "
    "if you need to add one."
)
_SUBMITTED = "The answer was submitted; it is final unless the owner agency reopens it."
_WITHDRAWN = "The owner agency withdrew this circulation; it no longer takes comments or answers."
# Why a draft answer no longer changes, by the answer's state (comment and submit alike).
_NOT_DRAFTING = {
    SUBMITTED: _SUBMITTED,
    FINAL: _CLOSED,
    UNANSWERED: _CLOSED,
    ANSWER_WITHDRAWN: _WITHDRAWN,
}


def answer_state(recipient: Recipient) -> str:
    circulation = recipient.circulation
    if circulation.status == WITHDRAWN:
        return ANSWER_WITHDRAWN
    still_open = circulation.is_open and timezone.now() < circulation.deadline_at
    if still_open:
        return SUBMITTED if recipient.submitted else DRAFTING
    return FINAL if recipient.submitted else UNANSWERED


ANSWER = workflow.register(
    Recipient,
    Workflow(
        name="answer",
        states={
            DRAFTING: "being drafted",
            SUBMITTED: "submitted",
            FINAL: "final (comments closed)",
            UNANSWERED: "not submitted, and comments are closed",
            ANSWER_WITHDRAWN: "withdrawn with the circulation",
        },
        state_of=answer_state,
        field=None,
        transitions=(
            # Add, change or remove one of the agency's comments.
            transition(
                "comment",
                [DRAFTING],
                refusal=_NOT_DRAFTING,
            ),
            transition(
                "submit",
                [DRAFTING],
                refusal=_NOT_DRAFTING,
            ),
            transition(
                "reopen",
                [SUBMITTED],
                refusal={
                    DRAFTING: "That answer is not submitted; there is nothing to reopen.",
                    ANSWER_WITHDRAWN: _WITHDRAWN,
                    "": "Comments are closed; a submitted answer is final and is not reopened.",
                },
            ),
            # The owner resolves the comments of a submitted answer, before or after the close.
            transition(
                "resolve",
                [SUBMITTED, FINAL],
                refusal={
                    ANSWER_WITHDRAWN: _WITHDRAWN,
                    "": "The agency has not submitted this comment.",
                },
            ),
        ),
    ),
)
