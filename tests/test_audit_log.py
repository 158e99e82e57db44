"""The audit log's pages: site administrators browse and filter the explicit events and the
field history together, page by page, at a constant query count; nobody edits or deletes an
entry, through the product or the Django admin."""

import csv
import datetime
import html
import re

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib import admin
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pitf.audit import log_event
from pitf.models import Agency, AuditEvent, Body
from tests.conftest import audit_log_backdating
from tests.factories import AgencyFactory, DesignationFactory, UserFactory
from tests.test_permission_matrix import sample, single_sign_on  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
URL = "/people/audit-log/"


def rows_of(response):
    return response.context["rows"]


@pytest.fixture
def admin_client(client, people):
    client.force_login(people["site_admin"])
    return client


@pytest.fixture
def history(people):
    """A designation made by the site admin from 10.0.0.7, a changed job title, a login and a
    refusal: both kinds of entries."""
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.7")
    request.user = people["site_admin"]
    with set_actor(people["site_admin"], remote_addr="10.0.0.7"):
        staff = people["staff"]
        staff.job_title = "Grants officer"
        staff.save()
        DesignationFactory(
            person=staff, agency=staff.agency, body=Body.objects.get(short_name="spog")
        )
    log_event("user.login", request=request)
    refused = RequestFactory().get("/people/", REMOTE_ADDR="10.0.0.9")
    refused.user = people["staff"]
    log_event("permission.denied", request=refused, reason="This page is for site admins.")
    return staff


def test_only_site_admins_read_the_audit_log(client, people):
    assert reverse("people:audit-log") == URL
    for role in ("staff", "observer", "representative", "chair", "chairs_office"):
        client.force_login(people[role])
        assert client.get(URL).status_code == 403, role
    client.logout()
    assert client.get(URL).status_code == 302


def test_events_and_field_changes_show_who_what_when_before_after_and_ip(admin_client, history):
    response = admin_client.get(URL)
    assert response.status_code == 200
    rows = rows_of(response)
    kinds = {row.kind for row in rows}
    assert kinds == {"event", "change"}
    # Newest first, whichever table a row came from.
    assert [row.at for row in rows] == sorted((row.at for row in rows), reverse=True)

    change = next(
        r for r in rows if r.action == "Record changed" and r.target_label == history.full_name
    )
    assert change.actor.full_name == "Avery Admin"
    assert change.ip_address == "10.0.0.7"
    [job] = [c for c in change.changes if c.field == "job title"]
    assert (job.before, job.after) == ("(empty)", "Grants officer")

    created = next(r for r in rows if r.target_type == "pitf.designation")
    shown = {c.field: c.after for c in created.changes}
    # References read as names, choices as their labels.
    assert shown["person"] == history.full_name
    assert shown["body"] == "Senior Policy Operating Group"
    assert shown["role"] == "Principal"

    refusal = next(r for r in rows if r.action == "Permission denied")
    assert refusal.actor_email == history.email and refusal.ip_address == "10.0.0.9"
    page = response.content.decode()
    assert "This page is for site admins." in page
    assert "(empty) → Grants officer" in page
    assert "10.0.0.7" in page


def test_filter_by_action(admin_client, history):
    rows = rows_of(admin_client.get(URL, {"action": "user.login"}))
    assert [row.action for row in rows] == ["User login"]
    rows = rows_of(admin_client.get(URL, {"action": "record.created"}))
    assert rows and all(row.action == "Record created" for row in rows)
    form = admin_client.get(URL).context["form"]
    assert "permission.denied" in str(form.fields["action"].choices)
    # An action nobody has done yet finds nothing (rather than dropping the filter).
    assert rows_of(admin_client.get(URL, {"action": "meeting.cancelled"})) == []


def test_filter_by_actor(admin_client, history, people):
    rows = rows_of(admin_client.get(URL, {"actor": "avery"}))
    assert rows and all(row.actor == people["site_admin"] for row in rows)
    rows = rows_of(admin_client.get(URL, {"actor": history.email}))
    assert [row.action for row in rows] == ["Permission denied"]


