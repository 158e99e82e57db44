"""The states of a grant solicitation and of a proposed award, and what may happen from each
(pitf.workflow). A document is the agency's draft, circulated for comment, closed for comment
(at its circulation's deadline), then posted or made, or withdrawn; it follows its circulation
by an explicit call of the circulation's service (grants.services.circulation_ended)."""

from __future__ import annotations

from grants.models import Award, GrantDocument, Solicitation
from pitf import workflow
from pitf.workflow import Workflow, transition

DRAFT = GrantDocument.DRAFT
CIRCULATED = GrantDocument.CIRCULATED
COMMENTS_CLOSED = GrantDocument.COMMENTS_CLOSED
WITHDRAWN = GrantDocument.WITHDRAWN


def document_workflow(model: type[GrantDocument]) -> Workflow:
    noun = model._meta.verbose_name
    final = model.FINAL
    changing = [DRAFT, CIRCULATED, COMMENTS_CLOSED]
    return Workflow(
        name=model._meta.model_name,
        states={value: label.lower() for value, label in model.Status.choices},
        state_of=lambda document: document.status,
        transitions=(
            # Change its fields (and a solicitation's draft NOFO).
            transition(
                "edit", changing, refusal=f"The {noun} is {{state}}; it no longer changes here."
            ),
            transition(
                "circulate",
                [DRAFT, COMMENTS_CLOSED],
                CIRCULATED,
                refusal=f"The {noun} is {{state}}; only a draft (or one whose comments closed) "
                "is circulated.",
            ),
            # Its circulation closed at the deadline.
            transition("comments_close", [CIRCULATED], COMMENTS_CLOSED),
            # Its circulation was withdrawn: a draft again, circulated again before it is
            # posted or made.
            transition("circulation_withdrawn", [CIRCULATED], DRAFT),
            transition(
                "finish",
                [COMMENTS_CLOSED],
                final,
                refusal=f"Only a {noun} whose comments have closed is {final.label.lower()}; "
                "it is {state}.",
            ),
            transition(
                "withdraw",
                changing,
                WITHDRAWN,
                refusal="It is {state}; it cannot be withdrawn here.",
            ),
        ),
    )


SOLICITATION = workflow.register(Solicitation, document_workflow(Solicitation))
AWARD = workflow.register(Award, document_workflow(Award))
