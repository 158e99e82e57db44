"""Benchmark: time the public pages and the health check on PostgreSQL, with the reference data
and again with many more agencies and memberships than the hub will ever hold.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pitf_bench .venv/bin/python bench/public_pages.py

Creates and drops its own database (test_<name>); prints median and 95th-percentile times.
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

REQUESTS = 200
PAGES = ["/", "/agencies/", "/bodies/"]


def measure(client, url):
    client.get(url)  # warm up
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    query_count = len(queries)  # read now: the context reads the live query log
    times = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95)], query_count


def report(label, client):
    print(f"\n{label}")
    print(f"{'page':<14}{'median ms':>11}{'p95 ms':>9}{'queries':>9}")
    for url in PAGES:
        median, p95, queries = measure(client, url)
        print(f"{url:<14}{median:>11.1f}{p95:>9.1f}{queries:>9}")


def main():
    from pitf import reference_data
    from pitf.models import Agency, Body, Membership

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        reference_data.load()
        client = Client()
        report(f"Reference data ({Agency.objects.count()} agencies)", client)

        spog, pitf = Body.objects.get(short_name="spog"), Body.objects.get(short_name="pitf")
        agencies = Agency.objects.bulk_create(
            Agency(
                name=f"Bench Agency {n}",
                acronym=f"BA{n}",
                kind=Agency.Kind.COMPONENT,
                website=f"https://ba{n}.example.gov",
            )
            for n in range(500)
        )
        start = datetime.date(2011, 1, 1)
        Membership.objects.bulk_create(
            Membership(agency=a, body=b, start_date=start + datetime.timedelta(days=n), status=s)
            for n, a in enumerate(agencies)
            for b, s in ((spog, "member"), (pitf, "invited"))
        )
        # Fifteen years of membership churn: each agency left and rejoined once a year.
        Membership.objects.bulk_create(
            Membership(
                agency=a,
                body=spog,
                start_date=datetime.date(year, 1, 1),
                end_date=datetime.date(year, 6, 30),
            )
            for a in agencies[:200]
            for year in range(1996, 2010)
        )
        report(
            f"Scaled ({Agency.objects.count()} agencies, {Membership.objects.count()} memberships)",
            client,
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
