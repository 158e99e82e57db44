"""Loads the shipped priorities and strategic objectives (spog/data/priorities.yaml): a plan
the database lacks is created with its priorities and objectives; one already there is left as
the chair's office edited it. One transaction: an error leaves the database as it was."""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml
from django.db import transaction

from spog.models import Objective, Plan, Priority

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "priorities.yaml"


def load_plans(*, update: bool = False, path: Path = DEFAULT_PATH) -> str:
    """Create the plans the file lists and the database lacks. `update` is accepted for the
    reference-data command; a plan's wording is the chair's office's to change in the product."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    created = 0
    with transaction.atomic():
        for plan_row in data["plans"]:
            start = plan_row["start_date"]
            if not isinstance(start, datetime.date):
                start = datetime.date.fromisoformat(str(start))
            plan, made = Plan.objects.get_or_create(
                name=plan_row["name"],
                defaults={"start_date": start, "end_date": plan_row.get("end_date")},
            )
            if not made:
                continue
            created += 1
            for position, priority_row in enumerate(plan_row["priorities"], start=1):
                priority = Priority.objects.create(
                    plan=plan,
                    position=position,
                    name=priority_row["name"],
                    description=priority_row.get("description", ""),
                )
                Objective.objects.bulk_create(
                    Objective(priority=priority, position=number, text=text)
                    for number, text in enumerate(priority_row["objectives"], start=1)
                )
    return f"plans of priorities: {created} created"
