"""The states of a planned communication and what may happen from each (pitf.workflow): a draft
is changed and circulated for interagency clearance; its circulation's close clears it and a
withdrawal makes it a draft again; a cleared communication is published, with its link."""

from __future__ import annotations

from committees.models import Communication
from pitf import workflow
from pitf.workflow import Workflow, transition

DRAFT = Communication.Status.DRAFT
IN_CLEARANCE = Communication.Status.IN_CLEARANCE
CLEARED = Communication.Status.CLEARED
PUBLISHED = Communication.Status.PUBLISHED

COMMUNICATION = workflow.register(
    Communication,
    Workflow(
        name="communication",
        states={value: label.lower() for value, label in Communication.Status.choices},
        state_of=lambda communication: communication.status,
        transitions=(
            transition(
                "edit",
                [DRAFT, CLEARED],
                refusal="The communication is {state}; it changes as a draft or once cleared.",
            ),
            transition(
                "circulate",
                [DRAFT],
                IN_CLEARANCE,
                refusal="The communication is {state}; only a draft is circulated for clearance.",
            ),
            transition(
                "clear",
                [IN_CLEARANCE],
                CLEARED,
                refusal="The communication is {state}; it is cleared when its circulation closes.",
            ),
            transition(
                "return_to_draft",
                [IN_CLEARANCE],
                DRAFT,
                refusal="The communication is {state}; only one in clearance goes back to draft.",
            ),
            transition(
                "publish",
                [CLEARED],
                PUBLISHED,
                refusal="The communication is {state}; only a cleared one is published.",
            ),
        ),
    ),
)