def test_filter_by_target(admin_client, history):
    rows = rows_of(admin_client.get(URL, {"target_type": "pitf.user", "target": str(history.pk)}))
    assert rows and all(row.target_id == str(history.pk) for row in rows)
    assert all(row.target_type == "pitf.user" for row in rows)
    rows = rows_of(admin_client.get(URL, {"target_type": "pitf.designation"}))
    # The people fixture's designation of the representative, and the one made above.
    assert [row.action for row in rows] == ["Record created", "Record created"]
    assert rows[0].target_label.startswith(history.full_name)
    # The entry names the designation in words, not as internal values.
    assert re.fullmatch(
        rf"{history.full_name}, principal for {history.agency.acronym} at the Senior Policy "
        r"Operating Group, from \w+ \d+, \d{4}(, ongoing| to \w+ \d+, \d{4})",
        rows[0].target_label,
    ), rows[0].target_label
    rows = rows_of(admin_client.get(URL, {"target": "Sam Sta"}))
    assert {row.target_type for row in rows} == {"pitf.user", "pitf.designation"}


def test_every_audited_model_is_a_kind_of_record_to_filter_by(admin_client, people):
    """The "Kind of record" list comes from django-auditlog's registry: the features' meetings,
    circulations and grant documents are there beside the core's records, and filtering by a
    meeting finds the meeting's history."""
    from auditlog.registry import auditlog

    from pitf.meetings.models import Meeting

    page = admin_client.get(URL)
    offered = dict(page.context["form"].fields["target_type"].choices)
    registered = {f"{m._meta.app_label}.{m._meta.model_name}" for m in auditlog.get_models()}
    assert registered <= set(offered)
    for key in ("meetings.meeting", "circulation.circulation", "grants.solicitation"):
        assert key in offered, key
    assert offered["pitf.user"] == "Person"
    assert offered["meetings.meeting"] == "Meeting"
    starts = timezone.now() + datetime.timedelta(days=20)
    meeting = Meeting.objects.create(
        body=Body.objects.get(short_name="spog"),
        title="SPOG quarterly meeting",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        scheduled_by=people["chairs_office"],
    )
    rows = rows_of(admin_client.get(URL, {"target_type": "meetings.meeting"}))
    assert [(row.action, row.target_id) for row in rows] == [("Record created", str(meeting.pk))]


def test_filter_by_date_range(admin_client, history):
    old = timezone.now() - datetime.timedelta(days=40)
    with audit_log_backdating():
        AuditEvent.objects.filter(action="user.login").update(created_at=old)
        LogEntry.objects.filter(content_type__model="designation").update(timestamp=old)
    day = timezone.localdate(old)
    rows = rows_of(admin_client.get(URL, {"date_from": day, "date_to": day}))
    assert {row.action for row in rows} == {"User login", "Record created"}
    rows = rows_of(admin_client.get(URL, {"date_from": day + datetime.timedelta(days=1)}))
    assert "User login" not in {row.action for row in rows}
    bad = admin_client.get(URL, {"date_from": "2026-05-02", "date_to": "2026-05-01"})
    assert "The end date cannot be before the start date." in bad.content.decode()


def test_an_empty_result_says_what_to_do(admin_client, history):
    page = admin_client.get(URL, {"actor": "nobody-at-all"}).content.decode()
    assert "No entry matches these filters" in page


def make_history(n: int) -> None:
    admin_user = UserFactory(is_superuser=True, is_staff=True, totp=False)
    spog = Body.objects.get(short_name="spog")
    with set_actor(admin_user, remote_addr="10.0.0.1"):
        for _ in range(n):
            agency = AgencyFactory(parent=Agency.objects.first())
            person = UserFactory(agency=agency, totp=False)
            DesignationFactory(person=person, agency=agency, body=spog)
            person.agency = Agency.objects.get(acronym="DOS")
            person.save()
            log_event("user.login", actor=person)


def count_queries(client, **query):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, query).status_code == 200
    return len(queries)


def older_link(response) -> dict[str, str]:
    """The query of the page's "Older entries" link."""
    from urllib.parse import parse_qsl

    link = re.search(
        r'href="\?([^"]+)"[^>]*>\s*<span[^>]*>Older entries', response.content.decode()
    )
    return dict(parse_qsl(html.unescape(link[1]))) if link else {}


def newer_link(response) -> dict[str, str]:
    from urllib.parse import parse_qsl

    link = re.search(
        r'href="\?([^"]+)"[^>]*>\s*<svg[^>]*>.*?</svg>\s*<span[^>]*>Newer entries',
        response.content.decode(),
        re.S,
    )
    return dict(parse_qsl(html.unescape(link[1]))) if link else {}


def test_query_count_is_constant_as_the_log_grows(admin_client):
    make_history(3)
    count_queries(admin_client)
    small = count_queries(admin_client)
    small_filtered = count_queries(admin_client, action="record.changed", actor="a")
    make_history(40)
    assert count_queries(admin_client) == small
    older = older_link(admin_client.get(URL))
    assert older, "a log of more than a page links to older entries"
    assert count_queries(admin_client, **older) == small
    assert count_queries(admin_client, action="record.changed", actor="a") == small_filtered


