"""Designations in the directory pages: designate a person as principal or alternate of their
agency in a body, end a designation, hand one over in one step; every rule of the issue's
"bad input" list gets a clear message and saves nothing; a representative manages their own
agency's designations only; "who represented agency X in body Y on date D" is a page."""

import datetime
import html
import re

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pitf.directory import services
from pitf.models import Agency, AuditEvent, Body, Designation
from pitf.roles import roles_of
from tests.factories import AgencyFactory, DesignationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
HISTORY = reverse("directory:designation-history")
D = datetime.date


def signed_in(client, user):
    client.force_login(user)
    return client


def page_text(response) -> str:
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(text))


def body(short_name: str) -> Body:
    return Body.objects.get(short_name=short_name)


def agency(acronym: str) -> Agency:
    return Agency.objects.get(acronym=acronym)


def designate_url(target: Body) -> str:
    return reverse("directory:designation-create", args=[target.pk])


@pytest.fixture
def dhs_colleague(people):
    return UserFactory(agency=agency("DHS"), full_name="Dana Colleague", totp=False)


@pytest.fixture
def hhs_principal(people):
    """HHS's principal to the SPOG since 2020."""
    person = UserFactory(agency=agency("HHS"), full_name="Harper Principal", totp=False)
    return DesignationFactory(
        person=person, agency=agency("HHS"), body=body("spog"), start_date=D(2020, 1, 1)
    )


def designation_data(person, **changes) -> dict:
    return {
        "agency": person.agency_id,
        "person": person.pk,
        "role": Designation.Role.ALTERNATE,
        "start_date": "2024-03-01",
        "end_date": "",
        **changes,
    }


# Designating -------------------------------------------------------------------------------


def test_site_admin_designates_an_alternate_with_history_and_event(client, people, dhs_colleague):
    spog = body("spog")
    admin = people["site_admin"]
    response = signed_in(client, admin).post(designate_url(spog), designation_data(dhs_colleague))
    assert response.status_code == 302
    designation = Designation.objects.get(person=dhs_colleague)
    assert (designation.agency, designation.body, designation.role) == (
        agency("DHS"),
        spog,
        Designation.Role.ALTERNATE,
    )
    assert LogEntry.objects.get_for_object(designation).get().actor == admin
    event = AuditEvent.objects.get(action="designation.made")
    assert event.actor == admin and event.data["role"] == "alternate"
    assert roles_of(dhs_colleague).represents(agency("DHS").pk)
    page = page_text(client.get(response["Location"]))
    assert "Dana Colleague represents DHS in the Senior Policy Operating Group as alternate" in page


def test_the_form_offers_member_agencies_and_their_people(client, people, dhs_colleague):
    form = signed_in(client, people["site_admin"]).get(designate_url(body("grantmaking")))
    agencies = {v for v, _ in form.context["form"].fields["agency"].widget.choices if v}
    assert agencies == set()  # nobody belongs to the Grantmaking Committee yet
    MembershipFactory(agency=agency("DHS"), body=body("grantmaking"))
    form = client.get(designate_url(body("grantmaking"))).context["form"]
    assert {v for v, _ in form.fields["agency"].widget.choices if v} == {agency("DHS").pk}
    people_offered = {label for v, label in form.fields["person"].widget.choices if v}
    assert any("Dana Colleague" in label and "DHS" in label for label in people_offered)


def test_the_form_offers_only_the_chosen_agencys_staff(client, people, dhs_colleague):
    """With one agency to choose from, or one posted, the people offered are its staff alone,
    each option naming its agency for the page's script to filter by."""
    MembershipFactory(agency=agency("DHS"), body=body("grantmaking"))
    UserFactory(agency=agency("DOJ"), full_name="Jordan Justice")
    form = signed_in(client, people["site_admin"]).get(designate_url(body("grantmaking")))
    offered = {label for v, label in form.context["form"].fields["person"].widget.choices if v}
    assert offered and all(label.endswith(", DHS)") for label in offered)
    response = client.post(designate_url(body("spog")), {"agency": agency("DHS").pk})
    offered = {label for v, label in response.context["form"].fields["person"].widget.choices if v}
    assert any("Dana Colleague" in label for label in offered)
    assert not any("Jordan Justice" in label for label in offered)
    page = client.get(designate_url(body("spog"))).content.decode()
    assert f'data-agency="{agency("DOJ").pk}"' in page and 'data-staff-of="agency"' in page


