"""Loads the committees' reference data: the trackers (committees/data/trackers.yaml), each
created in its working group's workspace when missing, with its rows and no participating
agency (one already there is left as its chair's office changed it); and the year's observances
(committees/data/observances.yaml) for this year and the next. One transaction each."""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml
from django.db import transaction

from committees.models import Tracker
from committees.services.trackers import tracker_create
from pitf.models import Body

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "trackers.yaml"
OBSERVANCES = Path(__file__).resolve().parent / "data" / "observances.yaml"


def load_trackers(*, update: bool = False, path: Path = DEFAULT_PATH) -> str:
    """Create the trackers the file lists and the database lacks (a body it names that is not in
    the directory is skipped). `update` is accepted for the reference-data command."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    created = 0
    with transaction.atomic():
        for row in data["trackers"]:
            body = Body.objects.filter(short_name=row["body"]).first()
            if body is None or Tracker.objects.filter(body=body, title=row["title"]).exists():
                continue
            tracker_create(
                actor=None,
                body=body,
                title=row["title"],
                description=row.get("description", ""),
                rows=[(line.get("reference", ""), line["text"].strip()) for line in row["rows"]],
            )
            created += 1
    return f"committee trackers: {created} created"


def load_observances(
    *, update: bool = False, path: Path = OBSERVANCES, year: int | None = None
) -> str:
    """Create this year's and next year's occurrence of each observance the file lists (those
    already there are left as they are)."""
    from committees.models import Observance
    from pitf import workdays

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    year = year or workdays.today_in_washington().year
    created = 0
    with transaction.atomic():
        for row in data["observances"]:
            for each in (year, year + 1):
                _, made = Observance.objects.get_or_create(
                    name=row["name"],
                    starts_on=datetime.date(each, *row["from"]),
                    defaults={
                        "ends_on": datetime.date(each, *row["to"]),
                        "description": row.get("description", ""),
                    },
                )
                created += made
    return f"observances: {created} created"
