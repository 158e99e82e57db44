"""The states of an agency's report in a reporting cycle, and what may happen from each
(pitf.workflow): its staff draft entries, its representative submits, the chair's office
accepts it or returns it with comments; a returned report is changed and submitted again."""

from __future__ import annotations

from pitf import workflow
from pitf.workflow import Workflow, transition
from spog.models import AgencyReport

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
