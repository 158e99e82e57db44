"""Managing people in the product's own pages: the list with its search and filters, a person's
page, editing with optimistic locking, deactivating (which ends sessions at once),
reactivating, the chair’s office role, and a representative kept to their own agency."""

import datetime
import html

import pytest
from allauth.usersessions.models import UserSession
from auditlog.models import LogEntry
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pitf.models import Agency, AuditEvent, Body, BodyRole, Invitation, User
from pitf.people import services
from pitf.roles import roles_of
from tests.factories import (
    AgencyFactory,
    BodyRoleFactory,
    DesignationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def names_listed(response) -> list[str]:
    return [person.full_name for person, _ in response.context["rows"]]


def signed_in(client, user):
    client.force_login(user)
    return client


# The list ----------------------------------------------------------------------------------


def test_site_admin_lists_everyone(client, people):
    response = signed_in(client, people["site_admin"]).get(reverse("people:user-list"))
    assert response.status_code == 200
    listed = names_listed(response)
    for role in ("staff", "observer", "representative", "chair", "chairs_office", "site_admin"):
        assert people[role].full_name in listed
    page = response.content.decode()
    assert "Invite someone" in page and "6 people" in page


def test_representative_lists_only_their_own_agencys_staff(client, people):
    dhs = people["representative"].agency
    colleague = UserFactory(agency=dhs, full_name="Dana Colleague")
    UserFactory(agency=dhs, full_name="Sky Admin", is_superuser=True, is_staff=True)
    response = signed_in(client, people["representative"]).get(reverse("people:user-list"))
    assert names_listed(response) == [colleague.full_name, people["representative"].full_name]
    page = response.content.decode()
    assert people["staff"].full_name not in page
    assert "Sky Admin" not in page, "site administrators are managed by site administrators"
    # The agency filter offers their own agency only.
    assert list(response.context["form"].fields["agency"].queryset) == [dhs]


@pytest.mark.parametrize("role", ["anonymous", "staff", "observer", "chair", "chairs_office"])
def test_other_roles_cannot_list_people(client, people, role):
    if people[role]:
        client.force_login(people[role])
    response = client.get(reverse("people:user-list"))
    assert response.status_code == (403 if people[role] else 302)


def test_search_and_filters(client, people):
    dhs = people["representative"].agency
    invited = UserFactory(agency=dhs, full_name="Ivy Invited", is_active=False, totp=False)
    invited.set_unusable_password()
    invited.save()
    Invitation.objects.create(
        user=invited,
        token_hash="0" * 64,
        expires_at=timezone.now() + datetime.timedelta(days=3),
    )
    lapsed = UserFactory(agency=dhs, full_name="Lee Lapsed", is_active=False, totp=False)
    lapsed.set_unusable_password()
    lapsed.save()
    UserFactory(agency=dhs, full_name="Dee Deactivated", is_active=False)
    signed_in(client, people["site_admin"])
    url = reverse("people:user-list")

    def listed(**query):
        return names_listed(client.get(url, query))

    assert listed(q="riley") == ["Riley Representative"]
    assert listed(q=people["staff"].email.upper()) == ["Sam Staff"]
    assert listed(agency=dhs.pk) == [
        "Dee Deactivated",
        "Ivy Invited",
        "Lee Lapsed",
        "Riley Representative",
    ]
    assert listed(status="invited") == ["Ivy Invited"]
    assert listed(status="lapsed") == ["Lee Lapsed"]
    assert listed(status="deactivated") == ["Dee Deactivated"]
    assert "Dee Deactivated" not in listed(status="active")
    assert listed(role="site_admin") == ["Avery Admin"]
    assert listed(role="representative") == ["Riley Representative"]
    assert listed(role="chair") == ["Jordan Chair"]
    assert listed(role="chairs_office") == ["Casey Chairs-Office"]
    assert listed(role="chair", agency=dhs.pk) == []
    empty = client.get(url, {"q": "nobody by this name"}).content.decode()
    assert "Nobody matches these filters" in empty


def test_list_shows_roles_and_status(client, people):
    page = signed_in(client, people["site_admin"]).get(reverse("people:user-list"))
    rows = {person.full_name: (person, status) for person, status in page.context["rows"]}
    representative, status = rows["Riley Representative"]
    assert representative.is_representative and status == "Active"
    assert rows["Casey Chairs-Office"][0].is_chairs_office
    assert "Site administrator" in page.content.decode()


def count_queries(client, url, **query):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, query).status_code == 200
    return len(queries)


