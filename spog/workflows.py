"""The states of an agency's report in a reporting cycle and of a TIP Report data call, and what
may happen from each (pitf.workflow). A report: its staff draft entries, its representative
submits, the chair's office accepts it or returns it with comments; a returned report is changed
and submitted again. A data call: open for contributions, closed by the chair's office, then its
compiled draft circulated for review."""

from __future__ import annotations

from pitf import workflow
from pitf.workflow import Workflow, transition
from spog.models import AgencyReport, DataCall

DRAFT = AgencyReport.Status.DRAFT
SUBMITTED = AgencyReport.Status.SUBMITTED
RETURNED = AgencyReport.Status.RETURNED
ACCEPTED = AgencyReport.Status.ACCEPTED

REPORT = workflow.register(
    AgencyReport,
    Workflow(
        name="agency_report",
        states={value: label.lower() for value, label in AgencyReport.Status.choices},
        state_of=lambda report: report.status,
        transitions=(
            # Add, change, copy forward or take off its entries.
            transition(
                "edit",
                [DRAFT, RETURNED],
                refusal="The report is {state}; its entries change only while it is a draft "
                "or after it is returned.",
            ),
            transition(
                "submit",
                [DRAFT, RETURNED],
                SUBMITTED,
                refusal="The report is {state}; only a draft or a returned report is submitted.",
            ),
            transition(
                "return",
                [SUBMITTED],
                RETURNED,
                refusal="The report is {state}; only a submitted report is returned.",
            ),
            transition(
                "accept",
                [SUBMITTED],
                ACCEPTED,
                refusal="The report is {state}; only a submitted report is accepted.",
            ),
        ),
    ),
)

DATA_CALL = workflow.register(
    DataCall,
    Workflow(
        name="data_call",
        states={value: label.lower() for value, label in DataCall.Status.choices},
        state_of=lambda call: call.status,
        transitions=(
            # Agencies write their contributions; the chair's office assigns sections.
            transition(
                "contribute",
                [DataCall.Status.OPEN],
                refusal="The data call is {state}; contributions are no longer taken.",
            ),
            transition(
                "close",
                [DataCall.Status.OPEN],
                DataCall.Status.CLOSED,
                refusal="The data call is {state}; only an open call is closed.",
            ),
            transition(
                "circulate",
                [DataCall.Status.CLOSED],
                DataCall.Status.CIRCULATED,
                refusal="The data call is {state}; its compiled draft is circulated once the "
                "call is closed, and once.",
            ),
        ),
    ),
)
