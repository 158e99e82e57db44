"""A body's offices on its page: site administrators appoint the chair and chair's office staff
with dates, end their terms, and the page keeps the history; a body has one chair at a time;
bad input is refused with a clear message and saves nothing; every change is audited. Who may
open these pages is in the permission matrix (docs/permissions.md)."""

import datetime
import html
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from pitf.directory import services
from pitf.models import AuditEvent, Body, BodyRole
from pitf.roles import roles_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def page_text(response) -> str:
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(text))


@pytest.fixture
def admin_client(client, people):
    client.force_login(people["site_admin"])
    return client


@pytest.fixture
def spog():
    return Body.objects.get(short_name="spog")


def appoint(client, body, person, role, start="2024-03-01", end=""):
    return client.post(
        reverse("directory:office-appoint", args=[body.pk]),
        {"person": person.pk, "role": role, "start_date": start, "end_date": end},
    )


def end_term(client, term, end):
    return client.post(
        reverse("directory:office-end", args=[term.pk]),
        {"version": term.version, "end_date": end},
    )


def test_a_site_administrator_appoints_a_chair_from_the_body_page(admin_client, people, spog):
    page = admin_client.get(reverse("directory:body-detail", args=[spog.pk]))
    appoint_url = reverse("directory:office-appoint", args=[spog.pk])
    assert f'href="{appoint_url}"' in page.content.decode()
    assert "Appoint a chair or chair’s office staff" in page_text(page)

    staff = people["staff"]
    response = appoint(admin_client, spog, staff, BodyRole.Role.CHAIR)
    assert response.status_code == 302
    page = admin_client.get(response["Location"])
    text = page_text(page)
    assert "Sam Staff is chair of the Senior Policy Operating Group from March 1, 2024." in text
    assert re.search(r"Chair Sam Staff \(HHS\)", text), text
    assert re.search(r"Sam Staff \(HHS\) Chair March 1, 2024 Ongoing", text), text
    term = BodyRole.objects.get(person=staff, body=spog)
    assert term.role == BodyRole.Role.CHAIR and term.start_date == D(2024, 3, 1)
    assert spog.pk in roles_of(staff).chair_of
    event = AuditEvent.objects.get(action="office.appointed")
    assert event.actor == people["site_admin"] and event.target_id == str(term.pk)
    assert event.target_label == (
        "Sam Staff, chair of the Senior Policy Operating Group, from March 1, 2024, ongoing"
    )
    assert event.data["role"] == "chair" and event.data["body"] == "spog"