def test_the_log_is_turned_newer_and_older_without_counting(admin_client):
    for n in range(120):
        log_event("user.login", actor_email=f"someone{n:03}@example.gov")
    first = admin_client.get(URL, {"action": "user.login"})
    rows = rows_of(first)
    assert len(rows) == 50
    assert rows[0].actor_email == "someone119@example.gov"  # newest first
    assert not newer_link(first)
    older = older_link(first)
    assert older["action"] == "user.login"  # the filter stays on when turning pages
    second = admin_client.get(URL, older)
    assert [r.actor_email for r in rows_of(second)] == [
        f"someone{n:03}@example.gov" for n in range(69, 19, -1)
    ]
    third = admin_client.get(URL, older_link(second))
    assert len(rows_of(third)) == 20 and rows_of(third)[-1].actor_email == "someone000@example.gov"
    assert not older_link(third)
    # Back from the last page: the same entries as the page before it, in the same order.
    back = admin_client.get(URL, newer_link(third))
    assert [r.actor_email for r in rows_of(back)] == [r.actor_email for r in rows_of(second)]
    back_again = admin_client.get(URL, newer_link(back))
    assert [r.actor_email for r in rows_of(back_again)] == [r.actor_email for r in rows]
    assert not newer_link(back_again)
    # A hand-edited cursor is ignored: the newest entries.
    odd = admin_client.get(URL, {"action": "user.login", "before": "yesterday_event_1"})
    assert [r.actor_email for r in rows_of(odd)] == [r.actor_email for r in rows]


def test_entries_of_one_instant_are_neither_lost_nor_shown_twice(admin_client, settings):
    """Rows of both tables at one timestamp, across a page boundary: each shown once."""
    import time_machine

    with time_machine.travel(timezone.now(), tick=False):
        for n in range(30):
            log_event("user.login", actor_email=f"same{n:02}@example.gov")
        for n in range(30):
            AgencyFactory(name=f"Instant Agency {n:02}", acronym=f"IA{n:02}")
    seen = []
    query = {"date_from": timezone.localdate().isoformat()}
    page = admin_client.get(URL, query)
    while True:
        seen += [(r.kind, r.pk) for r in rows_of(page)]
        query = older_link(page)
        if not query:
            break
        page = admin_client.get(URL, query)
    assert len(seen) == len(set(seen))
    expected = AuditEvent.objects.count() + LogEntry.objects.count()
    assert len(seen) == expected


def snapshot() -> dict:
    return {
        model: {row["id"]: row for row in model.objects.values()}
        for model in (AuditEvent, LogEntry)
    }


def test_no_address_of_the_product_edits_or_deletes_an_entry(sample, single_sign_on):  # noqa: F811
    """Every address of the permission matrix, opened and posted to (empty) by a site
    administrator: every entry there was before is still there, unchanged (the Django admin's
    own refusals and the database's triggers are tested beside this)."""
    from django.test import Client

    from tests.test_permission_matrix import MATRIX, concrete

    log_event("user.login", actor=sample["people"]["staff"])
    before = snapshot()
    assert all(before.values())
    client = Client(raise_request_exception=False)  # a page that fails is not the question
    for row in MATRIX:
        path = concrete(row.path, sample=sample)
        client.force_login(sample["people"]["site_admin"])
        client.get(path)
        client.force_login(sample["people"]["site_admin"])
        client.post(path)
    after = snapshot()
    for model, rows in before.items():
        assert {pk: after[model].get(pk) for pk in rows} == rows, model


def test_the_audit_log_page_only_reads(admin_client, history):
    before = (AuditEvent.objects.count(), LogEntry.objects.count())
    assert admin_client.post(URL).status_code == 405
    assert (AuditEvent.objects.count(), LogEntry.objects.count()) == before


