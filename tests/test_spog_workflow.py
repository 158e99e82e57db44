"""The agency report's workflow table (spog.workflows.REPORT), tried as tests/test_workflows.py
tries the others: for each transition the table forbids from a state, a report is brought to
that state through the services, the transition is tried through its service and its page, and
nothing about the report changed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pitf.workflow import TransitionRefused
from spog import services
from spog.workflows import REPORT
from tests.spog_fixtures import dhs_report, objective, training
from tests.test_workflows import _refusal, cases, refused_through_url

pytestmark = pytest.mark.django_db


def report_in(state: str, people, opened, writer):
    report = dhs_report(opened)
    training(writer, report)
    office = people["chairs_office"]
    if state in ("submitted", "returned", "accepted"):
        services.report_submit(
            actor=people["representative"], report=report, expected_version=report.version
        )
        report.refresh_from_db()
    if state == "returned":
        services.report_return(
            actor=office, report=report, expected_version=report.version, comments="More."
        )
    if state == "accepted":
        services.report_accept(actor=office, report=report, expected_version=report.version)
    report.refresh_from_db()
    assert REPORT.state(report) == state
    return report


def snapshot(report):
    report.refresh_from_db()
    return (
        report.status,
        report.version,
        list(report.entries.values_list("pk", "title")),
        report.versions.count(),
        report.reviews.count(),
    )


def _review(decision: str):
    def service(report, people):
        decide = services.report_accept if decision == "accept" else services.report_return
        return decide(
            actor=people["chairs_office"],
            report=report,
            expected_version=report.version,
            comments="Noted.",
        )

    return (
        "chairs_office",
        service,
        lambda report, people: (
            reverse("spog:report-review", args=[report.pk]),
            {"decision": decision, "comments": "Noted.", "version": report.version},
        ),
    )


TRIES = {
    "edit": (
        "drafter",
        lambda report, people: training(people["drafter"], report, title="One more"),
        lambda report, people: (
            reverse("spog:entry-add", args=[report.pk]),
            {
                "category": "research",
                "title": "One more",
                "description": "A report.",
                "start_date": "2026-10-14",
                "items_published": "1",
                "objectives": [objective().pk],
            },
        ),
    ),
    "submit": (
        "representative",
        lambda report, people: services.report_submit(
            actor=people["representative"], report=report, expected_version=report.version
        ),
        lambda report, people: (
            reverse("spog:report-submit", args=[report.pk]),
            {"version": report.version},
        ),
    ),
    "return": _review("return"),
    "accept": _review("accept"),
}


@pytest.mark.parametrize("state, name", cases(REPORT))
def test_a_report_refuses_what_its_table_forbids(client, people, cycle, drafter, state, name):  # noqa: F811
    report = report_in(state, people, cycle, drafter)
    people = {**people, "drafter": drafter}
    before = snapshot(report)
    who, service, url = TRIES[name]
    with pytest.raises(TransitionRefused):
        service(report, people)
    assert snapshot(report) == before
    refused_through_url(
        client,
        people[who],
        *url(report, people),
        _refusal(REPORT, report, name),
    )
    assert snapshot(report) == before