def test_one_chair_at_a_time_and_the_history_keeps_each_term(admin_client, people, spog):
    first, second = people["staff"], people["observer"]
    appoint(admin_client, spog, first, BodyRole.Role.CHAIR, start="2021-01-04")
    response = appoint(admin_client, spog, second, BodyRole.Role.CHAIR, start="2024-03-01")
    assert response.status_code == 200
    assert (
        "The Senior Policy Operating Group has one chair at a time, and Sam Staff chairs it "
        "from January 4, 2021, ongoing. End that term first" in page_text(response)
    )
    assert not BodyRole.objects.filter(person=second).exists()

    term = BodyRole.objects.get(person=first, body=spog)
    response = end_term(admin_client, term, "2024-02-29")
    assert response.status_code == 302
    assert "Sam Staff's term as chair ends on February 29, 2024." in page_text(
        admin_client.get(response["Location"])
    )
    assert appoint(admin_client, spog, second, BodyRole.Role.CHAIR).status_code == 302
    text = page_text(admin_client.get(reverse("directory:body-detail", args=[spog.pk])))
    assert re.search(r"Chair Oakley Observer \(OBS\)", text), text
    earlier = text.split("Earlier terms of office", 1)[1]
    assert re.search(r"Sam Staff \(HHS\) Chair January 4, 2021 February 29, 2024", earlier)
    assert spog.pk not in roles_of(first).chair_of
    assert spog.pk in roles_of(second).chair_of
    assert list(
        AuditEvent.objects.filter(action__startswith="office.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["office.appointed", "office.ended", "office.appointed"]


def test_chairs_office_staff_many_at_once_but_a_person_once(admin_client, people, spog):
    # The people fixture's chair's office member is already there; a second joins.
    assert (
        appoint(admin_client, spog, people["staff"], BodyRole.Role.CHAIRS_OFFICE).status_code == 302
    )
    assert spog.pk in roles_of(people["staff"]).chairs_office_of
    response = appoint(
        admin_client, spog, people["staff"], BodyRole.Role.CHAIRS_OFFICE, "2025-01-01"
    )
    assert "Sam Staff is already in the chair's office of the Senior Policy Operating Group" in (
        page_text(response)
    )
    assert BodyRole.objects.filter(person=people["staff"]).count() == 1


@pytest.mark.parametrize(
    "change, field_message",
    [
        ({"start": "2024-03-01", "end": "2024-01-01"}, "The end date (January 1, 2024) is before"),
        ({"start": "2001-01-01"}, "was established on December 19, 2003; a term cannot start"),
        ({"start": "2024-02-30"}, "Enter a valid date"),
        ({"start": "9999-01-01"}, "Enter a date between"),
    ],
)
def test_bad_dates_are_refused_and_nothing_is_saved(
    admin_client, people, spog, change, field_message
):
    before = BodyRole.objects.count()
    response = appoint(admin_client, spog, people["staff"], BodyRole.Role.CHAIR, **change)
    assert response.status_code == 200
    assert field_message in page_text(response)
    assert BodyRole.objects.count() == before
    assert not AuditEvent.objects.filter(action="office.appointed").exists()


def test_a_deactivated_person_cannot_be_appointed(admin_client, people, spog):
    gone = UserFactory(agency=people["staff"].agency, full_name="Gone Person", is_active=False)
    response = appoint(admin_client, spog, gone, BodyRole.Role.CHAIR)
    assert response.status_code == 200
    assert "Gone Person's account is deactivated; reactivate it first." in page_text(response)
    assert not BodyRole.objects.filter(person=gone).exists()


def test_ending_a_term_twice_or_from_a_stale_form_is_refused(admin_client, people, spog):
    term = BodyRole.objects.get(person=people["chairs_office"], body=spog)
    stale = BodyRole.objects.get(pk=term.pk)
    assert end_term(admin_client, term, "2023-12-31").status_code == 302
    response = end_term(admin_client, stale, "2023-06-30")
    assert response.status_code == 200
    assert "changed" in page_text(response).lower()
    term.refresh_from_db()
    assert term.end_date == D(2023, 12, 31)
    response = end_term(admin_client, term, "2023-06-30")
    assert "This term already ended on December 31, 2023; it cannot be ended again." in page_text(
        response
    )
    assert spog.pk not in roles_of(people["chairs_office"]).chairs_office_of


@pytest.mark.parametrize("role", ["staff", "representative", "chair", "chairs_office"])
def test_only_a_site_administrator_appoints_in_the_service_too(people, spog, role):
    with pytest.raises(PermissionDenied):
        services.office_appoint(
            actor=people[role],
            person=people[role],
            body=spog,
            role="chair",
            start_date=D(2024, 3, 1),
        )
    term = BodyRole.objects.get(person=people["chairs_office"], body=spog)
    with pytest.raises(PermissionDenied):
        services.office_end(
            actor=people[role], office=term, expected_version=term.version, end_date=D(2024, 3, 1)
        )


def test_others_see_the_offices_without_the_buttons(client, people, spog):
    client.force_login(people["representative"])
    text = page_text(client.get(reverse("directory:body-detail", args=[spog.pk])))
    assert re.search(r"Casey Chairs-Office \(DOS\) Chair's office January 1, 2020 Ongoing", text)
    assert "Appoint a chair" not in text and "term as" not in text
