"""A directory that cannot contradict itself: a membership or designation stays within its
body's life (not before it was established, not past its sunset), and moving a body's dates is
refused while rows would fall outside them."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from pitf.directory import services
from pitf.models import Agency, Body, Designation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def working_group(people):
    """The Victim Services Working Group, established in 2014 with a sunset at the end of 2016."""
    group = Body.objects.get(short_name="victim-services")
    Body.objects.filter(pk=group.pk).update(established=D(2014, 1, 1), sunset=D(2016, 12, 31))
    group.refresh_from_db()
    return group


def test_a_membership_without_an_end_ends_with_the_group(people, working_group):
    dhs = Agency.objects.get(acronym="DHS")
    membership = services.membership_join(
        actor=people["site_admin"],
        agency=dhs,
        body=working_group,
        status="member",
        start_date=D(2015, 1, 1),
    )
    assert membership.end_date == D(2016, 12, 31)


def test_a_membership_or_designation_cannot_run_past_the_sunset(people, working_group):
    dhs = Agency.objects.get(acronym="DHS")
    with pytest.raises(ValidationError) as refused:
        services.membership_join(
            actor=people["site_admin"],
            agency=dhs,
            body=working_group,
            status="member",
            start_date=D(2015, 1, 1),
            end_date=D(2017, 6, 30),
        )
    assert "cannot run past that" in str(refused.value.message_dict["end_date"])
    membership = services.membership_join(
        actor=people["site_admin"],
        agency=dhs,
        body=working_group,
        status="member",
        start_date=D(2015, 1, 1),
    )
    with pytest.raises(ValidationError):
        services.membership_end(
            actor=people["site_admin"],
            membership=membership,
            expected_version=membership.version,
            end_date=D(2017, 1, 1),
        )
    person = UserFactory(agency=dhs)
    designation = services.designation_create(
        actor=people["site_admin"],
        person=person,
        agency=dhs,
        body=working_group,
        role="principal",
        start_date=D(2015, 2, 1),
    )
    assert designation.end_date == D(2016, 12, 31)
    with pytest.raises(ValidationError) as refused:
        services.designation_end(
            actor=people["site_admin"],
            designation=designation,
            expected_version=designation.version,
            end_date=D(2017, 3, 1),
        )
    assert "(its sunset date)" in str(refused.value.message_dict["end_date"])
    assert Designation.objects.get(pk=designation.pk).end_date == D(2016, 12, 31)


def edit(people, body, **changes):
    values = {
        "name": body.name,
        "chair_title": body.chair_title,
        "chair_agency": body.chair_agency,
        "cadence": body.cadence,
        "purpose": body.purpose,
        "charter": body.charter,
        "established": body.established,
        "sunset": body.sunset,
    } | changes
    return services.body_update(
        actor=people["site_admin"], body=body, expected_version=body.version, **values
    )


def test_moving_the_body_dates_is_refused_while_rows_fall_outside(people, working_group):
    dhs = Agency.objects.get(acronym="DHS")
    services.membership_join(
        actor=people["site_admin"],
        agency=dhs,
        body=working_group,
        status="member",
        start_date=D(2014, 6, 1),
        end_date=D(2016, 6, 30),
    )
    with pytest.raises(ValidationError) as refused:
        edit(people, working_group, established=D(2015, 1, 1))
    message = refused.value.message_dict["established"][0]
    assert (
        "would leave 1 membership of the Victim Services Working Group starting before" in message
    )
    with pytest.raises(ValidationError) as refused:
        edit(people, working_group, sunset=D(2016, 1, 31))
    assert (
        "running past January 31, 2016 or without an end" in refused.value.message_dict["sunset"][0]
    )
    unchanged = Body.objects.get(pk=working_group.pk)
    assert (unchanged.established, unchanged.sunset) == (D(2014, 1, 1), D(2016, 12, 31))
    # Dates that still hold every row are saved.
    edit(people, working_group, established=D(2014, 6, 1), sunset=D(2016, 6, 30))
    assert Body.objects.get(pk=working_group.pk).sunset == D(2016, 6, 30)


def test_a_sunset_is_refused_while_a_membership_is_open_ended(people):
    group = Body.objects.get(short_name="legislation")
    services.membership_join(
        actor=people["site_admin"],
        agency=Agency.objects.get(acronym="DHS"),
        body=group,
        status="member",
        start_date=D(2015, 1, 1),
    )
    with pytest.raises(ValidationError) as refused:
        edit(people, group, sunset=D(2030, 1, 1))
    assert (
        "1 membership of the Legislation Working Group running past"
        in refused.value.message_dict["sunset"][0]
    )


def test_the_body_page_names_who_holds_the_chair_and_its_office(client, people):
    client.force_login(people["staff"])
    grantmaking = Body.objects.get(short_name="grantmaking")
    page = client.get(f"/manage/bodies/{grantmaking.pk}/").content.decode()
    chair = people["chair"]
    assert f"<dt>Chair</dt><dd>{chair.full_name} ({chair.agency.acronym})" in page
    spog = Body.objects.get(short_name="spog")
    page = client.get(f"/manage/bodies/{spog.pk}/").content.decode()
    assert "<dt>Chair</dt><dd>No one holds the office in the hub today; the office: " in page
    assert f"<dt>Chair’s office</dt><dd>{people['chairs_office'].full_name}</dd>" in page


def create(people, **changes):
    values = {
        "kind": Body.Kind.WORKING_GROUP,
        "name": "Labor Trafficking Working Group",
        "short_name": "labor-wg",
        "parent": Body.objects.get(short_name="spog"),
        "established": D(2026, 1, 1),
        "sunset": D(2027, 12, 31),
    } | changes
    return services.body_create(actor=people["site_admin"], **values)


def test_a_working_group_has_a_sunset_and_a_committee_none(people):
    with pytest.raises(ValidationError) as refused:
        create(people, sunset=None)
    assert refused.value.message_dict["sunset"] == [
        "An ad hoc working group ends on a sunset date; give the date."
    ]
    with pytest.raises(ValidationError) as refused:
        create(people, kind=Body.Kind.STANDING_COMMITTEE)
    assert (
        "Only an ad hoc working group has a sunset date" in refused.value.message_dict["sunset"][0]
    )
    group = create(people)
    with pytest.raises(ValidationError) as refused:
        edit(people, group, sunset=None)
    assert "move it rather than clear it" in refused.value.message_dict["sunset"][0]
    assert not Body.objects.filter(short_name="labor-wg", sunset__isnull=True).exists()


def test_committees_and_working_groups_report_to_the_spog_or_the_task_force(people):
    with pytest.raises(ValidationError) as refused:
        create(people, parent=Body.objects.get(short_name="grantmaking"))
    assert (
        "reports to the SPOG (or the task force), not to the Grantmaking Committee"
        in (refused.value.message_dict["parent"][0])
    )
    assert create(people, parent=Body.objects.get(short_name="pitf")).parent.short_name == "pitf"
