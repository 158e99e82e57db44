"""The admin's lists of the audit log stay usable as the log grows: the same queries at 40
entries and at 400, none of them a DISTINCT drill-down or a choice list read from the log, and,
past the size where counting costs, an unfiltered list counted by the planner's estimate while
a filtered one is counted exactly."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pitf.models import Agency, AuditEvent
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db
LISTS = ("admin:pitf_auditevent_changelist", "admin:auditlog_logentry_changelist")


def grow_the_log(count: int) -> None:
    agency = Agency.objects.order_by("pk").first()
    kind = ContentType.objects.get_for_model(Agency)
    AuditEvent.objects.bulk_create(
        AuditEvent(action=("user.login", "permission.denied")[i % 2], actor_email=f"p{i}@x.gov")
        for i in range(count)
    )
    LogEntry.objects.bulk_create(
        LogEntry(
            content_type=kind,
            object_pk=str(agency.pk),
            object_id=agency.pk,
            object_repr=agency.name,
            action=LogEntry.Action.UPDATE,
            changes={"website": ["", f"https://{i}.example.gov"]},
        )
        for i in range(count)
    )


def queries_of(client, url: str, data=None) -> list[str]:
    client.get(url, data or {})  # the session's and the content types' first reads
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, data or {}).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_the_audit_lists_make_the_same_queries_at_two_sizes(client, reference):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    counts = {}
    for size in (40, 400):
        grow_the_log(size if not counts else size - 40)
        for name in LISTS:
            sql = queries_of(client, reverse(name))
            counts.setdefault(name, []).append(len(sql))
            tables = ("pitf_auditevent", "auditlog_logentry")
            distinct = [q for q in sql if "DISTINCT" in q and any(t in q for t in tables)]
            # The one DISTINCT allowed is the skip scan of actions (one probe per action).
            assert all("WITH RECURSIVE" in q for q in distinct), distinct
            assert not [q for q in sql if "date_trunc" in q.lower() or "EXTRACT" in q], sql
    assert all(first == second for first, second in counts.values()), counts


def test_past_the_threshold_an_unfiltered_list_is_counted_by_the_estimate(
    client, reference, monkeypatch
):
    from pitf.people import admin as audit_admin

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    grow_the_log(120)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE pitf_auditevent")
    monkeypatch.setattr(audit_admin, "ESTIMATED_FROM", 100)
    url = reverse("admin:pitf_auditevent_changelist")
    sql = queries_of(client, url)
    counted = [q for q in sql if "COUNT(" in q.upper() and "pitf_auditevent" in q]
    assert not counted, counted
    assert "120 audit events" in client.get(url).content.decode()
    # A filter is counted exactly: half the events are logins.
    sql = queries_of(client, url, {"action": "user.login"})
    assert [q for q in sql if "COUNT(" in q.upper() and "pitf_auditevent" in q]
    page = client.get(url, {"action": "user.login"}).content.decode()
    assert "60 audit events" in page and "permission.denied" in page  # the filter's choices


def test_a_list_shows_twenty_five_rows_and_offers_no_bulk_deletion(client, reference):
    """Twenty-five rows a page; a record is deleted from its own page, never by ticking rows."""
    AgencyFactory.create_batch(10)
    assert Agency.objects.count() > 25
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(reverse("admin:pitf_agency_changelist"))
    assert response.status_code == 200
    changelist = response.context["cl"]
    assert changelist.list_per_page == 25
    assert len(changelist.result_list) == 25
    page = response.content.decode()
    assert 'name="action"' not in page and "action-checkbox" not in page
    assert response.context["action_form"] is None