def test_list_query_count_is_constant(client, people):
    signed_in(client, people["site_admin"])
    url = reverse("people:user-list")
    count_queries(client, url)
    small = count_queries(client, url)
    spog = Body.objects.get(short_name="spog")
    for _ in range(40):
        person = UserFactory(agency=AgencyFactory(), totp=False)
        DesignationFactory(person=person, body=spog)
        BodyRoleFactory(person=person, body=spog)
    # The new agencies change the directory: the first request renders the kept filter form
    # again (its agencies' query); from then on the list reads it kept, as before.
    count_queries(client, url)
    assert count_queries(client, url) == small
    assert count_queries(client, url, role="representative", page=2) == small


def test_list_is_paginated(client, people):
    for _ in range(55):
        UserFactory(agency=people["staff"].agency, totp=False)
    signed_in(client, people["site_admin"])
    first = client.get(reverse("people:user-list"))
    assert len(first.context["rows"]) == 50
    page = first.content.decode()
    assert 'class="usa-pagination"' in page and 'aria-label="Page 2"' in page
    second = client.get(reverse("people:user-list"), {"page": 2})
    assert len(second.context["rows"]) == 11


# A person's page ---------------------------------------------------------------------------


def test_detail_shows_designations_offices_and_invitations(client, people):
    person = people["representative"]
    spog = Body.objects.get(short_name="spog")
    BodyRoleFactory(person=person, body=Body.objects.get(short_name="grantmaking"))
    Invitation.objects.create(
        user=person,
        invited_by=people["site_admin"],
        token_hash="1" * 64,
        expires_at=timezone.now() + datetime.timedelta(days=7),
        accepted_at=timezone.now(),
    )
    page = signed_in(client, people["site_admin"]).get(
        reverse("people:user-detail", kwargs={"pk": person.pk})
    )
    assert page.status_code == 200
    text = html.unescape(page.content.decode())
    assert spog.name in text and "Principal" in text
    assert "Chair's office" in text and "Grantmaking Committee" in text
    assert "Accepted" in text and people["site_admin"].full_name in text
    assert "Deactivate" in text and "History in the audit log" in text


def test_detail_query_count_does_not_grow(client, people):
    person = people["representative"]
    signed_in(client, people["site_admin"])
    url = reverse("people:user-detail", kwargs={"pk": person.pk})
    count_queries(client, url)
    small = count_queries(client, url)
    # One designation per person and body at a time: the bodies they are not designated in yet.
    for body in Body.objects.exclude(designations__person=person):
        DesignationFactory(person=person, body=body, agency=person.agency, role="alternate")
    for body in Body.objects.all():
        BodyRoleFactory(person=person, body=body)
    assert count_queries(client, url) == small


def test_representative_cannot_open_another_agencys_person(client, people):
    signed_in(client, people["representative"])
    for name in ("user-detail", "user-edit", "user-deactivate", "user-reactivate"):
        url = reverse(f"people:{name}", kwargs={"pk": people["staff"].pk})
        assert client.get(url).status_code == 404, name
    response = client.post(
        reverse("people:user-deactivate", kwargs={"pk": people["staff"].pk}),
        {"version": people["staff"].version},
    )
    assert response.status_code == 404
    assert User.objects.get(pk=people["staff"].pk).is_active


def test_representative_cannot_manage_a_site_admin_of_their_agency(client, people):
    admin = UserFactory(agency=people["representative"].agency, is_superuser=True, is_staff=True)
    signed_in(client, people["representative"])
    assert client.get(reverse("people:user-detail", kwargs={"pk": admin.pk})).status_code == 404
    with pytest.raises(PermissionDenied):
        services.user_deactivate(
            actor=people["representative"], person=admin, expected_version=admin.version
        )


# Editing -----------------------------------------------------------------------------------


def test_site_admin_edits_details_agency_and_role(client, people):
    person = people["staff"]
    dos = Agency.objects.get(acronym="DOS")
    signed_in(client, people["site_admin"])
    url = reverse("people:user-edit", kwargs={"pk": person.pk})
    response = client.post(
        url,
        {
            "version": person.version,
            "full_name": "Sam Staff-Moved",
            "job_title": "Senior analyst",
            "agency": dos.pk,
            "site_admin": "on",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.full_name, person.job_title, person.agency) == (
        "Sam Staff-Moved",
        "Senior analyst",
        dos,
    )
    assert person.is_superuser and person.is_staff and person.version == 2
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"user.agency_changed", "user.site_admin_granted"} <= actions
    # The field history records before and after, though the save was a versioned UPDATE.
    entry = LogEntry.objects.filter(object_pk=str(person.pk)).latest("timestamp")
    assert entry.actor == people["site_admin"]
    assert entry.changes_dict["full_name"] == ["Sam Staff", "Sam Staff-Moved"]
    assert entry.changes_dict["is_superuser"] == ["False", "True"]
    assert entry.remote_addr == "127.0.0.1"