@pytest.mark.parametrize("model", [AuditEvent, LogEntry])
def test_django_admin_registrations_are_read_only(model, rf, people):
    model_admin = admin.site._registry[model]
    request = rf.get("/")
    request.user = people["site_admin"]
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_django_admin_refuses_to_delete_an_event(admin_client, history):
    event = AuditEvent.objects.first()
    url = reverse("admin:pitf_auditevent_delete", args=[event.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()
    entry = LogEntry.objects.first()
    url = reverse("admin:auditlog_logentry_delete", args=[entry.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert LogEntry.objects.filter(pk=entry.pk).exists()
    changelist = admin_client.get(reverse("admin:pitf_auditevent_changelist"))
    assert changelist.status_code == 200


def test_a_service_in_a_request_logs_its_address_without_being_given_the_request(
    admin_client, people
):
    agency = AgencyFactory(name="Department of Examples", acronym="DOX")
    response = admin_client.post(
        f"/manage/agencies/{agency.pk}/deactivate/",
        {"version": agency.version, "confirm": "on"},
        REMOTE_ADDR="10.0.0.12",
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="agency.deactivated")
    assert event.actor == people["site_admin"]
    assert event.ip_address == "10.0.0.12"
    assert event.path == f"/manage/agencies/{agency.pk}/deactivate/"


def test_a_service_outside_a_request_is_logged_as_the_system(admin_client):
    """What a task or a command does: no request, no actor, no address."""
    event = log_event("notification.failed", recipient="rep@dhs.example.gov")
    assert event.actor is None and event.actor_email == "system"
    assert event.ip_address is None and event.path == ""
    page = admin_client.get(URL).content.decode()
    assert "The hub itself (a scheduled task or command)" in page


def test_entries_read_in_words_with_their_time_zone_and_fit_their_box(admin_client, history):
    staff = history
    LogEntry.objects.create(
        content_type_id=LogEntry.objects.filter(object_repr=staff.full_name)
        .first()
        .content_type_id,
        object_pk=str(staff.pk),
        object_id=staff.pk,
        object_repr=staff.full_name,
        action=LogEntry.Action.UPDATE,
        changes={
            "invitations_sent": ["pitf.Invitation.None", "pitf.Invitation.None"],
            "phone": ["", "+1 202 555 0100"],
        },
    )
    log_event("user.mfa_added", actor_email=staff.email, audit_events="pitf.AuditEvent.None")
    response = admin_client.get(URL)
    page = response.content.decode()
    assert ".None" not in page  # a related manager written down says nothing: left out
    assert "+1 202 555 0100" in page
    assert re.search(r"\d{1,2}:\d\d:\d\d [AP]M E[SD]T</time>", page)
    assert "Times are in Eastern Time (America/New_York)." in page
    # Four columns; each entry's details and address on a row of its own under it.
    assert page.count('<th scope="col">') == 4
    assert page.count('class="audit-entry__details"') == len(rows_of(response))
    assert "From address: 10.0.0.7" in page


def test_the_filtered_log_downloads_as_a_spreadsheet(admin_client, history, people):
    log_event("permission.denied", actor_email="=HYPERLINK(1)", reason="Not yours.")
    response = admin_client.get(reverse("people:audit-log-csv"), {"action": "permission.denied"})
    assert response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    rows = list(csv.reader(lines))
    assert rows[0] == [
        "When", "Who", "Who's e-mail", "What", "Record type", "Record", "Details", "Address"
    ]  # fmt: skip
    assert [row[3] for row in rows[1:]] == ["Permission denied", "Permission denied"]
    assert all(re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[45]:00$", row[0]) for row in rows[1:])
    assert rows[1][2] == "'=HYPERLINK(1)"  # a formula is neutralised
    assert rows[1][6] == "reason: Not yours."
    assert rows[2][7] == "10.0.0.9"
    client_of_staff = admin_client
    client_of_staff.force_login(people["staff"])
    assert client_of_staff.get(reverse("people:audit-log-csv")).status_code == 403


def test_what_people_typed_reads_as_text_and_each_kind_of_change_in_its_words(admin_client, people):
    with set_actor(people["site_admin"], remote_addr="10.0.0.7"):
        agency = AgencyFactory(name="Office <b>of</b> Tests & Trials", acronym="OTT")
        agency.name = 'Office of "Quoted" Tests'
        agency.save()
        agency.delete()
    log_event("user.login_failed", actor_email="<script>x</script>@example.gov")
    page = admin_client.get(URL).content.decode()
    assert "<b>of</b>" not in page and "<script>x" not in page
    assert "&lt;script&gt;x&lt;/script&gt;@example.gov" in page
    name = "<strong>Name</strong>: "
    # Created: the value it was given; changed: before → after; deleted: what it was.
    assert f"{name}Office &lt;b&gt;of&lt;/b&gt; Tests &amp; Trials</li>" in page
    assert (
        f"{name}Office &lt;b&gt;of&lt;/b&gt; Tests &amp; Trials → "
        "Office of &quot;Quoted&quot; Tests</li>"
    ) in page
    assert f"{name}was Office of &quot;Quoted&quot; Tests</li>" in page
