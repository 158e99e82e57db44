"""The public pages show the reference data, need no login, and keep their query counts flat."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pitf.models import Body
from tests.factories import AgencyFactory, BodyFactory, DesignationFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_home_describes_the_pitf_and_spog(client, reference):
    page = client.get(reverse("home")).content.decode()
    assert "Chaired by the Secretary of State" in page
    assert "Meets quarterly" in page
    assert "Chaired by the Ambassador-at-Large to Monitor and Combat Trafficking in Persons" in page


def test_directory_shows_agencies_with_websites(client, reference):
    page = client.get(reverse("agency-directory")).content.decode()
    assert "Department of Transportation (DOT)" in page
    assert 'href="https://www.transportation.gov"' in page
    assert "Member of the SPOG since 2011" in page
    assert "Department of Justice" in page  # the FBI's parent


def test_directory_empty_state_says_what_to_do(client):
    page = client.get(reverse("agency-directory")).content.decode()
    assert "No agencies yet" in page
    assert "load_reference_data" in page


def test_bodies_page_shows_chairs_and_cadence(client, reference):
    page = client.get(reverse("body-list")).content.decode()
    assert "Grantmaking Committee" in page
    assert "FAR Anti-Trafficking Provision Working Group" in page
    assert "Quarterly" in page and "Annually" in page


def test_my_page_shows_designations(client, user, reference):
    spog = Body.objects.get(short_name="spog")
    DesignationFactory(person=user, body=spog)
    client.force_login(user)
    page = client.get(reverse("my-page")).content.decode()
    assert user.full_name in page
    assert f"Principal for {user.agency.acronym} in the Senior Policy Operating Group" in page


def test_pages_send_a_strict_content_security_policy(client, reference):
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["home", "agency-directory", "body-list"])
def test_public_page_query_count_is_constant(client, reference, name):
    url = reverse(name)
    small = count_queries(client, url)
    spog = Body.objects.get(short_name="spog")
    for _ in range(30):
        MembershipFactory(body=spog, agency=AgencyFactory(parent=AgencyFactory()))
        BodyFactory(parent=spog, chair_agency=AgencyFactory())
    assert count_queries(client, url) == small


def test_my_page_query_count_is_constant(client, user, reference):
    client.force_login(user)
    url = reverse("my-page")
    count_queries(client, url)
    small = count_queries(client, url)
    for _ in range(10):
        DesignationFactory(person=user, body=BodyFactory())
    count_queries(client, url)  # the person's roles changed: the first request reads them again
    assert count_queries(client, url) == small


def test_a_message_alone_as_success_needs_a_form_page_and_is_refused_before_any_save(rf):
    """form_view goes back to a FormPage's cancel URL after a message alone; with a page of
    another sort it refuses at once, before the service can write anything."""
    from django import forms

    from pitf.pages import form_view

    saved = []
    request = rf.post("/", {})
    with pytest.raises(TypeError):
        form_view(
            request,
            forms.Form({}),
            lambda form: saved.append(form),
            success="Saved.",
            page=lambda form: None,
        )
    assert saved == []