def test_two_admins_editing_at_once_do_not_overwrite_each_other(client, people):
    person = people["staff"]
    loaded_version = person.version
    first, second = Client(), Client()
    first.force_login(people["site_admin"])
    other_admin = UserFactory(is_superuser=True, is_staff=True)
    second.force_login(other_admin)
    url = reverse("people:user-edit", kwargs={"pk": person.pk})
    common = {"version": loaded_version, "agency": person.agency_id, "job_title": ""}
    assert first.post(url, {**common, "full_name": "First Edit"}).status_code == 302
    response = second.post(url, {**common, "full_name": "Second Edit"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "was changed by someone else while you were editing" in page
    # The form now shows what is saved, so the second admin decides again.
    assert 'value="First Edit"' in page
    assert f'name="version" value="{loaded_version + 1}"' in page
    person.refresh_from_db()
    assert person.full_name == "First Edit"


def test_representative_edits_name_and_title_but_not_agency_or_role(client, people):
    colleague = UserFactory(agency=people["representative"].agency, full_name="Dana Colleague")
    hhs = Agency.objects.get(acronym="HHS")
    signed_in(client, people["representative"])
    url = reverse("people:user-edit", kwargs={"pk": colleague.pk})
    form = client.get(url).context["form"]
    assert set(form.fields) == {"version", "full_name", "job_title"}
    response = client.post(
        url,
        {
            "version": colleague.version,
            "full_name": "Dana Colleague",
            "job_title": "Policy advisor",
            "agency": hhs.pk,
            "site_admin": "on",
        },
    )
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.job_title == "Policy advisor"
    assert colleague.agency == people["representative"].agency and not colleague.is_superuser
    with pytest.raises(PermissionDenied):
        services.user_update(
            actor=people["representative"],
            person=colleague,
            expected_version=colleague.version,
            full_name=colleague.full_name,
            job_title="",
            agency=hhs,
        )


def test_moving_to_an_inactive_agency_is_refused(client, people):
    closed = AgencyFactory(name="Closed Office", active=False)
    person = people["staff"]
    signed_in(client, people["site_admin"])
    response = client.post(
        reverse("people:user-edit", kwargs={"pk": person.pk}),
        {"version": person.version, "full_name": person.full_name, "agency": closed.pk},
    )
    assert response.status_code == 200
    assert "Closed Office is inactive" in response.content.decode()
    person.refresh_from_db()
    assert person.agency.acronym == "HHS" and person.version == 1


def test_a_person_who_still_acts_for_their_agency_is_not_moved_until_that_ends(client, people):
    """DHS's principal to the SPOG, also DHS's delegate and grant contact, moved to HHS: the
    move is refused with everything that ties them to DHS named on the agency field; once the
    designation is ended and the lists no longer name them, the move goes through, and from
    then on they represent nobody (no row of DHS makes them act for it)."""
    from pitf.circulation import services as circulation_services
    from pitf.circulation.models import Contact, Delegate
    from pitf.directory import services as directory_services
    from pitf.models import Designation

    person = people["representative"]
    dhs, hhs = person.agency, Agency.objects.get(acronym="HHS")
    admin = people["site_admin"]
    delegate = circulation_services.delegate_add(actor=admin, agency=dhs, person=person)
    contact = circulation_services.contact_add(
        actor=admin, agency=dhs, person=person, topic="grants"
    )
    signed_in(client, admin)
    edit = reverse("people:user-edit", kwargs={"pk": person.pk})
    response = client.post(
        edit, {"version": person.version, "full_name": person.full_name, "agency": hhs.pk}
    )
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert "Riley Representative still acts for DHS" in text
    assert "principal in the Senior Policy Operating Group (end the designation)" in text
    assert "a grant contact of the agency" in text
    assert "a delegate who submits the agency's answers" in text
    person.refresh_from_db()
    assert person.agency == dhs and person.version == 1

    designation = Designation.objects.get(person=person)
    directory_services.designation_end(
        actor=admin,
        designation=designation,
        expected_version=designation.version,
        end_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    circulation_services.delegate_remove(actor=admin, delegate=delegate)
    circulation_services.contact_remove(actor=admin, contact=contact)
    assert not Delegate.objects.filter(person=person).exists()
    assert not Contact.objects.filter(topic="grants", person=person).exists()
    response = client.post(
        edit, {"version": person.version, "full_name": person.full_name, "agency": hhs.pk}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.agency == hhs
    assert not roles_of(person).representative


def test_roles_come_only_from_rows_of_the_persons_current_agency(people):
    """A designation left behind in the old agency (written past the service, as a script or
    the admin could) does not make the moved person act for it."""
    from pitf.models import Designation

    person = people["staff"]  # HHS staff, designated for DOJ by a row no service would write
    Designation.objects.create(
        person=person,
        agency=Agency.objects.get(acronym="DOJ"),
        body=Body.objects.get(short_name="spog"),
        role=Designation.Role.ALTERNATE,
        start_date=datetime.date(2020, 1, 1),
    )
    roles = roles_of(person)
    assert not roles.representative
    assert not roles.manages_agency(Agency.objects.get(acronym="DOJ").pk)


def test_a_site_admin_cannot_remove_their_own_role(client, people):
    admin = people["site_admin"]
    signed_in(client, admin)
    response = client.post(
        reverse("people:user-edit", kwargs={"pk": admin.pk}),
        {"version": admin.version, "full_name": admin.full_name, "agency": admin.agency_id},
    )
    assert response.status_code == 200
    assert "cannot remove your own site administrator role" in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_superuser


def test_removing_the_site_admin_role(client, people):
    other = UserFactory(is_superuser=True, is_staff=True)
    signed_in(client, people["site_admin"])
    client.post(
        reverse("people:user-edit", kwargs={"pk": other.pk}),
        {"version": other.version, "full_name": other.full_name, "agency": other.agency_id},
    )
    other.refresh_from_db()
    assert not other.is_superuser and not other.is_staff
    assert not roles_of(other).site_admin
    assert AuditEvent.objects.filter(action="user.site_admin_removed").exists()


# Deactivating and reactivating -------------------------------------------------------------


def test_deactivating_asks_first_and_ends_every_session(client, people):
    person = people["staff"]
    elsewhere = Client()
    elsewhere.force_login(person)
    assert elsewhere.get(reverse("my-page")).status_code == 200
    session_key = elsewhere.session.session_key
    assert UserSession.objects.filter(user=person).exists()

    signed_in(client, people["site_admin"])
    url = reverse("people:user-deactivate", kwargs={"pk": person.pk})
    confirmation = client.get(url)
    assert "signed out of every session" in confirmation.content.decode()
    assert User.objects.get(pk=person.pk).is_active
    response = client.post(url, {"version": person.version})
    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.is_active
    assert not Session.objects.filter(session_key=session_key).exists()
    assert not UserSession.objects.filter(user=person).exists()
    assert elsewhere.get(reverse("my-page")).status_code == 302
    assert AuditEvent.objects.filter(action="user.deactivated", target_id=str(person.pk)).exists()
    # And the password no longer lets them in.
    assert not Client().login(email=person.email, password="correct horse battery staple")


def test_representative_deactivates_their_own_agencys_staff(client, people):
    colleague = UserFactory(agency=people["representative"].agency)
    signed_in(client, people["representative"])
    response = client.post(
        reverse("people:user-deactivate", kwargs={"pk": colleague.pk}),
        {"version": colleague.version},
    )
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert not colleague.is_active


def test_nobody_deactivates_themselves(client, people):
    admin = people["site_admin"]
    signed_in(client, admin)
    response = client.post(
        reverse("people:user-deactivate", kwargs={"pk": admin.pk}), {"version": admin.version}
    )
    assert response.status_code == 200
    assert "You cannot deactivate your own account." in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active


def test_deactivating_from_a_stale_page_shows_the_conflict(client, people):
    person = people["staff"]
    signed_in(client, people["site_admin"])
    stale = person.version
    client.post(
        reverse("people:user-edit", kwargs={"pk": person.pk}),
        {"version": stale, "full_name": "Renamed", "agency": person.agency_id},
    )
    response = client.post(
        reverse("people:user-deactivate", kwargs={"pk": person.pk}), {"version": stale}
    )
    assert response.status_code == 200
    assert "was changed by someone else" in response.content.decode()
    assert User.objects.get(pk=person.pk).is_active


def test_reactivating(client, people):
    person = people["staff"]
    person.is_active = False
    person.save()
    signed_in(client, people["site_admin"])
    url = reverse("people:user-reactivate", kwargs={"pk": person.pk})
    assert "able to sign in again" in client.get(url).content.decode()
    response = client.post(url, {"version": person.version})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_active
    assert AuditEvent.objects.filter(action="user.reactivated").exists()


def test_reactivating_someone_who_never_accepted_says_to_resend(client, people):
    person = UserFactory(is_active=False, totp=False)
    person.set_unusable_password()
    person.save()
    signed_in(client, people["site_admin"])
    response = client.post(
        reverse("people:user-reactivate", kwargs={"pk": person.pk}), {"version": person.version}
    )
    assert response.status_code == 200
    assert "resend the invitation instead" in response.content.decode()
    person.refresh_from_db()
    assert not person.is_active


# The chair’s office role -------------------------------------------------------------------


def test_site_admin_grants_and_removes_the_chairs_office_role(client, people):
    person = people["staff"]
    spog = Body.objects.get(short_name="spog")
    signed_in(client, people["site_admin"])
    grant = reverse("people:body-role-grant", kwargs={"pk": person.pk})
    last_month = timezone.localdate() - datetime.timedelta(days=30)
    response = client.post(grant, {"body": spog.pk, "start_date": last_month.isoformat()})
    assert response.status_code == 302
    assert roles_of(person).chairs_office_of == {spog.pk}
    role = BodyRole.objects.get(person=person)

    again = client.post(grant, {"body": spog.pk, "start_date": timezone.localdate().isoformat()})
    assert again.status_code == 200
    assert "already holds the chair’s office role" in again.content.decode()
    assert BodyRole.objects.filter(person=person).count() == 1

    remove = reverse("people:body-role-end", kwargs={"pk": person.pk, "role_pk": role.pk})
    assert "ends with yesterday" in client.get(remove).content.decode()
    assert client.post(remove, {"version": role.version}).status_code == 302
    role.refresh_from_db()
    assert role.end_date == timezone.localdate() - datetime.timedelta(days=1)
    assert not roles_of(person).chairs_office
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["body_role.granted", "body_role.ended"]
    assert LogEntry.objects.filter(
        content_type__model="bodyrole", object_pk=str(role.pk), action=LogEntry.Action.UPDATE
    ).exists()


def test_a_role_granted_today_and_removed_today_is_deleted(client, people):
    person = people["staff"]
    spog = Body.objects.get(short_name="spog")
    signed_in(client, people["site_admin"])
    client.post(
        reverse("people:body-role-grant", kwargs={"pk": person.pk}),
        {"body": spog.pk, "start_date": timezone.localdate().isoformat()},
    )
    role = BodyRole.objects.get(person=person)
    client.post(
        reverse("people:body-role-end", kwargs={"pk": person.pk, "role_pk": role.pk}),
        {"version": role.version},
    )
    assert not BodyRole.objects.filter(person=person).exists()
    # The audit log still has it.
    assert LogEntry.objects.filter(
        content_type__model="bodyrole", object_pk=str(role.pk), action=LogEntry.Action.DELETE
    ).exists()


def test_only_site_admins_grant_roles(client, people):
    colleague = UserFactory(agency=people["representative"].agency)
    signed_in(client, people["representative"])
    grant = reverse("people:body-role-grant", kwargs={"pk": colleague.pk})
    response = client.post(grant, {"body": Body.objects.first().pk, "start_date": "2026-01-01"})
    assert response.status_code == 403
    assert not BodyRole.objects.filter(person=colleague).exists()


def test_each_row_reads_a_persons_name_agency_roles_and_account_as_text(client, people):
    person = UserFactory(
        agency=people["staff"].agency,
        full_name="Pat <em>O'Neil</em>",
        job_title="Analyst & advisor",
        totp=False,
    )
    DesignationFactory(person=person, body=Body.objects.get(short_name="spog"))
    signed_in(client, people["site_admin"])
    page = client.get(reverse("people:user-list"), {"q": "neil"}).content.decode()
    detail = reverse("people:user-detail", args=[person.pk])
    assert "<em>O" not in page
    assert f'<a class="usa-link" href="{detail}">Pat &lt;em&gt;O&#x27;Neil&lt;/em&gt;</a>' in page
    assert f"{person.email}, Analyst &amp; advisor</span>" in page
    assert '<td data-label="Agency">HHS</td>' in page
    assert '<td data-label="Roles"><span class="usa-tag">Representative</span></td>' in page
