"""Agencies in the directory pages: the list with its search and filters (at a constant query
count), an agency's page, creating, editing with optimistic locking, deactivating and
reactivating after a confirmation, each change in the audit log with its actor."""

import html
import re

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pitf.models import Agency, AuditEvent, Body
from pitf.roles import roles_of
from tests.factories import AgencyFactory, MembershipFactory

pytestmark = pytest.mark.django_db
LIST = reverse("directory:agency-list")


def signed_in(client, user):
    client.force_login(user)
    return client


def page_text(response) -> str:
    """The page as a reader sees it: tags removed, entities decoded, spaces collapsed."""
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(text))


def listed(response) -> list[str]:
    return [agency.acronym for agency in response.context["page"].object_list]


def agency(acronym: str) -> Agency:
    return Agency.objects.get(acronym=acronym)


# The list ----------------------------------------------------------------------------------


def test_every_signed_in_person_reads_the_list_but_only_admins_see_create(client, people):
    for role in ("staff", "observer", "representative", "chair", "chairs_office"):
        response = signed_in(client, people[role]).get(LIST)
        assert response.status_code == 200, role
        assert "Create an agency" not in page_text(response), role
    response = signed_in(client, people["site_admin"]).get(LIST)
    assert "Create an agency" in page_text(response)
    assert {"DOS", "DHS", "FBI", "OBS"} <= set(listed(response))


def test_search_and_filters(client, people):
    signed_in(client, people["staff"])
    assert listed(client.get(LIST, {"q": "bureau"})) == ["FBI"]
    assert listed(client.get(LIST, {"q": "dhs"})) == ["DHS"]
    # A department's acronym finds its components too.
    assert set(listed(client.get(LIST, {"q": "DOJ"}))) == {"DOJ", "FBI"}
    white_house = listed(client.get(LIST, {"kind": Agency.Kind.WHITE_HOUSE_OFFICE}))
    assert set(white_house) == {"OMB", "DPC", "NSS"}
    assert listed(client.get(LIST, {"parent": agency("DOJ").pk})) == ["FBI"]
    old = AgencyFactory(acronym="OLD", name="Old Commission", active=False)
    assert listed(client.get(LIST, {"status": "inactive"})) == [old.acronym]
    assert "OLD" not in listed(client.get(LIST, {"status": "active"}))
    response = client.get(LIST, {"q": "no such agency"})
    assert "No agency matches these filters" in page_text(response)


def test_an_invalid_filter_is_shown_and_ignored(client, people):
    response = signed_in(client, people["staff"]).get(LIST, {"kind": "planet"})
    assert response.status_code == 200
    assert "Select a valid choice" in page_text(response)
    assert "DHS" in listed(response)


def test_list_counts_the_bodies_each_agency_belongs_to_today(client, people):
    response = signed_in(client, people["staff"]).get(LIST, {"q": "DHS"})
    [dhs] = response.context["page"].object_list
    assert dhs.body_count == 2  # the PITF and the SPOG


def count_queries(client, url, **query) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, query).status_code == 200
    return len(queries)


def test_list_query_count_is_constant(client, people):
    signed_in(client, people["site_admin"])
    doj = agency("DOJ")
    filtered = {"q": "a", "kind": "component", "parent": doj.pk}
    count_queries(client, LIST)
    small = count_queries(client, LIST)
    small_filtered = count_queries(client, LIST, **filtered)
    spog = Body.objects.get(short_name="spog")
    for _ in range(60):
        MembershipFactory(agency=AgencyFactory(parent=doj, kind=Agency.Kind.COMPONENT), body=spog)
    # The new agencies change the directory: the first request renders the kept filter form
    # again (its parents' query); from then on the list reads it kept, as before.
    count_queries(client, LIST)
    assert count_queries(client, LIST) == small
    assert count_queries(client, LIST, page=2) == small
    assert count_queries(client, LIST, **filtered) == small_filtered


def test_list_is_paginated(client, people):
    for _ in range(60):
        AgencyFactory()
    response = signed_in(client, people["staff"]).get(LIST)
    assert len(response.context["page"].object_list) == 50
    assert 'aria-label="Page 2"' in response.content.decode()


# An agency's page --------------------------------------------------------------------------


