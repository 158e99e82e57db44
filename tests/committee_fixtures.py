"""The committees tests' fixtures (registered in tests/conftest.py): a clock on March 1, 2027,
and the FAR working group, sunsetting on April 15, 2027, with DHS and HHS as members."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from pitf.models import Agency, Body, BodyRole, Membership
from pitf.workdays import EASTERN
from tests.factories import BodyRoleFactory, DesignationFactory, UserFactory

NOW = datetime.datetime(2027, 3, 1, 9, 0, tzinfo=EASTERN)
START = datetime.date(2020, 1, 1)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def far(reference, clock):
    """The FAR working group, sunsetting on April 15, 2027, with DHS and HHS as members, a
    principal for each, a chair and a chair's office."""
    body = Body.objects.get(short_name="far-implementation")
    body.sunset = datetime.date(2027, 4, 15)
    body.save()
    agencies = {a.acronym: a for a in Agency.objects.filter(acronym__in=["DHS", "HHS", "DOJ"])}
    people = {}
    for acronym in ("DHS", "HHS"):
        Membership.objects.create(agency=agencies[acronym], body=body, start_date=START)
        people[acronym] = UserFactory(agency=agencies[acronym], full_name=f"{acronym} Principal")
        DesignationFactory(
            person=people[acronym], agency=agencies[acronym], body=body, start_date=START
        )
    people["office"] = UserFactory(agency=agencies["DOJ"], full_name="Fran Office")
    BodyRoleFactory(person=people["office"], body=body, start_date=START)
    people["chair"] = UserFactory(agency=agencies["DOJ"], full_name="Chris Chair")
    BodyRoleFactory(person=people["chair"], body=body, role=BodyRole.Role.CHAIR, start_date=START)
    people["outsider"] = UserFactory(agency=agencies["DOJ"], full_name="Olive Outsider")
    return body, agencies, people
