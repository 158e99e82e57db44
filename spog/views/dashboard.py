"""The SPOG chair's office's dashboard: each cycle still open (a report not yet accepted) and
each open TIP Report data call, agency by agency."""

from __future__ import annotations

from collections import Counter

from django.db.models import Exists, OuterRef
from django.shortcuts import render

from pitf import workdays
from spog import access, selectors, tip
from spog.models import AgencyReport, DataCall, ReportingCycle

STANDINGS = ("Not started", "Draft", "Submitted", "Returned", "Accepted")


def dashboard(request):
    access.require_office_request(request)
    today = workdays.today_in_washington()
    unaccepted = AgencyReport.objects.filter(cycle=OuterRef("pk")).exclude(
        status=AgencyReport.Status.ACCEPTED
    )
    cycles = []
    for cycle in ReportingCycle.objects.filter(Exists(unaccepted))[:10]:
        rows = selectors.standings(cycle, today)
        counts = Counter(row.label for row in rows)
        cycles.append(
            {
                "cycle": cycle,
                "rows": rows,
                "counts": [(label, counts.get(label, 0)) for label in STANDINGS],
                "late": sum(1 for row in rows if row.late),
            }
        )
    calls = [
        {"call": call, "sections": tip.sections_of(call)}
        for call in DataCall.objects.filter(status=DataCall.Status.OPEN)[:5]
    ]
    return render(
        request,
        "spog/dashboard.html",
        {"cycles": cycles, "calls": calls, "today": today, "standings": STANDINGS},
    )
