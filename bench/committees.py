"""Benchmark: a committee tracker at the size the issue names, on PostgreSQL.

A tracker of 200 rows against 60 participating agencies (12,000 cells), three in four written
with a note, as the FAR working group's chair's office would see it:

1. The matrix page (every row and agency, totals per row and per agency): the median of 5
   requests, its queries and size.
2. The matrix filtered to one agency: the median of 5 requests.
3. The XLSX export (the matrix and a sheet of every written cell's note): the median of 3.
4. The CSV export: the median of 3.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pitf_bench .venv/bin/python bench/committees.py

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

ROWS, AGENCIES = 200, 60


def median_ms(function, runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def tracker_at_size(admin, body):
    from committees.models import Status, TrackerCell
    from committees.services.trackers import tracker_create
    from pitf.models import Agency, Membership

    start = datetime.date(2020, 1, 1)
    agencies = list(Agency.objects.order_by("pk")[:AGENCIES])
    for number in range(AGENCIES - len(agencies)):
        agencies.append(
            Agency.objects.create(
                name=f"Bench Agency {number}",
                acronym=f"BA{number}",
                kind=Agency.Kind.INDEPENDENT_AGENCY,
                website=f"https://ba{number}.example.gov",
            )
        )
    Membership.objects.bulk_create(
        Membership(agency=agency, body=body, start_date=start) for agency in agencies
    )
    tracker = tracker_create(
        actor=admin,
        body=body,
        title="FAR subpart 22.17 at scale",
        agencies=agencies,
        rows=[(f"22.17-{n}", f"Requirement {n}: what each agency does. " * 3) for n in range(ROWS)],
    )
    statuses = [Status.IMPLEMENTED, Status.IN_PROGRESS, Status.NOT_STARTED]
    cells = [
        TrackerCell(
            row=row,
            agency=agency,
            status=statuses[(row.position + index) % 3],
            note="Done as the clause requires; see the evidence.",
            noted_on=start,
            updated_by=admin,
        )
        for row in tracker.rows.all()
        for index, agency in enumerate(agencies)
        if (row.position + index) % 4
    ]
    TrackerCell.objects.bulk_create(cells, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return tracker, agencies, len(cells)


def measure(client, url: str, label: str, runs: int = 5) -> None:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    ms = median_ms(lambda: client.get(url), runs)
    print(
        f"  {label}: {ms:.0f} ms (median of {runs}), {len(queries)} queries, "
        f"{len(response.content) / 1024:.0f} KB"
    )


def main():
    from django.test.utils import setup_test_environment

    from pitf import reference_data
    from pitf.models import Agency, Body, BodyRole, User

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        reference_data.load()
        body = Body.objects.get(short_name="far-implementation")
        admin = User.objects.create_superuser(
            email="admin@bench.example.gov",
            password="x" * 20,
            full_name="Bench Admin",
            agency=Agency.objects.order_by("pk").first(),
        )
        BodyRole.objects.create(person=admin, body=body, start_date=datetime.date(2020, 1, 1))
        started = time.perf_counter()
        tracker, agencies, count = tracker_at_size(admin, body)
        print(
            f"Data: a tracker of {ROWS} rows x {len(agencies)} agencies, {count:,} cells written "
            f"({time.perf_counter() - started:.0f} s to load)"
        )
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        TOTP.activate(admin, generate_totp_secret())
        client = Client()
        client.force_login(admin)
        page = reverse("committees:tracker", args=[tracker.pk])
        measure(client, page, "matrix page")
        measure(client, f"{page}?agency={agencies[3].pk}", "matrix of one agency")
        measure(client, reverse("committees:tracker-xlsx", args=[tracker.pk]), "XLSX export", 3)
        measure(client, reverse("committees:tracker-csv", args=[tracker.pk]), "CSV export", 3)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
