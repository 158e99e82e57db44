"""The agency report's and the TIP Report data call's workflow tables (spog.workflows), tried as
tests/test_workflows.py tries the others: for each transition a table forbids from a state, a
row is brought to that state through the services, the transition is tried through its service
and its page, and nothing about the row changed."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from pitf.workdays import EASTERN
from pitf.workflow import TransitionRefused
from spog import services
from spog.services import tip as tip_services
from spog.workflows import DATA_CALL, REPORT
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


# The TIP Report data call -------------------------------------------------------------------


def call_in(state: str, people):
    tip = tip_services
    call = tip.data_call_open(
        actor=people["chairs_office"], report_year=2031, deadline=datetime.date(2031, 2, 14)
    )
    section = call.sections.get(kind="prosecution")
    tip.section_assign(
        actor=people["chairs_office"],
        section=section,
        expected_version=section.version,
        lead=people["staff"].agency,
        agencies=[],
    )
    if state in ("closed", "circulated"):
        call = tip.data_call_close(
            actor=people["chairs_office"], call=call, expected_version=call.version
        )
    if state == "circulated":
        tip.data_call_circulate(
            actor=people["chairs_office"],
            call=call,
            expected_version=call.version,
            deadline=datetime.date(2031, 1, 17),
        )
    call.refresh_from_db()
    assert DATA_CALL.state(call) == state
    return call


def call_snapshot(call):
    from pitf.circulation.models import Circulation

    call.refresh_from_db()
    return (
        call.status,
        call.version,
        list(call.sections.values_list("contributions__text", flat=True)),
        Circulation.objects.count(),
    )


def _section(call):
    return call.sections.get(kind="prosecution")


CALL_TRIES = {
    "contribute": (
        "staff",
        lambda call, people: tip_services.contribution_save(
            actor=people["staff"], section=_section(call), text="Late text"
        ),
        lambda call, people: (
            reverse("spog:section-contribute", args=[_section(call).pk]),
            {"text": "Late text", "data": ""},
        ),
    ),
    "close": (
        "chairs_office",
        lambda call, people: tip_services.data_call_close(
            actor=people["chairs_office"], call=call, expected_version=call.version
        ),
        lambda call, people: (
            reverse("spog:datacall-close", args=[call.pk]),
            {"version": call.version},
        ),
    ),
    "circulate": (
        "chairs_office",
        lambda call, people: tip_services.data_call_circulate(
            actor=people["chairs_office"],
            call=call,
            expected_version=call.version,
            deadline=datetime.date(2031, 1, 24),
        ),
        lambda call, people: (
            reverse("spog:datacall-circulate", args=[call.pk]),
            {"version": call.version, "deadline": "2031-01-24"},
        ),
    ),
}


@pytest.mark.parametrize("state, name", cases(DATA_CALL))
def test_a_data_call_refuses_what_its_table_forbids(client, people, state, name):
    with time_machine.travel(datetime.datetime(2031, 1, 6, 9, 0, tzinfo=EASTERN), tick=False):
        call = call_in(state, people)
        before = call_snapshot(call)
        who, service, url = CALL_TRIES[name]
        with pytest.raises(TransitionRefused):
            service(call, people)
        assert call_snapshot(call) == before
        refused_through_url(
            client, people[who], *url(call, people), _refusal(DATA_CALL, call, name)
        )
        assert call_snapshot(call) == before
