"""The run: every part in order, in one transaction, from the seed."""

from __future__ import annotations

import datetime
import random

from django.db import transaction

from bench.dataset.audit import _audit_log
from bench.dataset.common import Report, Scale
from bench.dataset.directory import _agencies, _designations, _memberships, _offices, _people
from bench.dataset.work import _circulations, _grants, _meetings


def generate(*, years: int, seed: int, until: datetime.date, scale: Scale) -> Report:
    """Make the data set in one transaction (all or nothing); the reference data must be
    loaded. Refuses a database that already holds one."""
    from pitf.models import User

    if User.objects.filter(email__regex=r"\.[0-9]{5}@").exists():
        raise ValueError("This database already holds a data set; make it in a fresh one.")
    with transaction.atomic():
        return _generate(years=years, seed=seed, until=until, scale=scale)


def _generate(*, years: int, seed: int, until: datetime.date, scale: Scale) -> Report:
    from pitf.models import Agency, Body, Membership

    rng = random.Random(seed)  # nosec B311  (repeatable sample data, nothing secret)
    report = Report()
    start = datetime.date(until.year - years + 1, 1, 1)
    agencies = _agencies(rng, scale, report)
    people = _people(rng, scale, agencies, until, report)
    bodies = list(Body.objects.order_by("pk"))
    _memberships(rng, bodies, agencies, start, report)
    memberships = list(Membership.objects.select_related("body", "agency").order_by("pk"))
    _designations(rng, memberships, people, start, until, report)
    _offices(rng, bodies, people, start, until, report)
    _meetings(rng, scale, bodies, people, start, until, report)
    _grants(rng, scale, [a for a in agencies if a.active], people, start, until, report)
    _circulations(rng, scale, people, until, report)
    _audit_log(rng, scale, people, start, until, report)
    report.add("agencies in all", Agency.objects.count())
    return report
