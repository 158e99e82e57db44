"""The SPOG reporting tests' fixtures (registered in tests/conftest.py) and helpers: a clock in
FY 2027's second quarter, the shipped plan, the first quarter's cycle opened by the chair's
office, a DHS person who writes DHS's report, and a training entry."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from pitf.models import Agency
from pitf.workdays import EASTERN
from spog import services
from spog.models import AgencyReport, Category, Entry, Objective, ReportingCycle
from spog.reference import load_plans
from tests.factories import UserFactory

NOW = datetime.datetime(2027, 1, 4, 9, 0, tzinfo=EASTERN)  # FY 2027, second quarter


@pytest.fixture
def reporting_clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def plans(reference):
    load_plans()


@pytest.fixture
def cycle(people, plans, reporting_clock) -> ReportingCycle:
    return services.cycle_open(
        actor=people["chairs_office"],
        fiscal_year=2027,
        period="q1",
        due_date=datetime.date(2027, 1, 29),
        instructions="Report October to December.",
    )


def dhs_report(cycle) -> AgencyReport:
    return cycle.reports.get(agency__acronym="DHS")


@pytest.fixture
def drafter(people):
    return UserFactory(agency=Agency.objects.get(acronym="DHS"), full_name="Dana Drafter")


def objective(code: str = "1.2") -> Objective:
    priority, position = (int(part) for part in code.split("."))
    return Objective.objects.get(priority__position=priority, position=position)


def training(actor, report, **changes) -> Entry:
    values = {
        "category": Category.TRAINING,
        "title": "Victim identification for port officers",
        "description": "Two-day course at five ports of entry.",
        "start_date": datetime.date(2026, 10, 14),
        "end_date": datetime.date(2026, 11, 20),
        "people_trained": 240,
        "audience": "CBP officers",
        "objectives": [objective("1.2")],
    }
    values.update(changes)
    return services.entry_create(actor=actor, report=report, **values)
