"""The fixed cost of a signed-in request: the session comes from the cache (written through to
the database), so a page opened within the minute reads no session row and writes nothing; the
person is the rest: their roles are kept in the cache between requests and read again once
anything they are read from changes. When the cache cannot be reached, the
database serves the session and the person stays signed in."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import free_port

pytestmark = pytest.mark.django_db
# The person; their roles come from the cache (three queries when they are not there).
FIXED_QUERIES = 1
# A page whose own work is one query (the bodies, grouped by kind).
PAGE, PAGE_QUERIES = "directory:body-list", 1


def queries_of(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_a_signed_in_request_reads_no_session_row(client, people):
    client.force_login(people["staff"])
    url = reverse(PAGE)
    client.get(url)  # the first request after signing in moves the idle clock on
    sql = queries_of(client, url)
    assert not [query for query in sql if "django_session" in query], sql
    assert not [query for query in sql if not query.startswith("SELECT")], sql
    assert len(sql) <= FIXED_QUERIES + PAGE_QUERIES, sql


def test_the_session_outlives_a_cache_that_cannot_be_reached(client, people, settings):
    client.force_login(people["staff"])
    url = reverse(PAGE)
    assert client.get(url).status_code == 200
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
        }
    }
    sql = queries_of(client, url)
    assert any("django_session" in query for query in sql), sql  # the database served it
    response = client.get(reverse("my-page"))
    assert response.status_code == 200 and people["staff"].full_name in response.content.decode()


def test_a_cached_session_past_its_expiry_is_not_used(client, people, settings):
    """The cache's time to live is its server's clock; the hub checks the expiry itself, as it
    does for the database's copy."""
    import datetime

    import time_machine
    from django.utils import timezone

    client.force_login(people["staff"])
    url = reverse(PAGE)
    assert client.get(url).status_code == 200
    later = timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
    with time_machine.travel(later):
        response = client.get(url)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_a_role_granted_or_taken_away_counts_from_the_next_request(client, people):
    """Roles come from the cache; any change to an office, designation, membership or agency,
    by a service, the admin or a versioned save, is seen by the next request."""
    import datetime

    from django.utils import timezone

    from pitf.directory import services
    from pitf.models import Body, BodyRole

    staff, admin = people["staff"], people["site_admin"]
    client.force_login(staff)
    audit_log = reverse("people:audit-log")
    spog = Body.objects.get(short_name="spog")
    meetings = reverse("meetings:schedule", args=[spog.pk])
    assert client.get(meetings).status_code == 403
    office = services.office_appoint(
        actor=admin, person=staff, body=spog, role=BodyRole.Role.CHAIRS_OFFICE,
        start_date=timezone.localdate(),
    )  # fmt: skip
    assert client.get(meetings).status_code == 200
    services.office_end(
        actor=admin, office=office, expected_version=office.version,
        end_date=timezone.localdate() - datetime.timedelta(days=0),
    )  # fmt: skip
    assert client.get(meetings).status_code == 200  # the last day still counts
    office.refresh_from_db()
    office.delete()
    assert client.get(meetings).status_code == 403
    staff.is_superuser = True
    staff.save()
    assert client.get(audit_log).status_code == 200


def test_a_designation_moved_to_another_person_takes_the_role_from_the_first(client, people):
    """The Django admin can move a designation to another person: the former holder's cached
    roles are dropped too."""
    import datetime

    from pitf.models import Designation
    from tests.factories import UserFactory

    # An alternate: a representative manages their agency's alternates (a principal is the
    # secretariat's), their own included.
    dhs = people["representative"].agency
    alternate = UserFactory(agency=dhs)
    designation = Designation.objects.create(
        person=alternate,
        agency=dhs,
        body=Designation.objects.get(person=people["representative"]).body,
        role=Designation.Role.ALTERNATE,
        start_date=datetime.date(2020, 1, 1),
    )
    client.force_login(alternate)
    url = reverse("directory:designation-end", args=[designation.pk])
    assert client.get(url).status_code == 200
    designation.person = UserFactory(agency=dhs)
    designation.save()
    assert client.get(url).status_code == 403


def test_the_cache_keeps_one_redis_client_per_server():
    """Django's own Redis backend makes a redis-py client, and its table of reply handlers, for
    every read; django-redis keeps one per server, shared by threads."""
    import threading

    from django.core.cache import caches
    from django_redis.cache import RedisCache

    cache = caches["default"]

    assert isinstance(cache, RedisCache)
    cache.set("request-cost-probe", {"a": 1}, 30)
    seen = []

    def read():
        seen.append((cache.get("request-cost-probe"), cache.client.get_client(write=False)))

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    read()
    assert [value for value, _ in seen] == [{"a": 1}] * 5
    assert len({id(client) for _, client in seen}) == 1
    cache.delete("request-cost-probe")
