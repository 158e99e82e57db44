"""Loads the trackers shipped as reference data (committees/data/trackers.yaml): each is created
in its working group's workspace when missing, with its rows and no participating agency; one
already there is left as its chair's office changed it. One transaction."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.db import transaction

from committees.models import Tracker
from committees.services.trackers import tracker_create
from pitf.models import Body

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "trackers.yaml"


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
