"""A person's own page: their agency, roles in words, bodies, designations and offices, the
pages their role may use, and room for meetings, comment requests and reports."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pitf.models import Body, BodyRole, Membership
from tests.factories import BodyRoleFactory, DesignationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/my/"


def page_of(client, user) -> str:
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def link_labels(client, user) -> list[str]:
    client.force_login(user)
    return [link.label for link in client.get(URL).context["links"]]


def test_my_page_needs_a_login(client):
    assert reverse("my-page") == URL
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_representative_sees_agency_roles_bodies_and_designation(client, people):
    page = page_of(client, people["representative"])
    assert "Riley Representative" in page
    assert "Department of Homeland Security" in page
    assert ">Agency representative</span>" in page and ">Agency staff</span>" in page
    # DHS's bodies today, from its memberships.
    assert "Senior Policy Operating Group: member since" in page
    assert "Principal for DHS in the Senior Policy Operating Group" in page
    assert "You hold no office in a body" in page


def test_observer_sees_their_agency_observes(client, people):
    page = page_of(client, people["observer"])
    assert ">Invited agency (observer)</span>" in page
    assert "Senior Policy Operating Group: invited (observer)" in page


def test_offices_are_listed(client, people):
    page = page_of(client, people["chairs_office"])
    assert ">Chair's office</span>" in page
    assert "<li>Chair's office, Senior Policy Operating Group</li>" in page
    page = page_of(client, people["chair"])
    assert "Chair, Grantmaking Committee" in page


def test_empty_sections_say_what_will_come(client, people):
    page = page_of(client, people["staff"])
    assert "<h2>Next meetings</h2>" in page and "No meeting coming up." in page
    assert "<h2>Comment requests</h2>" in page and "No comment requests yet" in page
    # Reporting is not built yet: no section promises it.
    assert "<h2>Reports</h2>" not in page and "No reports yet" not in page
    assert "You are not designated to represent an agency" in page


def test_someone_without_an_agency_is_told_whom_to_ask(client):
    person = UserFactory(agency=None)
    page = page_of(client, person)
    assert "No agency" in page
    assert "Ask the secretariat to add you to your agency" in page


def test_links_follow_the_role(client, people):
    admin_links = link_labels(client, people["site_admin"])
    assert admin_links[:3] == ["People", "Invite someone", "Audit log"]
    assert link_labels(client, people["representative"])[:2] == ["People", "Invite someone"]
    assert "Audit log" not in link_labels(client, people["representative"])
    for role in ("staff", "observer"):
        labels = link_labels(client, people[role])
        assert "People" not in labels and "Audit log" not in labels, role
    page = page_of(client, people["site_admin"])
    assert f'href="{reverse("people:audit-log")}"' in page


def test_header_navigation_offers_the_people_pages_by_role(client, people):
    nav = 'aria-label="Primary navigation"'
    admin_page = page_of(client, people["site_admin"])
    header = admin_page[admin_page.index(nav) : admin_page.index("</nav>", admin_page.index(nav))]
    assert ">People<" in header.replace("<span>", "").replace("</span>", "")
    assert "Audit log" in header
    rep_page = page_of(client, people["representative"])
    header = rep_page[rep_page.index(nav) : rep_page.index("</nav>", rep_page.index(nav))]
    assert reverse("people:user-list") in header and "Audit log" not in header
    staff_page = page_of(client, people["staff"])
    header = staff_page[staff_page.index(nav) : staff_page.index("</nav>", staff_page.index(nav))]
    assert reverse("people:user-list") not in header


def count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_query_count_is_constant(client, people):
    person = people["representative"]
    client.force_login(person)
    count_queries(client)
    small = count_queries(client)
    for body in Body.objects.exclude(short_name="spog"):
        # Memberships of one agency in one body never overlap: add one where there is none.
        if not body.memberships.filter(agency=person.agency).exists():
            MembershipFactory(agency=person.agency, body=body, status=Membership.Status.INVITED)
        DesignationFactory(person=person, agency=person.agency, body=body, role="alternate")
        BodyRoleFactory(person=person, body=body, role=BodyRole.Role.CHAIRS_OFFICE)
    count_queries(client)  # the person's roles changed: the first request reads them again
    assert count_queries(client) == small