def test_agency_page_shows_memberships_and_representatives(client, people):
    dhs = agency("DHS")
    response = signed_in(client, people["staff"]).get(
        reverse("directory:agency-detail", args=[dhs.pk])
    )
    text = page_text(response)
    assert "Department of Homeland Security (DHS)" in text
    assert "Senior Policy Operating Group" in text
    assert "Riley Representative" in text
    assert "Edit details" not in text
    doj = signed_in(client, people["site_admin"]).get(
        reverse("directory:agency-detail", args=[agency("DOJ").pk])
    )
    assert "Federal Bureau of Investigation" in page_text(doj)  # its component
    assert "Edit details" in page_text(doj) and "Deactivate" in page_text(doj)


def test_agency_page_query_count_is_constant(client, people):
    from tests.factories import DesignationFactory, UserFactory

    dhs = agency("DHS")
    url = reverse("directory:agency-detail", args=[dhs.pk])
    signed_in(client, people["site_admin"])
    count_queries(client, url)
    small = count_queries(client, url)
    for index in range(15):
        body = Body.objects.create(
            name=f"Group {index}", short_name=f"group-{index}", kind=Body.Kind.WORKING_GROUP
        )
        MembershipFactory(agency=dhs, body=body)
        DesignationFactory(person=UserFactory(agency=dhs, totp=False), agency=dhs, body=body)
        AgencyFactory(parent=dhs, kind=Agency.Kind.COMPONENT)
    assert count_queries(client, url) == small


def test_unknown_agency_is_404(client, people):
    response = signed_in(client, people["site_admin"]).get(
        reverse("directory:agency-detail", args=[999999])
    )
    assert response.status_code == 404


# Creating ----------------------------------------------------------------------------------


def test_site_admin_creates_an_agency_with_history_and_event(client, people):
    admin = people["site_admin"]
    response = signed_in(client, admin).post(
        reverse("directory:agency-create"),
        {
            "name": "Department of Housing and Urban Development",
            "acronym": "hud",
            "kind": Agency.Kind.EXECUTIVE_DEPARTMENT,
            "website": "https://www.hud.gov",
        },
    )
    created = Agency.objects.get(acronym="HUD")
    assert response.status_code == 302
    assert response["Location"] == reverse("directory:agency-detail", args=[created.pk])
    assert created.website == "https://www.hud.gov" and created.active
    entry = LogEntry.objects.get_for_object(created).get()
    assert entry.action == LogEntry.Action.CREATE and entry.actor == admin
    event = AuditEvent.objects.get(action="agency.created")
    assert event.actor == admin and event.target_id == str(created.pk)
    follow = client.get(response["Location"])
    assert "Department of Housing and Urban Development was created." in page_text(follow)


def test_creating_a_component(client, people):
    signed_in(client, people["site_admin"]).post(
        reverse("directory:agency-create"),
        {
            "name": "U.S. Marshals Service",
            "acronym": "USMS",
            "kind": Agency.Kind.COMPONENT,
            "parent": agency("DOJ").pk,
        },
    )
    assert Agency.objects.get(acronym="USMS").parent == agency("DOJ")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "Department of State", "acronym": "DS2"}, "name", "already exists"),
        ({"name": "Another", "acronym": "dos"}, "acronym", "already used by another agency"),
        ({"name": "Another", "acronym": "AN", "kind": "component"}, "parent", "needs its parent"),
        (
            {"name": "Another", "acronym": "AN", "parent": "FBI", "kind": "component"},
            "parent",
            "itself a component",
        ),
        (
            {"name": "Another", "acronym": "AN", "parent": "DOJ"},
            "kind",
            "is a component; choose that kind",
        ),
        ({"name": "", "acronym": "AN"}, "name", "This field is required"),
        ({"name": "Another", "acronym": "AN", "website": "not a site"}, "website", "valid URL"),
    ],
)
def test_bad_agency_input_is_explained_and_saves_nothing(client, people, data, field, message):
    before = Agency.objects.count()
    posted = {"kind": Agency.Kind.INDEPENDENT_AGENCY, "website": "", **data}
    if posted.get("parent"):
        posted["parent"] = agency(posted["parent"]).pk
    response = signed_in(client, people["site_admin"]).post(
        reverse("directory:agency-create"), posted
    )
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert message in page_text(response)
    assert Agency.objects.count() == before
    assert not AuditEvent.objects.filter(action="agency.created").exists()