@pytest.mark.parametrize(
    ("case", "field", "message"),
    [
        (
            "end before start",
            "end_date",
            "The end date (February 1, 2024) is before the start date (March 1, 2024).",
        ),
        (
            "second principal",
            "role",
            "DHS already has a principal in the Senior Policy Operating Group at these dates: "
            "Riley Representative (from January 1, 2020, ongoing).",
        ),
        (
            "person already designated",
            "person",
            "Riley Representative is already designated in the Senior Policy Operating Group at "
            "these dates (principal for DHS, from January 1, 2020, ongoing)",
        ),
        (
            "another agency's person",
            "person",
            "Sam Staff is staff of HHS, not of DHS: a person represents their own agency only.",
        ),
        (
            "agency not in body on that date",
            "start_date",
            "DHS does not belong to the Grantmaking Committee on March 1, 2024",
        ),
        (
            "before the agency joined",
            "start_date",
            "DOT does not belong to the Senior Policy Operating Group on December 31, 2010",
        ),
        ("deactivated person", "person", "Dana Colleague's account is deactivated"),
    ],
)
def test_bad_designations_are_explained_and_save_nothing(
    client, people, dhs_colleague, case, field, message
):
    target = body("spog")
    data = designation_data(dhs_colleague)
    if case == "end before start":
        data["end_date"] = "2024-02-01"
    elif case == "second principal":
        data["role"] = Designation.Role.PRINCIPAL
    elif case == "person already designated":
        data = designation_data(people["representative"])
    elif case == "another agency's person":
        data["person"] = people["staff"].pk
    elif case == "agency not in body on that date":
        target = body("grantmaking")
    elif case == "before the agency joined":
        dot_person = UserFactory(agency=agency("DOT"), totp=False)
        data = designation_data(dot_person, start_date="2010-12-31")
    elif case == "deactivated person":
        dhs_colleague.is_active = False
        dhs_colleague.save()
    before = Designation.objects.count()
    response = signed_in(client, people["site_admin"]).post(designate_url(target), data)
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field]), (
        response.context["form"].errors
    )
    assert message in page_text(response)
    assert Designation.objects.count() == before
    assert not AuditEvent.objects.filter(action="designation.made").exists()


def test_overlap_with_a_future_principal_is_refused(client, people, dhs_colleague):
    """A principal who starts later still clashes with an ongoing principal from earlier."""
    spog = body("spog")
    principal = Designation.objects.get(person=people["representative"])
    principal.end_date = D(2024, 12, 31)
    principal.save()
    signed_in(client, people["site_admin"])
    later = designation_data(dhs_colleague, role="principal", start_date="2024-06-01")
    assert "already has a principal" in page_text(client.post(designate_url(spog), later))
    after = designation_data(dhs_colleague, role="principal", start_date="2025-01-01")
    assert client.post(designate_url(spog), after).status_code == 302


def test_an_alternate_beside_the_principal_is_fine(client, people, dhs_colleague):
    signed_in(client, people["site_admin"])
    response = client.post(designate_url(body("spog")), designation_data(dhs_colleague))
    assert response.status_code == 302
    second = UserFactory(agency=agency("DHS"), totp=False)
    response = client.post(designate_url(body("spog")), designation_data(second))
    assert response.status_code == 302  # any number of alternates


# A representative's own agency -------------------------------------------------------------


def test_representative_designates_staff_of_their_own_agency(client, people, dhs_colleague):
    representative = people["representative"]
    form = signed_in(client, representative).get(designate_url(body("spog"))).context["form"]
    assert {v for v, _ in form.fields["agency"].widget.choices if v} == {agency("DHS").pk}
    offered = {label for v, label in form.fields["person"].widget.choices if v}
    assert all("DHS" in label for label in offered)
    assert "You can designate staff of the agency you represent only" in page_text(
        client.get(designate_url(body("spog")))
    )
    response = client.post(designate_url(body("spog")), designation_data(dhs_colleague))
    assert response.status_code == 302
    assert AuditEvent.objects.get(action="designation.made").actor == representative


def test_representative_cannot_designate_for_another_agency(client, people):
    hhs_person = UserFactory(agency=agency("HHS"), totp=False)
    response = signed_in(client, people["representative"]).post(
        designate_url(body("spog")), designation_data(hhs_person)
    )
    assert response.status_code == 403
    assert "not of Department of Health and Human Services" in page_text(response)
    assert not Designation.objects.filter(person=hhs_person).exists()
    assert AuditEvent.objects.filter(action="permission.denied").exists()


