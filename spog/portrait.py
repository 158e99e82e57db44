"""The portrait of shared and individual agency accomplishments: the accepted reports of a cycle
or of a fiscal year, by priority and objective, shared entries first (an entry of several
agencies whose partners have all confirmed it, counted once), then each agency's own; the totals
of the figures; entries by category and agency, and by fiscal year. Read in a fixed number of
queries, whatever the number of entries."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Sum

from spog.models import (
    TOTALLED,
    AgencyReport,
    Category,
    Entry,
    EntryPartner,
    Objective,
    ReportingCycle,
)


@dataclass(frozen=True)
class Scope:
    """A fiscal year, or one cycle of it."""

    fiscal_year: int
    cycle: ReportingCycle | None = None

    @property
    def title(self) -> str:
        return str(self.cycle) if self.cycle else f"FY {self.fiscal_year}"

    @property
    def slug(self) -> str:
        return f"fy{self.fiscal_year}" + (f"-{self.cycle.period}" if self.cycle else "")

    def entries(self):
        entries = Entry.objects.filter(report__status=AgencyReport.Status.ACCEPTED)
        if self.cycle is not None:
            return entries.filter(report__cycle=self.cycle)
        return entries.filter(report__cycle__fiscal_year=self.fiscal_year)


@dataclass
class AgencyGroup:
    agency: object
    entries: list = field(default_factory=list)


@dataclass
class ObjectiveBlock:
    objective: Objective
    shared: list = field(default_factory=list)
    agencies: list[AgencyGroup] = field(default_factory=list)
    # Entries that serve this objective too, written out under an earlier one: named here.
    also: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return (
            len(self.shared) + sum(len(group.entries) for group in self.agencies) + len(self.also)
        )


@dataclass
class PriorityBlock:
    priority: object
    objectives: list[ObjectiveBlock]

    @property
    def count(self) -> int:
        return sum(block.count for block in self.objectives)


@dataclass
class Portrait:
    scope: Scope
    priorities: list[PriorityBlock]
    entry_count: int
    shared_count: int
    totals: dict  # figure name -> total
    by_category_and_agency: list  # (agency acronym, {category label: count}, total)
    categories: list[str]
    by_year: list  # (fiscal year, count)

    @property
    def total_rows(self) -> list[tuple[str, object]]:
        return [(label, self.totals[name]) for name, label in FIGURE_LABELS.items()]


def is_shared(entry: Entry) -> bool:
    """Shared once it has partners and every one of them has confirmed it."""
    partners = list(entry.partners.all())
    return bool(partners) and all(partner.confirmed_at for partner in partners)


def _place(objective: Objective) -> tuple:
    """Where an objective comes in the portrait: by plan, priority, then its own position."""
    priority = objective.priority
    return (priority.plan.start_date, priority.position, objective.position)


def portrait_of(scope: Scope) -> Portrait:
    entries = list(
        scope.entries()
        .select_related("report__agency")
        .prefetch_related(
            Prefetch("objectives", Objective.objects.select_related("priority__plan")),
            Prefetch("partners", EntryPartner.objects.select_related("agency")),
        )
        .order_by("report__agency__acronym", "start_date", "pk")
    )
    blocks: dict[int, ObjectiveBlock] = {}
    priorities: dict[int, PriorityBlock] = {}
    for entry in entries:
        entry.shared = is_shared(entry)
        served = sorted(entry.objectives.all(), key=_place)
        entry.first_objective = served[0] if served else None
        for objective in served:
            if objective.pk not in blocks:
                blocks[objective.pk] = ObjectiveBlock(objective)
            block = blocks[objective.pk]
            if objective is not entry.first_objective:
                # Written out once, under the first objective it serves; named under the rest.
                block.also.append(entry)
            elif entry.shared:
                block.shared.append(entry)
            else:
                if not block.agencies or block.agencies[-1].agency != entry.report.agency:
                    block.agencies.append(AgencyGroup(entry.report.agency))
                block.agencies[-1].entries.append(entry)
    for block in sorted(blocks.values(), key=lambda b: _place(b.objective)):
        priority = block.objective.priority
        priorities.setdefault(priority.pk, PriorityBlock(priority, [])).objectives.append(block)

    totals = scope.entries().aggregate(**{name: Sum(name) for name in TOTALLED})
    labels = dict(Category.choices)
    table: dict[str, Counter] = defaultdict(Counter)
    for entry in entries:
        table[entry.report.agency.acronym][labels[entry.category]] += 1
    categories = [label for value, label in Category.choices]
    by_year = list(
        Entry.objects.filter(report__status=AgencyReport.Status.ACCEPTED)
        .values_list("report__cycle__fiscal_year")
        .annotate(count=Count("pk"))
        .order_by("report__cycle__fiscal_year")
    )
    return Portrait(
        scope=scope,
        priorities=list(priorities.values()),
        entry_count=len(entries),
        shared_count=sum(1 for entry in entries if entry.shared),
        totals={name: totals[name] or 0 for name in TOTALLED},
        by_category_and_agency=[
            (acronym, [counts[label] for label in categories], sum(counts.values()))
            for acronym, counts in sorted(table.items())
        ],
        categories=categories,
        by_year=by_year,
    )


FIGURE_LABELS = {
    "people_trained": "People trained",
    "funds_awarded": "Funds awarded (US$)",
    "items_published": "Items published",
    "cases": "Cases",
    "victims_served": "Victims served",
}
