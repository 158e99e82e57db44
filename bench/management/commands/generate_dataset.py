"""`manage.py generate_dataset --settings=bench.settings --years 15 --seed 1`: the data set of
many years of use that the speed measurements run on (bench/dataset.py, docs/performance.md).
Only the benchmark's and the tests' settings install it: production has no such command."""

from __future__ import annotations

import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bench import dataset
from pitf import reference_data


class Command(BaseCommand):
    help = "Generate a deterministic data set of many years of the hub's use (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=15)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--until",
            type=datetime.date.fromisoformat,
            default=None,
            help="The last day of the data set, YYYY-MM-DD (default: today).",
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="A factor on every count (1.0: 3,000 people, 1,000,000 audit entries, ...).",
        )

    def handle(self, *args, years, seed, until, scale, **options):
        from django.db import connection

        if connection.vendor != "postgresql":
            raise CommandError("The data set is made on PostgreSQL: set DATABASE_URL.")
        if not 1 <= years <= 50:
            raise CommandError("--years is between 1 and 50.")
        began = time.monotonic()
        reference_data.load()
        try:
            report = dataset.generate(
                years=years,
                seed=seed,
                until=until or timezone.localdate(),
                scale=dataset.Scale(factor=scale),
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        # As autovacuum would in a few minutes: the planner's statistics, and the visibility map
        # that lets a count read an index alone (VACUUM only outside a transaction).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        for what, count in report.counts.items():
            self.stdout.write(f"{what:>20}: {count:,}")
        self.stdout.write(f"Made in {time.monotonic() - began:.0f} s.")
