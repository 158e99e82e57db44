"""Reads of the core: membership on a date, the public directory."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pitf import selectors
from pitf.models import Body, Membership
from tests.factories import AgencyFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def acronyms(agencies):
    return {agency.acronym for agency in agencies}


def test_spog_members_mid_2010_in_one_query(reference):
    spog = Body.objects.get(short_name="spog")
    with CaptureQueriesContext(connection) as queries:
        members = acronyms(selectors.agencies_in_body_on(body=spog, day=datetime.date(2010, 6, 30)))
    assert len(queries) == 1
    assert {"USDA", "EEOC", "DOI"} <= members
    assert "DOT" not in members
    assert {
        "DOS",
        "DOJ",
        "FBI",
        "DHS",
        "HHS",
        "DOL",
        "DOD",
        "ED",
        "USAID",
        "OMB",
        "ODNI",
    } <= members


def test_dot_is_a_member_from_2011(reference):
    spog = Body.objects.get(short_name="spog")
    assert "DOT" in acronyms(
        selectors.agencies_in_body_on(body=spog, day=datetime.date(2011, 6, 30))
    )
    before_2010 = acronyms(
        selectors.agencies_in_body_on(body=spog, day=datetime.date(2009, 12, 31))
    )
    assert not {"USDA", "EEOC", "DOI", "DOT"} & before_2010


def test_end_date_and_invited_status_are_respected():
    body = MembershipFactory().body
    left = MembershipFactory(body=body, end_date=datetime.date(2013, 6, 30))
    invited = MembershipFactory(body=body, status=Membership.Status.INVITED)
    day = datetime.date(2014, 1, 1)
    members = acronyms(selectors.agencies_in_body_on(body=body, day=day))
    assert left.agency.acronym not in members
    assert invited.agency.acronym not in members
    assert left.agency.acronym in acronyms(
        selectors.agencies_in_body_on(body=body, day=datetime.date(2013, 6, 30))
    )
    everyone = acronyms(selectors.agencies_in_body_on(body=body, day=day, status=None))
    assert invited.agency.acronym in everyone


def test_directory_lists_members_and_invited_but_not_former_or_inactive(reference):
    spog = Body.objects.get(short_name="spog")
    observer = MembershipFactory(body=spog, status=Membership.Status.INVITED).agency
    former = MembershipFactory(body=spog, end_date=datetime.date(2015, 1, 1)).agency
    inactive = MembershipFactory(body=spog, agency=AgencyFactory(active=False)).agency
    listed = {agency.acronym: agency for agency in selectors.public_directory()}
    assert observer.acronym in listed
    assert former.acronym not in listed
    assert inactive.acronym not in listed
    assert [m.status for m in listed[observer.acronym].current_memberships] == ["invited"]
    assert {m.body.short_name for m in listed["DOT"].current_memberships} == {"pitf", "spog"}


def test_directory_query_count_does_not_grow_with_agencies(reference):
    spog = Body.objects.get(short_name="spog")

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            for agency in selectors.public_directory():
                _ = agency.parent and agency.parent.name
                _ = [m.body.short_name for m in agency.current_memberships]
        return len(queries)

    small = count_queries()
    for _ in range(40):
        MembershipFactory(body=spog, agency=AgencyFactory(parent=AgencyFactory()))
    assert count_queries() == small == 2
