"""Benchmark: what meetings keep, on PostgreSQL.

1. The agenda of a 40-item meeting (each item timed, described, with a document) and its
   approved minutes (a summary and a decision under each item) as PDF (WeasyPrint) and as Word
   (python-docx): the median of 5 downloads through the view.
2. The action items at fifteen years: 600 meetings of the SPOG, 10,000 action items spread over
   its member agencies (a quarter of them open): the median of 20 requests of the body's action
   items page, of a representative's own list ("My action items") and of the meeting page of
   decisions and action items, with each page's number of queries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pitf_bench .venv/bin/python bench/meeting_records.py

Creates and drops its own database (test_<name>).
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

MEETINGS, ACTION_ITEMS, AGENDA_ITEMS = 600, 10_000, 40


def timed(client: Client, url: str, runs: int) -> tuple[float, int, int]:
    """(median milliseconds, queries, bytes) of `runs` GETs after one to warm up."""
    first = client.get(url)
    assert first.status_code == 200, (url, first.status_code)
    connection.queries_log.clear()  # a full log would hide what this request adds
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), len(queries), len(response.content)


def agenda_of_forty(admin, spog):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pitf.meetings import services
    from tests.conftest import meeting_on

    meeting = meeting_on(admin, spog, timezone.localdate() + datetime.timedelta(days=40))
    for number in range(1, AGENDA_ITEMS + 1):
        item = services.agenda_item_add(
            actor=admin,
            meeting=meeting,
            title=f"Item {number}: the figures of the year, by agency",
            minutes=5,
            description="What is to be discussed and decided, and by whom. " * 6,
        )
        services.document_add(
            actor=admin,
            meeting=meeting,
            title=f"Read-ahead {number}",
            upload=SimpleUploadedFile(f"item-{number}.pdf", b"%PDF-1.7\n%%EOF\n"),
            agenda_item=item,
        )
    return meeting


def approved_minutes(admin, meeting, agencies):
    """The meeting held: attendance, a decision per item, minutes with a paragraph per item,
    circulated to one agency and approved."""
    import time_machine

    from pitf import workdays
    from pitf.meetings import services
    from pitf.meetings.models import Attendance, Decision, Minutes

    with time_machine.travel(meeting.ends_at + datetime.timedelta(hours=1)):
        other = agencies[1]
        person = type(admin).objects.create_user(
            email="attendee@bench.example.gov",
            password="x" * 20,
            agency=other,
            full_name="Attendee",
        )
        Attendance.objects.create(
            meeting=meeting, person=person, agency=other, mode="in_person", recorded_by=admin
        )
        items = list(meeting.agenda_items.all())
        Decision.objects.bulk_create(
            Decision(
                meeting=meeting, agenda_item=item, text="Agreed as proposed.", recorded_by=admin
            )
            for item in items
        )
        minutes = services.minutes_start(actor=admin, meeting=meeting)
        text = "\n".join(
            f"## {n}. {item.title}\n\n"
            + "The members discussed the figures and agreed. " * 8
            + "\n\n- Decided: Agreed as proposed.\n"
            for n, item in enumerate(items, start=1)
        )
        services.minutes_save(actor=admin, minutes=minutes, expected_version=1, text=text)
        deadline = workdays.add_business_days(workdays.today_in_washington(), 5)
        services.minutes_circulate(
            actor=admin, minutes=minutes, expected_version=2, deadline=deadline
        )
        services.minutes_approve(actor=admin, minutes=minutes, expected_version=3)
    assert Minutes.objects.get(meeting=meeting).status == "approved"


def fifteen_years(admin, spog, agencies):
    """600 SPOG meetings over fifteen years and 10,000 action items, a quarter open."""
    from pitf.meetings.models import ActionItem, Meeting

    start = timezone.now() - datetime.timedelta(days=15 * 365)
    meetings = Meeting.objects.bulk_create(
        Meeting(
            body=spog,
            title=f"SPOG meeting {n}",
            starts_at=start + datetime.timedelta(days=9 * n),
            ends_at=start + datetime.timedelta(days=9 * n, hours=2),
            scheduled_by=admin,
        )
        for n in range(MEETINGS)
    )
    statuses = ["open", "in_progress", "done", "done", "dropped", "done", "done", "done"]
    rows = []
    for n in range(ACTION_ITEMS):
        meeting = meetings[n % MEETINGS]
        due = meeting.starts_at.date() + datetime.timedelta(days=30)
        status = statuses[n % len(statuses)]
        rows.append(
            ActionItem(
                meeting=meeting,
                title=f"Action {n}: send the figures",
                owner_agency=agencies[n % len(agencies)],
                due_date=due,
                next_reminder_on=due + datetime.timedelta(days=1),
                status=status,
                dropped_reason="Overtaken" if status == "dropped" else "",
                created_by=admin,
            )
        )
    ActionItem.objects.bulk_create(rows, batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return meetings


def main():
    import tempfile

    from django.conf import settings
    from django.test.utils import setup_test_environment

    from pitf import reference_data
    from pitf.models import Agency, Body, BodyRole, Membership, User

    setup_test_environment()  # the test client's host, the in-memory mail backend
    settings.MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="bench-media-"))
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        reference_data.load()
        spog = Body.objects.get(short_name="spog")
        members = Membership.objects.filter(body=spog).values("agency_id")
        agencies = list(Agency.objects.filter(pk__in=members).order_by("pk"))
        admin = User.objects.create_superuser(
            email="admin@bench.example.gov",
            password="x" * 20,
            full_name="Bench Admin",
            agency=agencies[0],
        )
        BodyRole.objects.create(person=admin, body=spog, start_date=datetime.date(2020, 1, 1))
        meeting = agenda_of_forty(admin, spog)
        approved_minutes(admin, meeting, agencies)
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        TOTP.activate(admin, generate_totp_secret())  # signed-in pages ask for a second factor
        client = Client()
        client.force_login(admin)
        print(f"Agenda and minutes of {AGENDA_ITEMS} items (median of 5):")
        for name in ("agenda-pdf", "agenda-docx", "minutes-pdf", "minutes-docx"):
            ms, queries, size = timed(client, reverse(f"meetings:{name}", args=[meeting.pk]), 5)
            print(f"  {name}: {ms:.0f} ms, {queries} queries, {size / 1024:.0f} KB")

        meetings = fifteen_years(admin, spog, agencies)
        representative = User.objects.create_user(
            email="rep@bench.example.gov", password="x" * 20, agency=agencies[0], full_name="Rep"
        )
        TOTP.activate(representative, generate_totp_secret())
        theirs = Client()
        theirs.force_login(representative)
        print(f"Action items at fifteen years ({MEETINGS} meetings, {ACTION_ITEMS} items):")
        pages = [
            ("body's open action items", client, reverse("meetings:body-actions", args=[spog.pk])),
            (
                "body's every action item",
                client,
                reverse("meetings:body-actions", args=[spog.pk]) + "?show=all",
            ),
            ("an agency's own (My action items)", theirs, reverse("meetings:my-actions")),
            (
                "a meeting's decisions and action items",
                client,
                reverse("meetings:outcomes", args=[meetings[-1].pk]),
            ),
        ]
        for label, who, url in pages:
            ms, queries, size = timed(who, url, 20)
            print(f"  {label}: {ms:.1f} ms, {queries} queries, {size / 1024:.0f} KB")
        started = time.perf_counter()
        response = client.get(reverse("meetings:body-actions-csv", args=[spog.pk]))
        ms = (time.perf_counter() - started) * 1000
        print(
            f"  the body's CSV ({ACTION_ITEMS} rows): {ms:.0f} ms, {len(response.content) / 1024:.0f} KB"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
