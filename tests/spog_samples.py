"""The SPOG reporting rows of the permission matrix and the query budgets: a cycle of this
fiscal year, DHS's report in it with an entry shared with HHS, a report of last year's cycle
that DHS's representative submitted, a Word file of this year's portrait, an indicator with a
value, and next year's TIP Report data call with its Prosecution section assigned to HHS."""

from __future__ import annotations

import datetime

from django.utils import timezone

from pitf.models import Agency
from tests.factories import UserFactory


def _cycle(sample, fiscal_year: int):
    from spog import services
    from spog.models import ReportingCycle

    cycle = ReportingCycle.objects.filter(fiscal_year=fiscal_year, period="year").first()
    if cycle is None:
        cycle = services.cycle_open(
            actor=sample["people"]["chairs_office"],
            fiscal_year=fiscal_year,
            period="year",
            due_date=timezone.localdate() + datetime.timedelta(days=30),
        )
    return cycle


def _entry(sample, report, *, partner: str = "HHS"):
    from spog import services
    from spog.models import Objective
    from spog.reference import load_plans

    load_plans()
    drafter = UserFactory(agency=report.agency)
    return services.entry_create(
        actor=drafter,
        report=report,
        category="research",
        title="Labor trafficking indicators study",
        description="A study of indicators in agriculture.",
        start_date=report.cycle.start_date,
        items_published=1,
        objectives=[Objective.objects.order_by("pk").first()],
        partners=[Agency.objects.get(acronym=partner)],
    )


def fill(sample, kind: str, key: str) -> str:
    from spog import services
    from spog.periods import fiscal_year_of

    this_year = fiscal_year_of(timezone.localdate())
    if kind in ("plan", "priority", "objective"):
        from spog.models import Objective
        from spog.reference import load_plans

        load_plans()
        objective = Objective.objects.select_related("priority__plan").order_by("pk").first()
        row = {
            "plan": objective.priority.plan,
            "priority": objective.priority,
            "objective": objective,
        }[kind]
        return str(row.pk)
    if kind in ("datacall", "section"):
        if "datacall" not in sample:
            from spog.services import tip

            call = tip.data_call_open(
                actor=sample["people"]["chairs_office"],
                report_year=timezone.localdate().year + 1,
                deadline=timezone.localdate() + datetime.timedelta(days=30),
            )
            section = call.sections.get(kind="prosecution")
            tip.section_assign(
                actor=sample["people"]["chairs_office"],
                section=section,
                expected_version=section.version,
                lead=Agency.objects.get(acronym="HHS"),
                agencies=[],
            )
            sample["datacall"] = call
        call = sample["datacall"]
        return str(call.pk if kind == "datacall" else call.sections.get(kind=key).pk)
    if kind == "indicator":
        if "indicator" not in sample:
            from spog.services.statistics import indicator_create, value_record

            sample["indicator"] = indicator_create(
                actor=sample["people"]["chairs_office"],
                name="Victims served",
                unit="victims",
                definition="Victims who received services.",
                owning_agency=Agency.objects.get(acronym="HHS"),
                source="Program data",
            )
            value_record(
                actor=sample["people"]["staff"],
                indicator=sample["indicator"],
                agency=Agency.objects.get(acronym="HHS"),
                fiscal_year=this_year - 1,
                value=120,
            )
        return str(sample["indicator"].pk)
    if kind == "portraitfile":
        if "portraitfile" not in sample:
            from spog.models import PortraitFile
            from spog.services.portraits import portrait_build

            row = PortraitFile.objects.create(
                fiscal_year=this_year, format="docx", requested_by=sample["people"]["site_admin"]
            )
            portrait_build(row.pk)
            sample["portraitfile"] = row
        return str(sample["portraitfile"].pk)
    if kind == "cycle":
        return str(_cycle(sample, this_year).pk)
    acronym, _, state = key.partition("/")
    if kind == "partner":  # the example entry is DHS's, shared with the agency named
        acronym = "DHS"
    if state == "submitted":
        report = _cycle(sample, this_year - 1).reports.get(agency__acronym=acronym)
        if report.status == "draft":
            _entry(sample, report)
            services.report_submit(
                actor=sample["people"]["representative"],
                report=report,
                expected_version=report.version,
            )
    else:
        report = _cycle(sample, this_year).reports.get(agency__acronym=acronym)
    if kind == "report":
        return str(report.pk)
    if "spog-entry" not in sample:
        sample["spog-entry"] = _entry(sample, report)
    entry = sample["spog-entry"]
    if kind == "entry":
        return str(entry.pk)
    if kind == "partner":
        return str(entry.partners.get(agency__acronym=key).pk)
    raise AssertionError(f"unknown SPOG placeholder {kind}")