def test_only_site_admins_create_agencies(client, people):
    for role in ("staff", "representative", "chairs_office", "chair", "observer"):
        response = signed_in(client, people[role]).post(
            reverse("directory:agency-create"),
            {"name": "Sneaky", "acronym": "SNK", "kind": Agency.Kind.INDEPENDENT_AGENCY},
        )
        assert response.status_code == 403, role
    assert not Agency.objects.filter(acronym="SNK").exists()


# Editing -----------------------------------------------------------------------------------


def edit_data(target: Agency, **changes) -> dict:
    return {
        "version": target.version,
        "name": target.name,
        "acronym": target.acronym,
        "kind": target.kind,
        "parent": target.parent_id or "",
        "website": target.website,
        **changes,
    }


def test_site_admin_edits_an_agency_with_field_history(client, people):
    dol = agency("DOL")
    url = reverse("directory:agency-edit", args=[dol.pk])
    signed_in(client, people["site_admin"])
    assert f'name="version" value="{dol.version}"' in client.get(url).content.decode()
    response = client.post(url, edit_data(dol, website="https://www.dol.gov/agencies/ilab"))
    assert response.status_code == 302
    dol.refresh_from_db()
    assert dol.website == "https://www.dol.gov/agencies/ilab"
    assert dol.version == 2
    entry = LogEntry.objects.get_for_object(dol).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == people["site_admin"]
    assert entry.changes_dict["website"] == [
        "https://www.dol.gov",
        "https://www.dol.gov/agencies/ilab",
    ]
    assert AuditEvent.objects.filter(action="agency.changed", target_id=str(dol.pk)).exists()


def test_a_stale_edit_shows_the_conflict_and_saves_nothing(client, people):
    dol = agency("DOL")
    url = reverse("directory:agency-edit", args=[dol.pk])
    first, second = Client(), Client()
    first.force_login(people["site_admin"])
    second.force_login(people["site_admin"])
    loaded = edit_data(dol)  # both load the form at version 1
    assert first.post(url, {**loaded, "name": "Department of Labor (renamed)"}).status_code == 302
    response = second.post(url, {**loaded, "website": "https://example.gov"})
    assert response.status_code == 200
    assert "was changed by someone else while you were editing" in page_text(response)
    # The form now shows what is saved, with the newer version, so the second editor decides
    # again with the first editor's change in front of them.
    markup = response.content.decode()
    assert 'value="Department of Labor (renamed)"' in markup
    assert 'name="version" value="2"' in markup
    dol.refresh_from_db()
    assert dol.website == "https://www.dol.gov"
    assert dol.name == "Department of Labor (renamed)"
    assert LogEntry.objects.get_for_object(dol).filter(action=LogEntry.Action.UPDATE).count() == 1


def test_an_edit_with_an_error_changes_nothing(client, people):
    dol = agency("DOL")
    response = signed_in(client, people["site_admin"]).post(
        reverse("directory:agency-edit", args=[dol.pk]), edit_data(dol, acronym="DOS")
    )
    assert "already used by another agency" in page_text(response)
    # The page still names the agency as saved, not as typed.
    assert "Edit Department of Labor" in page_text(response)
    dol.refresh_from_db()
    assert dol.acronym == "DOL" and dol.version == 1


def test_a_department_with_components_cannot_become_a_component(client, people):
    doj = agency("DOJ")
    response = signed_in(client, people["site_admin"]).post(
        reverse("directory:agency-edit", args=[doj.pk]),
        edit_data(doj, kind=Agency.Kind.COMPONENT, parent=agency("DHS").pk),
    )
    assert "has components of its own" in page_text(response)


# Deactivating and reactivating -------------------------------------------------------------