def test_representative_hands_over_only_their_own_agencys_designation(
    client, people, hhs_principal, dhs_colleague
):
    signed_in(client, people["representative"])
    other = reverse("directory:designation-handover", args=[hhs_principal.pk])
    assert client.get(other).status_code == 403
    hhs_person = UserFactory(agency=agency("HHS"), totp=False)
    response = client.post(
        other,
        {"version": hhs_principal.version, "successor": hhs_person.pk, "start_date": "2025-01-01"},
    )
    assert response.status_code == 403
    hhs_principal.refresh_from_db()
    assert hhs_principal.end_date is None
    assert (
        client.get(reverse("directory:designation-end", args=[hhs_principal.pk])).status_code == 403
    )
    alternate = Designation.objects.create(
        person=dhs_colleague,
        agency=agency("DHS"),
        body=body("spog"),
        role=Designation.Role.ALTERNATE,
        start_date=D(2020, 1, 1),
    )
    own_url = reverse("directory:designation-handover", args=[alternate.pk])
    assert client.get(own_url).status_code == 200


def test_services_refuse_other_agencies_too(people, hhs_principal):
    """The object-level rule holds below the views as well."""
    with pytest.raises(PermissionDenied):
        services.designation_end(
            actor=people["representative"],
            designation=hhs_principal,
            expected_version=hhs_principal.version,
            end_date=D(2025, 1, 1),
        )
    with pytest.raises(PermissionDenied):
        services.designation_end(
            actor=people["chairs_office"],
            designation=hhs_principal,
            expected_version=hhs_principal.version,
            end_date=D(2025, 1, 1),
        )


def test_other_roles_cannot_open_designation_pages(client, people, hhs_principal):
    urls = [
        designate_url(body("spog")),
        reverse("directory:designation-end", args=[hhs_principal.pk]),
        reverse("directory:designation-handover", args=[hhs_principal.pk]),
    ]
    for role in ("staff", "observer", "chair", "chairs_office"):
        for url in urls:
            assert signed_in(client, people[role]).get(url).status_code == 403, (role, url)


def test_body_page_offers_a_representative_actions_on_their_own_agencys_alternates_only(
    client, people, hhs_principal, dhs_colleague
):
    Designation.objects.create(
        person=dhs_colleague,
        agency=agency("DHS"),
        body=body("spog"),
        role=Designation.Role.ALTERNATE,
        start_date=D(2020, 1, 1),
    )
    response = signed_in(client, people["representative"]).get(
        reverse("directory:body-detail", args=[body("spog").pk])
    )
    rows = {d.person.full_name: manageable for d, _, manageable in response.context["designations"]}
    assert rows == {
        "Riley Representative": False,  # their own principal designation: the secretariat's
        "Dana Colleague": True,
        "Harper Principal": False,
    }
    text = page_text(response)
    assert "Hand over Dana Colleague’s designation" in text
    assert "Hand over Riley Representative’s designation" not in text


# Ending ------------------------------------------------------------------------------------


