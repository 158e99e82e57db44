"""Benchmark: the SPOG's reporting, on PostgreSQL.

1. Fifteen fiscal years of accepted accomplishment reports: 2,000 entries a year (30,000 in
   all) over the SPOG's member agencies, each serving one or two objectives, one in ten shared
   with a partner who confirmed it.
2. The portrait of one fiscal year (2,000 entries) built as PDF (WeasyPrint) and as Word
   (python-docx), as the worker builds it: the median of 3 builds each.
3. The portrait page of that year at fifteen years of data: the median of 5 requests, its
   queries and size.
4. A 10,200-row statistics CSV (20 indicators, 17 agencies, fiscal years 2000 to 2029) imported: the first
   import, then the same file again (nothing changes).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pitf_bench .venv/bin/python bench/spog_reporting.py

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

YEARS, PER_YEAR = range(2013, 2028), 2000


def median_ms(function, runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def fifteen_years(admin, agencies):
    from spog.models import AgencyReport, Entry, EntryPartner, Objective, ReportingCycle
    from spog.periods import bounds

    objectives = list(Objective.objects.all())
    cycles = []
    for year in YEARS:
        start, end = bounds(year, "year")
        due = end + datetime.timedelta(days=30)
        cycles.append(
            ReportingCycle(
                fiscal_year=year,
                period="year",
                start_date=start,
                end_date=end,
                due_date=due,
                remind_on=due - datetime.timedelta(days=7),
                opened_by=admin,
            )
        )
    cycles = ReportingCycle.objects.bulk_create(cycles)
    reports = AgencyReport.objects.bulk_create(
        AgencyReport(cycle=cycle, agency=agency, status="accepted")
        for cycle in cycles
        for agency in agencies
    )
    categories = ["training", "research", "grants", "statistics", "campaigns", "working_groups"]
    entries = []
    for report in reports:
        for number in range(-(-PER_YEAR // len(agencies))):
            category = categories[number % len(categories)]
            entries.append(
                Entry(
                    report=report,
                    category=category,
                    title=f"{report.agency.acronym} accomplishment {number}",
                    description="What was done, for whom, and what came of it. " * 4,
                    start_date=report.cycle.start_date + datetime.timedelta(days=number % 300),
                    people_trained=40 if category == "training" else None,
                    audience="Law enforcement" if category == "training" else "",
                    funds_awarded=250000 if category == "grants" else None,
                    items_published=2 if category in ("research", "campaigns") else None,
                    victims_served=15 if number % 4 == 0 else None,
                    created_by=admin,
                )
            )
    entries = Entry.objects.bulk_create(entries, batch_size=2000)
    through = Entry.objects.model.objectives.through
    through.objects.bulk_create(
        [
            through(entry_id=entry.pk, objective_id=objectives[n % len(objectives)].pk)
            for n, entry in enumerate(entries)
        ]
        + [
            through(entry_id=entry.pk, objective_id=objectives[(n + 5) % len(objectives)].pk)
            for n, entry in enumerate(entries)
            if n % 3 == 0
        ],
        batch_size=5000,
    )
    from django.utils import timezone

    now = timezone.now()
    EntryPartner.objects.bulk_create(
        [
            EntryPartner(
                entry=entry,
                agency=agencies[(agencies.index(entry.report.agency) + 1) % len(agencies)],
                confirmed_at=now,
            )
            for n, entry in enumerate(entries)
            if n % 10 == 0
        ],
        batch_size=5000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return len(entries)


def statistics_csv(agencies) -> str:
    from pitf.models import User
    from spog.models import Indicator

    indicators = [
        Indicator.objects.create(
            name=f"Indicator {n}",
            unit="cases",
            definition="Counted as defined.",
            owning_agency=agencies[0],
            source="Program data",
            created_by=User.objects.get(email="admin@bench.example.gov"),
        )
        for n in range(20)
    ]
    lines = ["indicator,agency,fiscal_year,value"]
    for indicator in indicators:
        for agency in agencies:
            for year in range(2000, 2030):
                lines.append(f"{indicator.name},{agency.acronym},{year},{year % 97}")
    return "\n".join(lines) + "\n"


def main():
    import tempfile

    from django.conf import settings
    from django.test.utils import setup_test_environment

    from pitf import reference_data
    from pitf.models import Agency, Body, BodyRole, Membership, User

    setup_test_environment()
    settings.MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="bench-media-"))
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        reference_data.load()
        from spog.reference import load_plans

        load_plans()
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
        started = time.perf_counter()
        count = fifteen_years(admin, agencies)
        print(
            f"Data: {count:,} entries over {len(YEARS)} fiscal years, {len(agencies)} agencies "
            f"({time.perf_counter() - started:.0f} s to load)"
        )

        from spog.exports import portrait_docx, portrait_pdf
        from spog.portrait import Scope, portrait_of

        year = YEARS[-1]
        portrait = portrait_of(Scope(year))
        print(
            f"Portrait of FY {year} ({portrait.entry_count:,} entries), built as the worker "
            "builds it (median of 3):"
        )
        for label, build in (("PDF", portrait_pdf), ("Word", portrait_docx)):
            size = len(build(portrait_of(Scope(year))))
            ms = median_ms(lambda build=build: build(portrait_of(Scope(year))), 3)
            print(f"  {label}: {ms / 1000:.1f} s, {size / 1024:.0f} KB")

        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        TOTP.activate(admin, generate_totp_secret())
        client = Client()
        client.force_login(admin)
        url = reverse("spog:portrait", args=[year])
        response = client.get(url)
        assert response.status_code == 200
        connection.queries_log.clear()  # a full log would hide what this request adds
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        ms = median_ms(lambda: client.get(url), 5)
        print(
            f"Portrait page of FY {year} at fifteen years: {ms:.0f} ms (median of 5), "
            f"{len(queries)} queries, {len(response.content) / 1024:.0f} KB"
        )

        from spog.services.statistics import values_import

        text = statistics_csv(list(Agency.objects.order_by("pk")))
        rows = text.count("\n") - 1
        started = time.perf_counter()
        first = values_import(actor=admin, text=text)
        took = time.perf_counter() - started
        started = time.perf_counter()
        again = values_import(actor=admin, text=text)
        print(
            f"Statistics CSV of {rows:,} rows: imported in {took:.1f} s "
            f"({first.created:,} created); again in {time.perf_counter() - started:.1f} s "
            f"({again.created} created, {again.updated} changed)"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
