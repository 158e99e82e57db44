"""The priorities and strategic objectives: shipped as reference data, read by everyone signed
in, kept by the SPOG chair's office (a plan with its period, priorities, objectives, their
wording changed without overwriting another's change)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pitf.concurrency import EditConflict
from spog.models import Objective, Plan
from spog.services import plans as services

pytestmark = pytest.mark.django_db


def test_the_chair_office_adds_a_plan_its_priorities_and_objectives(people, plans):
    office = people["chairs_office"]
    with pytest.raises(ValidationError) as refused:
        services.plan_add(
            actor=office,
            name="National Action Plan (2021)",
            start_date=datetime.date(2021, 12, 1),
            end_date=datetime.date(2021, 1, 1),
        )
    assert refused.value.message_dict["end_date"] == ["A plan ends on or after the day it starts."]
    plan = services.plan_add(
        actor=office, name="National Action Plan (2021)", start_date=datetime.date(2021, 12, 1)
    )
    priority = services.priority_add(actor=office, plan=plan, name="Prevention")
    objective = services.objective_add(
        actor=office, priority=priority, text="Raise awareness in schools"
    )
    assert (priority.position, objective.code) == (1, "1.1")
    with pytest.raises(PermissionDenied):
        services.priority_add(actor=people["representative"], plan=plan, name="Protection")


def test_wording_changes_do_not_overwrite_each_other(people, plans):
    office = people["chairs_office"]
    objective = Objective.objects.order_by("pk").first()
    stale = objective.version
    services.wording_change(
        actor=office, row=objective, expected_version=stale, text="Reworded once"
    )
    with pytest.raises(EditConflict):
        services.wording_change(
            actor=office, row=objective, expected_version=stale, text="Reworded twice"
        )
    objective.refresh_from_db()
    assert objective.text == "Reworded once"


def test_everyone_reads_the_plans_and_the_office_changes_them_on_the_page(client, people, plans):
    client.force_login(people["staff"])
    page = client.get(reverse("spog:plan-list")).content.decode()
    assert "Procurement and supply chains" in page
    assert "Add a plan" not in page
    client.force_login(people["chairs_office"])
    plan = Plan.objects.get()
    answer = client.post(
        reverse("spog:plan-edit", args=[plan.pk]),
        {
            "name": plan.name,
            "start_date": "2013-01-01",
            "end_date": "2020-12-31",
            "version": plan.version,
        },
        follow=True,
    )
    assert f"“{plan.name}” is saved." in answer.content.decode()
    plan.refresh_from_db()
    assert plan.end_date == datetime.date(2020, 12, 31)
