"""Roles are read from the data: designations, body roles, agency memberships, superuser."""

import datetime

import pytest

from pitf.roles import roles_of

pytestmark = pytest.mark.django_db


def test_each_person_has_the_role_the_data_gives(people):
    assert roles_of(people["staff"]).names == ["Agency staff"]
    assert roles_of(people["observer"]).names == ["Invited agency (observer)"]
    representative = roles_of(people["representative"])
    assert representative.names == ["Agency representative", "Agency staff"]
    assert representative.represents(people["representative"].agency_id)
    assert not representative.represents(people["staff"].agency_id)
    assert roles_of(people["chair"]).chair
    assert roles_of(people["chairs_office"]).chairs_office
    assert roles_of(people["site_admin"]).names[0] == "Site administrator"
    assert roles_of(None).names == []


def test_roles_follow_the_dates(people):
    before = datetime.date(2019, 12, 31)
    assert not roles_of(people["representative"], day=before).representative
    assert not roles_of(people["chair"], day=before).chair


def test_roles_cost_three_queries(people, django_assert_num_queries):
    with django_assert_num_queries(3):
        roles_of(people["representative"])
