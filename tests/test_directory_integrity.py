"""The directory's dates cannot be bent: something already ended cannot be ended again (an end
of 9999-12-31 on an ended membership gave one agency two overlapping memberships and broke the
history page for everyone), every date lies in 1900-2199, and the history and hand-over code
does not fail on any date the database can hold."""

import datetime

import pytest
from django.urls import reverse

from pitf.directory import selectors
from pitf.models import Agency, Body, Designation, Membership
from tests.factories import DesignationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def admin_client(client, people):
    client.force_login(people["site_admin"])
    return client


def test_an_ended_membership_cannot_be_ended_again(admin_client, people):
    spog = Body.objects.get(short_name="spog")
    dol = Agency.objects.get(acronym="DOL")
    Membership.objects.filter(agency=dol, body=spog).delete()
    ended = MembershipFactory(
        agency=dol, body=spog, start_date=D(2018, 1, 1), end_date=D(2019, 12, 31)
    )
    again = MembershipFactory(agency=dol, body=spog, start_date=D(2021, 1, 1))
    url = reverse("directory:membership-end", args=[ended.pk])
    response = admin_client.post(url, {"version": ended.version, "end_date": "2030-12-31"})
    assert response.status_code == 200
    assert "already ended on December 31, 2019" in response.content.decode()
    ended.refresh_from_db()
    assert ended.end_date == D(2019, 12, 31)
    assert (
        Membership.objects.filter(agency=dol, body=spog).overlapping(D(2021, 1, 1), None).get()
        == again
    )
    assert admin_client.get(reverse("directory:membership-history")).status_code == 200


def test_a_set_end_is_brought_forward_not_moved_later(admin_client, people):
    future = datetime.date.today() + datetime.timedelta(days=90)
    designation = DesignationFactory(
        person=UserFactory(agency=people["representative"].agency),
        agency=people["representative"].agency,
        body=Body.objects.get(short_name="grantmaking"),
        role="alternate",
        start_date=D(2024, 1, 1),
        end_date=future,
    )
    url = reverse("directory:designation-end", args=[designation.pk])
    later = admin_client.post(
        url,
        {
            "version": designation.version,
            "end_date": (future + datetime.timedelta(days=1)).isoformat(),
        },
    )
    assert "the end can be brought forward, not moved later" in later.content.decode()
    earlier = admin_client.post(
        url,
        {
            "version": designation.version,
            "end_date": (future - datetime.timedelta(days=30)).isoformat(),
        },
    )
    assert earlier.status_code == 302
    designation.refresh_from_db()
    assert designation.end_date == future - datetime.timedelta(days=30)


@pytest.mark.parametrize("typed", ["9999-12-31", "0202-01-01", "1899-12-31", "2200-01-01"])
def test_dates_outside_1900_to_2199_are_refused_with_a_message(admin_client, people, typed):
    spog = Body.objects.get(short_name="spog")
    agency = Agency.objects.get(acronym="DOL")
    Membership.objects.filter(agency=agency, body=spog).delete()
    response = admin_client.post(
        reverse("directory:membership-create", args=[spog.pk]),
        {"agency": agency.pk, "status": "member", "start_date": typed},
    )
    assert response.status_code == 200
    assert "Enter a date between 1 January 1900 and 31 December 2199." in response.content.decode()
    assert not Membership.objects.filter(agency=agency, body=spog).exists()
    audit = admin_client.get(reverse("people:audit-log"), {"date_to": typed})
    assert audit.status_code == 200
    assert "Enter a date between 1 January 1900 and 31 December 2199." in audit.content.decode()


def test_history_and_hand_over_survive_the_last_date_the_database_holds(admin_client, people):
    """Rows written before the range was enforced (or by hand in the database) with an end of
    9999-12-31: the history pages answer, and a hand-over is refused in words, not with an
    OverflowError."""
    spog = Body.objects.get(short_name="spog")
    Membership.objects.filter(agency=people["representative"].agency, body=spog).update(
        end_date=datetime.date.max
    )
    changes = selectors.membership_changes(body=spog)
    assert any(change.day == datetime.date.max for change in changes)
    assert admin_client.get(reverse("directory:membership-history")).status_code == 200
    principal = Designation.objects.get(person=people["representative"])
    Designation.objects.filter(pk=principal.pk).update(end_date=datetime.date.max)
    principal.refresh_from_db()
    successor = UserFactory(agency=principal.agency)
    response = admin_client.post(
        reverse("directory:designation-handover", args=[principal.pk]),
        {"version": principal.version, "successor": successor.pk, "start_date": "2026-01-05"},
    )
    # The successor would inherit an end outside the range: refused in words, nothing changed.
    assert response.status_code == 200
    assert "Enter a date between 1 January 1900 and 31 December 2199." in response.content.decode()
    principal.refresh_from_db()
    assert principal.end_date == datetime.date.max
    assert not Designation.objects.filter(person=successor).exists()
    assert admin_client.get(reverse("directory:designation-history")).status_code == 200
