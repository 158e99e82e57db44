"""The public pages for anonymous visitors: an ETag and `Cache-Control: public` so browsers and
proxies may keep them, a 304 for a browser that has the page, and the rendered page kept in the
cache, so that each costs one query whatever the size of the directory; any change to the
directory, or a new day, changes the ETag and the page."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pitf.directory import services
from pitf.models import Body, Membership
from tests.factories import AgencyFactory, MembershipFactory

pytestmark = pytest.mark.django_db
PAGES = ["home", "agency-directory", "body-list"]


def fetch(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries)


def grow(count: int) -> None:
    spog = Body.objects.get(short_name="spog")
    for _ in range(count):
        MembershipFactory(agency=AgencyFactory(), body=spog, start_date=datetime.date(2020, 1, 1))


@pytest.mark.parametrize("name", PAGES)
def test_a_public_page_is_cacheable_and_costs_one_query_at_any_size(client, reference, name):
    url = reverse(name)
    for size in (0, 40):
        grow(size)
        first, _ = fetch(client, url)
        assert first.status_code == 200
        etag = first["ETag"]
        cache_control = {part.strip() for part in first["Cache-Control"].split(",")}
        assert {"public", "max-age=300"} <= cache_control
        again, queries = fetch(client, url)
        assert again.content == first.content and again["ETag"] == etag
        assert queries == 1, f"{url} at +{size} agencies: {queries} queries"
        unchanged, queries = fetch(client, url, if_none_match=etag)
        assert unchanged.status_code == 304 and queries == 1


def test_a_change_to_the_directory_changes_the_page(client, reference, people):
    url = reverse("agency-directory")
    before = client.get(url)
    assert "Observer Agency" in before.content.decode()
    membership = Membership.objects.get(agency__acronym="OBS")
    services.membership_end(
        actor=people["site_admin"],
        membership=membership,
        expected_version=membership.version,
        end_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    after = client.get(url, headers={"if_none_match": before["ETag"]})
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert "Observer Agency" not in after.content.decode()


def test_a_new_day_changes_the_etag(client, reference):
    url = reverse("agency-directory")
    today = client.get(url)["ETag"]
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        assert client.get(url)["ETag"] != today


def test_signed_in_people_get_their_own_page_never_stored(client, people):
    client.force_login(people["staff"])
    response = client.get(reverse("agency-directory"))
    assert "ETag" not in response and "no-store" in response["Cache-Control"]
    assert "Sign out" in response.content.decode()


def test_a_change_by_any_path_changes_the_etag(client, reference):
    """An edit in the Django admin saves the row without raising its version: the ETag follows
    PostgreSQL's row versions, so the page changes all the same."""
    url = reverse("agency-directory")
    before = client.get(url)
    agency = Membership.objects.get(agency__acronym="DHS", body__short_name="spog").agency
    agency.name = "Department of Homeland Security (renamed)"
    agency.save()
    after = client.get(url)
    assert after["ETag"] != before["ETag"]
    assert "Department of Homeland Security (renamed)" in after.content.decode()
