"""Writes of the priorities and strategic objectives: the SPOG chair's office adds a plan (a
period), its priorities and their objectives, and changes their wording; a change carries the
version it was loaded with. Nothing is deleted: entries keep the objectives they served, and a
plan that no longer holds is given an end date."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from pitf.audit import log_event
from pitf.concurrency import current_at, save_versioned
from pitf.models import User
from spog.access import require_office
from spog.models import Objective, Plan, Priority

EDITABLE = {
    Plan: ("name", "start_date", "end_date"),
    Priority: ("name", "description", "position"),
    Objective: ("text", "position"),
}


def plan_add(*, actor: User, **values) -> Plan:
    require_office(actor)
    with transaction.atomic():
        plan = Plan(**values)
        plan.full_clean()
        plan.save()
        log_event("spog.plan_added", actor=actor, target=plan)
    return plan


def _next_position(rows) -> int:
    return (rows.aggregate(last=Max("position"))["last"] or 0) + 1


def priority_add(*, actor: User, plan: Plan, **values) -> Priority:
    require_office(actor)
    with transaction.atomic():
        values.setdefault("position", _next_position(plan.priorities.all()))
        priority = Priority(plan=plan, **values)
        priority.full_clean()
        priority.save()
        log_event("spog.priority_added", actor=actor, target=plan, priority=priority.name)
    return priority


def objective_add(*, actor: User, priority: Priority, **values) -> Objective:
    require_office(actor)
    with transaction.atomic():
        values.setdefault("position", _next_position(priority.objectives.all()))
        objective = Objective(priority=priority, **values)
        objective.full_clean()
        objective.save()
        log_event(
            "spog.objective_added", actor=actor, target=priority.plan, objective=str(objective)
        )
    return objective


def wording_change(*, actor: User, row, expected_version: int, **values):
    """Change a plan's, a priority's or an objective's fields (EDITABLE)."""
    require_office(actor)
    unknown = set(values) - set(EDITABLE[type(row)])
    if unknown:
        raise TypeError(f"Not fields the chair's office changes: {sorted(unknown)}")
    with transaction.atomic():
        row = current_at(row, expected_version)
        for name, value in values.items():
            setattr(row, name, value)
        row.full_clean()
        save_versioned(row, expected_version=expected_version, update_fields=list(values))
    return row
