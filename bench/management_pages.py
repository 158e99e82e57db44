"""Benchmark: time the pages a site administrator manages people and the directory with, on
PostgreSQL, with the reference data and again with far more people, designations and audit-log
entries than the hub will hold in years.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pitf_bench .venv/bin/python bench/management_pages.py

Creates and drops its own database (test_<name>); prints median and 95th-percentile times and
the number of queries of each page (which must not grow with the data).
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

REQUESTS = 100


# BENCH_AUDIT_ENTRIES=1000000 measures the audit log at a million entries.
AUDIT_ENTRIES = int(os.environ.get("BENCH_AUDIT_ENTRIES", "100000"))


def pages(spog_pk: int) -> list[str]:
    return [
        "/my/",
        "/manage/agencies/",
        f"/manage/bodies/{spog_pk}/",
        f"/manage/history/members/?body={spog_pk}",
        f"/manage/history/representatives/?body={spog_pk}",
        "/people/",
        "/people/?q=person",
        "/people/audit-log/",
        "/people/audit-log/?action=user.login",
    ]


def measure(client, url):
    assert client.get(url).status_code == 200, url  # warm up
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    query_count = len(queries)
    times = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95)], query_count


def report(label, client, urls):
    print(f"\n{label}")
    print(f"{'page':<52}{'median ms':>11}{'p95 ms':>9}{'queries':>9}")
    for url in urls:
        median, p95, queries = measure(client, url)
        print(f"{url:<52}{median:>11.1f}{p95:>9.1f}{queries:>9}")


def scale_up(spog):
    """2,000 people across the agencies, a principal and an alternate for every member agency
    each year since 2011, and BENCH_AUDIT_ENTRIES audit-log entries (half events, half field
    changes; 100,000 by default)."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from pitf.models import Agency, AuditEvent, Designation, Membership, User

    agencies = list(Agency.objects.all())
    people = User.objects.bulk_create(
        User(
            email=f"person{n}@bench.example.gov",
            full_name=f"Person {n}",
            agency=agencies[n % len(agencies)],
            password="!",  # noqa: S106 (an unusable password)
        )
        for n in range(2000)
    )
    members = list(Membership.objects.filter(body=spog).values_list("agency_id", flat=True))
    designations = []
    for year in range(2011, 2026):
        for agency_id in set(members):
            staff = [p for p in people if p.agency_id == agency_id]
            if len(staff) < 2:
                continue
            for role, person in (("principal", staff[0]), ("alternate", staff[1])):
                designations.append(
                    Designation(
                        person=person,
                        agency_id=agency_id,
                        body=spog,
                        role=role,
                        start_date=datetime.date(year, 1, 1),
                        end_date=datetime.date(year, 12, 31),
                    )
                )
    Designation.objects.bulk_create(designations)
    AuditEvent.objects.bulk_create(
        (
            AuditEvent(
                action="user.login" if n % 2 else "permission.denied",
                actor=people[n % len(people)],
                actor_email=people[n % len(people)].email,
                ip_address="127.0.0.1",
                path="/my/",
                data={"n": n},
            )
            for n in range(AUDIT_ENTRIES // 2)
        ),
        batch_size=10_000,
    )
    user_type = ContentType.objects.get_for_model(User)
    LogEntry.objects.bulk_create(
        (
            LogEntry(
                content_type=user_type,
                object_pk=str(people[n % len(people)].pk),
                object_id=people[n % len(people)].pk,
                object_repr=people[n % len(people)].full_name,
                action=LogEntry.Action.UPDATE,
                changes={"full_name": ["Before", "After"]},
                actor=people[(n + 1) % len(people)],
            )
            for n in range(AUDIT_ENTRIES // 2)
        ),
        batch_size=10_000,
    )


def main():
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from auditlog.models import LogEntry

    from pitf import reference_data
    from pitf.models import AuditEvent, Body, Designation, User

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        reference_data.load()
        spog = Body.objects.get(short_name="spog")
        admin = User.objects.create_superuser(
            email="admin@bench.example.gov", password="x" * 20, full_name="Bench Admin"
        )
        TOTP.activate(admin, generate_totp_secret())
        client = Client()
        client.force_login(admin)
        urls = pages(spog.pk)
        report(f"Reference data ({User.objects.count()} people)", client, urls)
        scale_up(spog)
        counts = (
            f"{User.objects.count()} people, {Designation.objects.count()} designations, "
            f"{AuditEvent.objects.count() + LogEntry.objects.count()} audit-log entries"
        )
        report(f"Scaled ({counts})", client, urls)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