def test_deactivating_asks_first_then_ends_representative_roles(client, people):
    dhs = agency("DHS")
    url = reverse("directory:agency-deactivate", args=[dhs.pk])
    signed_in(client, people["site_admin"])
    confirmation = client.get(url)
    text = page_text(confirmation)
    assert "Deactivate Department of Homeland Security" in text
    assert "1 current designation(s) will no longer make anyone a representative" in text
    dhs.refresh_from_db()
    assert dhs.active  # asking changes nothing
    assert roles_of(people["representative"]).representative
    response = client.post(url, {"version": dhs.version})
    assert response.status_code == 302
    dhs.refresh_from_db()
    assert not dhs.active
    assert not roles_of(people["representative"]).representative
    assert AuditEvent.objects.get(action="agency.deactivated").actor == people["site_admin"]
    entry = LogEntry.objects.get_for_object(dhs).get(action=LogEntry.Action.UPDATE)
    assert entry.changes_dict["active"] == ["True", "False"]
    # Out of the public directory, history intact.
    client.get(response["Location"])  # shows the success message
    public = client.get(reverse("agency-directory")).content.decode()
    assert "Department of Homeland Security" not in public
    assert dhs.memberships.count() == 2

    reactivate = reverse("directory:agency-reactivate", args=[dhs.pk])
    assert "Reactivate Department of Homeland Security" in page_text(client.get(reactivate))
    assert client.post(reactivate, {"version": dhs.version}).status_code == 302
    dhs.refresh_from_db()
    assert dhs.active
    assert AuditEvent.objects.filter(action="agency.reactivated").exists()


def test_deactivating_from_a_stale_page_shows_the_conflict(client, people):
    dhs = agency("DHS")
    url = reverse("directory:agency-deactivate", args=[dhs.pk])
    signed_in(client, people["site_admin"])
    stale = dhs.version
    other = Client()
    other.force_login(people["site_admin"])
    other.post(reverse("directory:agency-edit", args=[dhs.pk]), edit_data(dhs, website=""))
    response = client.post(url, {"version": stale})
    assert response.status_code == 200
    assert "was changed by someone else" in page_text(response)
    dhs.refresh_from_db()
    assert dhs.active
    assert f'name="version" value="{dhs.version}"' in response.content.decode()


def test_deactivating_twice_says_so(client, people):
    dhs = agency("DHS")
    signed_in(client, people["site_admin"])
    url = reverse("directory:agency-deactivate", args=[dhs.pk])
    client.post(url, {"version": dhs.version})
    dhs.refresh_from_db()
    response = client.post(url, {"version": dhs.version})
    assert "is already inactive" in page_text(response)


def test_agencies_sort_by_name_ignoring_case(client, people):
    """ "Department of the Interior" comes before "Department of Transportation", as a reader
    expects, on the public directory, the directory list and in the forms' choices."""
    from pitf.models import Agency
    from pitf.selectors import active_agencies, public_directory

    for names in (
        [a.name for a in public_directory()],
        [a.name for a in active_agencies()],
        list(Agency.objects.values_list("name", flat=True)),
    ):
        assert names.index("Department of the Interior") < names.index(
            "Department of Transportation"
        )
        assert names == sorted(names, key=str.lower)
    client.force_login(people["staff"])
    page = client.get("/manage/agencies/").content.decode()
    assert page.index("Department of the Interior") < page.index("Department of Transportation")


def test_each_row_reads_an_agencys_name_kind_parent_bodies_and_status(client, people):
    doj = agency("DOJ")
    part = AgencyFactory(
        name="Office <b>for</b> Victims & Witnesses",
        acronym="OVW&",
        parent=doj,
        kind=Agency.Kind.COMPONENT,
        website="https://www.example.gov/?a=1&b=2",
        active=False,
    )
    signed_in(client, people["site_admin"])
    page = client.get(LIST, {"q": "Victims"}).content.decode()
    detail = reverse("directory:agency-detail", args=[part.pk])
    assert "<b>for</b>" not in page
    assert (
        f'<a class="usa-link" href="{detail}">Office &lt;b&gt;for&lt;/b&gt; Victims &amp; '
        'Witnesses</a> (OVW&amp;)<br><span class="font-body-2xs">'
        "https://www.example.gov/?a=1&amp;b=2</span>"
    ) in page
    assert '<td data-label="Part of">DOJ</td><td data-label="Bodies today">0</td>' in page
    assert '<td data-label="Status"><span class="usa-tag">Inactive</span></td>' in page