def test_ending_a_designation(client, people):
    own = Designation.objects.get(person=people["representative"])
    url = reverse("directory:designation-end", args=[own.pk])
    signed_in(client, people["site_admin"])
    assert "End Riley Representative's designation" in page_text(client.get(url))
    response = client.post(url, {"version": own.version, "end_date": "2025-03-31"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.end_date == D(2025, 3, 31)
    assert AuditEvent.objects.get(action="designation.ended").data == {"end_date": "2025-03-31"}
    entry = LogEntry.objects.get_for_object(own).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == people["site_admin"]
    assert not roles_of(people["representative"]).representative


def test_ending_before_it_began_is_refused(client, people):
    own = Designation.objects.get(person=people["representative"])
    response = signed_in(client, people["site_admin"]).post(
        reverse("directory:designation-end", args=[own.pk]),
        {"version": own.version, "end_date": "2019-12-31"},
    )
    assert "The end date (December 31, 2019) is before the start date (January 1, 2020)" in (
        page_text(response)
    )
    own.refresh_from_db()
    assert own.end_date is None and own.version == 1


# Handing over ------------------------------------------------------------------------------


def test_hand_over_in_one_step(client, people, dhs_colleague):
    own = Designation.objects.get(person=people["representative"])
    url = reverse("directory:designation-handover", args=[own.pk])
    admin = people["site_admin"]
    signed_in(client, admin)
    form = client.get(url).context["form"]
    offered = {v for v, _ in form.fields["successor"].widget.choices if v}
    assert dhs_colleague.pk in offered and people["representative"].pk not in offered
    response = client.post(
        url, {"version": own.version, "successor": dhs_colleague.pk, "start_date": "2025-04-01"}
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.end_date == D(2025, 3, 31)
    successor = Designation.objects.get(person=dhs_colleague)
    assert successor.role == Designation.Role.PRINCIPAL
    assert successor.start_date == D(2025, 4, 1) and successor.end_date is None
    event = AuditEvent.objects.get(action="designation.handed_over")
    assert event.actor == admin
    assert (event.data["before"], event.data["after"]) == (
        people["representative"].email,
        dhs_colleague.email,
    )
    assert LogEntry.objects.get_for_object(successor).get().actor == admin
    # Who represented DHS in the SPOG, the day before and the day of the hand-over.
    query = {"body": body("spog").pk, "agency": agency("DHS").pk}
    before = client.get(HISTORY, {**query, "on": "2025-03-31"}).context["representatives"]
    after = client.get(HISTORY, {**query, "on": "2025-04-01"}).context["representatives"]
    assert [d.person for d in before] == [people["representative"]]
    assert [d.person for d in after] == [dhs_colleague]


def test_an_alternate_cannot_take_the_principals_place(client, people):
    """DHS's alternate, made representative by their designation, tries what would put them
    in the principal's seat: hand the principal's designation to themselves, end it back-dated,
    designate themselves principal. Every path is refused and nothing changes; the principal's
    designation is the secretariat's to manage."""
    principal = Designation.objects.get(person=people["representative"])
    # Every representative signs in with a second factor: this one has it enrolled.
    dhs_colleague = UserFactory(agency=agency("DHS"), full_name="Alex Alternate")
    alternate = Designation.objects.create(
        person=dhs_colleague,
        agency=agency("DHS"),
        body=body("spog"),
        role=Designation.Role.ALTERNATE,
        start_date=D(2020, 1, 1),
    )
    signed_in(client, dhs_colleague)
    handover = reverse("directory:designation-handover", args=[principal.pk])
    end = reverse("directory:designation-end", args=[principal.pk])
    assert client.get(handover).status_code == 403
    assert client.get(end).status_code == 403
    today = timezone.localdate()
    assert (
        client.post(
            handover,
            {
                "version": principal.version,
                "successor": dhs_colleague.pk,
                "start_date": today.isoformat(),
            },
        ).status_code
        == 403
    )
    yesterday = (today - datetime.timedelta(days=1)).isoformat()
    assert (
        client.post(end, {"version": principal.version, "end_date": yesterday}).status_code == 403
    )
    with pytest.raises(PermissionDenied):
        services.designation_end(
            actor=dhs_colleague,
            designation=principal,
            expected_version=principal.version,
            end_date=today,
        )
    with pytest.raises(ValidationError) as refused:
        services.designation_create(
            actor=dhs_colleague,
            person=dhs_colleague,
            agency=agency("DHS"),
            body=body("spog"),
            role=Designation.Role.PRINCIPAL,
            start_date=today,
        )
    assert "Only a site administrator designates a principal" in str(refused.value)
    # Their own alternate designation: not ended on a past date either.
    response = client.post(
        reverse("directory:designation-end", args=[alternate.pk]),
        {"version": alternate.version, "end_date": yesterday},
    )
    assert "is in the past" in page_text(response)
    principal.refresh_from_db()
    alternate.refresh_from_db()
    assert principal.end_date is None and principal.version == 1
    assert alternate.end_date is None
    assert list(Designation.objects.filter(person=dhs_colleague)) == [alternate]
    # The representative ends their own agency's alternate from today on.
    signed_in(client, people["representative"])
    response = client.post(
        reverse("directory:designation-end", args=[alternate.pk]),
        {"version": alternate.version, "end_date": today.isoformat()},
    )
    assert response.status_code == 302
    alternate.refresh_from_db()
    assert alternate.end_date == today


@pytest.mark.parametrize(
    ("case", "field", "message"),
    [
        ("to another agency's person", "successor", "Sam Staff is staff of HHS, not of DHS"),
        ("to themselves", "successor", "already holds this designation"),
        ("on or before it began", "start_date", "must come after Riley Representative's"),
        (
            "to someone designated there already",
            "successor",
            "Dana Colleague is already designated in the Senior Policy Operating Group",
        ),
        ("after it ended", "start_date", "there is nothing to hand over on this date"),
    ],
)
def test_bad_hand_overs_are_explained_and_change_nothing(
    client, people, dhs_colleague, case, field, message
):
    own = Designation.objects.get(person=people["representative"])
    data = {"version": own.version, "successor": dhs_colleague.pk, "start_date": "2025-04-01"}
    if case == "to another agency's person":
        data["successor"] = people["staff"].pk
    elif case == "to themselves":
        data["successor"] = people["representative"].pk
    elif case == "on or before it began":
        data["start_date"] = "2020-01-01"
    elif case == "to someone designated there already":
        DesignationFactory(
            person=dhs_colleague, body=body("spog"), role="alternate", start_date=D(2021, 1, 1)
        )
    elif case == "after it ended":
        own.end_date = D(2024, 12, 31)
        own.save()
        data["version"] = own.version
    before = list(Designation.objects.order_by("pk").values_list("pk", "end_date", "version"))
    history_before = LogEntry.objects.count()
    response = signed_in(client, people["site_admin"]).post(
        reverse("directory:designation-handover", args=[own.pk]), data
    )
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field]), (
        response.context["form"].errors
    )
    assert message in page_text(response)
    # Nothing saved: the holder's end date is untouched and no designation was added.
    assert list(Designation.objects.order_by("pk").values_list("pk", "end_date", "version")) == (
        before
    )
    assert not AuditEvent.objects.filter(action="designation.handed_over").exists()
    assert LogEntry.objects.count() == history_before


def test_hand_over_from_a_stale_page_changes_nothing(client, people, dhs_colleague):
    own = Designation.objects.get(person=people["representative"])
    url = reverse("directory:designation-handover", args=[own.pk])
    other = Client()
    other.force_login(people["site_admin"])
    other.post(
        reverse("directory:designation-end", args=[own.pk]),
        {"version": own.version, "end_date": "2026-06-30"},
    )
    response = signed_in(client, people["site_admin"]).post(
        url, {"version": own.version, "successor": dhs_colleague.pk, "start_date": "2025-04-01"}
    )
    assert "was changed by someone else" in page_text(response)
    assert not Designation.objects.filter(person=dhs_colleague).exists()


# History -----------------------------------------------------------------------------------


def test_who_represented_each_agency_on_a_date(client, people, hhs_principal):
    spog = body("spog")
    signed_in(client, people["observer"])
    response = client.get(HISTORY, {"body": spog.pk, "on": "2021-06-01"})
    reps = [
        (d.agency.acronym, d.person.full_name, d.role) for d in response.context["representatives"]
    ]
    # By agency name: Health and Human Services before Homeland Security.
    assert reps == [
        ("HHS", "Harper Principal", "principal"),
        ("DHS", "Riley Representative", "principal"),
    ]
    text = page_text(response)
    assert "Representatives in the Senior Policy Operating Group on June 1, 2021" in text
    earlier = client.get(HISTORY, {"body": spog.pk, "on": "2019-06-01"})
    assert earlier.context["representatives"] == []
    assert "Nobody was designated in the Senior Policy Operating Group on June 1, 2019" in (
        page_text(earlier)
    )
    only_dhs = client.get(HISTORY, {"body": spog.pk, "agency": agency("DHS").pk, "on": ""})
    assert [d.agency.acronym for d in only_dhs.context["representatives"]] == ["DHS"]
    assert "Every designation of DHS in the Senior Policy Operating Group" in page_text(only_dhs)


def test_designation_history_query_count_is_constant(client, people):
    spog = body("spog")
    signed_in(client, people["staff"])
    query = {"body": spog.pk, "on": "2021-06-01"}
    with_agency = {**query, "agency": agency("DHS").pk}
    client.get(HISTORY, query)
    with CaptureQueriesContext(connection) as small:
        client.get(HISTORY, query)
    with CaptureQueriesContext(connection) as small_agency:
        client.get(HISTORY, with_agency)
    for year in range(2004, 2020):
        DesignationFactory(
            person=UserFactory(agency=agency("DHS"), totp=False),
            agency=agency("DHS"),
            body=spog,
            role="alternate",
            start_date=D(year, 1, 1),
            end_date=D(year, 12, 31),
        )
    for _ in range(15):
        newcomer = AgencyFactory()
        MembershipFactory(agency=newcomer, body=spog)
        DesignationFactory(
            person=UserFactory(agency=newcomer, totp=False), body=spog, start_date=D(2021, 1, 1)
        )
    with CaptureQueriesContext(connection) as large:
        response = client.get(HISTORY, query)
    assert len(response.context["representatives"]) == 1 + 15
    with CaptureQueriesContext(connection) as large_agency:
        response = client.get(HISTORY, with_agency)
    assert len(response.context["timeline"]) == 1 + 16
    assert len(large) == len(small)
    assert len(large_agency) == len(small_agency)
