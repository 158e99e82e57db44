"""Benchmark: circulation for comment on PostgreSQL and Redis.

1. The fan-out of one circulation to every SPOG member agency's people (a principal, an
   alternate and two grant contacts each) through a real Celery worker (--concurrency=2) to a
   local SMTP sink: messages per second.
2. The consolidated view and the comment matrix (DOCX, PDF, CSV) with 60 agencies and 600
   submitted comments: median and 95th-percentile times and queries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pitf_bench .venv/bin/python bench/circulation.py

Creates and drops its own database (test_<name>) and uses its own Celery queue on REDIS_URL.
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ["CELERY_QUEUE"] = f"pitf-bench-{os.getpid()}"

import django  # noqa: E402

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

import bench.meetings as shared  # noqa: E402

AGENCIES, COMMENTS_EACH, REQUESTS = 60, 10, 30


def fan_out(owner, spog) -> None:
    from pitf import workdays
    from pitf.circulation import services
    from pitf.circulation.models import Contact
    from pitf.models import Agency, Designation, Membership

    members = list(
        Agency.objects.filter(
            pk__in=Membership.objects.filter(body=spog, status="member").values("agency_id")
        ).exclude(pk=owner.agency_id)
    )
    people = shared.people(len(members) * 4, "member", members)
    by_agency = {}
    for person in people:
        by_agency.setdefault(person.agency_id, []).append(person)
    designations, contacts = [], []
    for agency_id, staff in by_agency.items():
        for role, person in zip(("principal", "alternate"), staff[:2], strict=True):
            designations.append(
                Designation(
                    person=person,
                    agency_id=agency_id,
                    body=spog,
                    role=role,
                    start_date=datetime.date(2020, 1, 1),
                )
            )
        contacts += [
            Contact(topic="grants", agency_id=agency_id, person=person, added_by=owner)
            for person in staff[2:]
        ]
    Designation.objects.bulk_create(designations)
    Contact.objects.bulk_create(contacts)
    worker = shared.start_worker()
    try:
        began = time.perf_counter()
        services.circulation_start(
            actor=owner,
            document=spog,
            owner_agency=owner.agency,
            title="FY2027 NOFO",
            deadline=workdays.add_business_days(workdays.today_in_washington(), 10),
        )
        committed = time.perf_counter()
        expected = len(people)
        deadline = time.monotonic() + 600
        while len(shared.SINK.messages) < expected:
            if time.monotonic() > deadline:
                raise RuntimeError(f"only {len(shared.SINK.messages)} of {expected} arrived")
            time.sleep(0.05)
        arrived = time.perf_counter()
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    print(f"\n1. One circulation to {len(members)} agencies, {expected} people")
    print(
        f"   circulating (recipients, {expected} notices, their tasks): {committed - began:.1f} s"
    )
    print(
        f"   from the commit to the last message at the sink: {arrived - committed:.1f} s, "
        f"{expected / (arrived - committed):.0f} messages a second"
    )


def big_matrix(owner, spog):
    """60 agencies (the SPOG's members and more), each with ten submitted comments."""
    from pitf import workdays
    from pitf.circulation.models import Circulation, Comment, Recipient
    from pitf.models import Agency

    existing = Agency.objects.count()
    Agency.objects.bulk_create(
        Agency(name=f"Bench Agency {n}", acronym=f"BA{n}", kind="independent_agency")
        for n in range(max(0, AGENCIES + 1 - existing))
    )
    agencies = list(Agency.objects.exclude(pk=owner.agency_id)[:AGENCIES])
    from django.contrib.contenttypes.models import ContentType

    circulation = Circulation.objects.create(
        document_type=ContentType.objects.get_for_model(spog),
        document_id=str(spog.pk),
        title="FY2027 NOFO with every comment",
        owner_agency=owner.agency,
        body=spog,
        circulated_by=owner,
        deadline_at=workdays.close_of_business(
            workdays.add_business_days(workdays.today_in_washington(), 10)
        ),
    )
    now = django.utils.timezone.now()
    recipients = Recipient.objects.bulk_create(
        Recipient(
            circulation=circulation,
            agency=agency,
            answer="comments",
            submitted_at=now,
            submitted_by=owner,
        )
        for agency in agencies
    )
    Comment.objects.bulk_create(
        Comment(
            recipient=recipient,
            section=f"Section {n}, page {n * 3}",
            kind="substantive",
            text="The performance measures should count survivors served, not only trainings "
            f"held; see comment {n}.",
            author=owner,
            resolution="adopted_in_part" if n % 2 else "",
        )
        for recipient in recipients
        for n in range(COMMENTS_EACH)
    )
    return circulation


def measure(client, url):
    assert client.get(url).status_code == 200, url
    reset_queries()  # a full query log (9,000 entries) would count nothing new
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    times = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95)], len(queries)


def main():
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.test.utils import setup_test_environment

    from pitf import reference_data
    from pitf.models import Agency, Body, User
    from tests.conftest import SmtpSink

    shared.SINK = SmtpSink().start()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        reference_data.load()
        spog = Body.objects.get(short_name="spog")
        owner = User.objects.create_user(
            email="owner@bench.example.gov",
            password="x" * 20,
            full_name="Bench Owner",
            agency=Agency.objects.get(acronym="HHS"),
        )
        fan_out(owner, spog)
        shared.purge_queue()
        circulation = big_matrix(owner, spog)
        setup_test_environment()
        TOTP.activate(owner, generate_totp_secret())
        client = Client()
        client.force_login(owner)
        print(
            f"\n2. The consolidated view and the comment matrix: {AGENCIES} agencies, "
            f"{AGENCIES * COMMENTS_EACH} comments ({REQUESTS} requests each)"
        )
        print(f"   {'page':<44}{'median ms':>11}{'p95 ms':>9}{'queries':>9}")
        for label, url in [
            ("consolidated view", f"/circulation/{circulation.pk}/"),
            ("comment matrix, DOCX", f"/circulation/{circulation.pk}/comment-matrix.docx"),
            ("comment matrix, PDF", f"/circulation/{circulation.pk}/comment-matrix.pdf"),
            ("comment matrix, CSV", f"/circulation/{circulation.pk}/comment-matrix.csv"),
        ]:
            median, p95, queries = measure(client, url)
            print(f"   {label:<44}{median:>11.1f}{p95:>9.1f}{queries:>9}")
    finally:
        shared.purge_queue()
        shared.SINK.stop()
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
