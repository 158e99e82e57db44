"""Reads of the TIP Report data call: its sections with the agencies assigned and who has
contributed, one agency's own contributions, and the compiled draft (each section's
contributions, the lead agency's first, attributed), as a page and as Word."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.safestring import mark_safe

from pitf.circulation.models import DEFAULT_MARKING
from pitf.exports import docx_bytes, markdown_into_docx, marked_docx
from pitf.meetings.minutes import rendered
from pitf.models import Agency
from spog.models import Contribution, DataCall, Section


@dataclass
class SectionView:
    section: Section
    agencies: list  # (agency, contribution or None)

    @property
    def contributions(self) -> list:
        return [c for _, c in self.agencies if c is not None]


def sections_of(call: DataCall) -> list[SectionView]:
    """Each section, its agencies (the lead first) and each one's contribution, in 3 queries."""
    sections = call.sections.select_related("lead_agency").prefetch_related(
        Prefetch("agencies", Agency.objects.order_by("acronym")),
        Prefetch(
            "contributions",
            Contribution.objects.select_related("agency", "written_by"),
        ),
    )
    views = []
    for section in sections:
        by_agency = {c.agency_id: c for c in section.contributions.all()}
        agencies = sorted(
            section.agencies.all(), key=lambda a: (a.pk != section.lead_agency_id, a.acronym)
        )
        views.append(SectionView(section, [(a, by_agency.get(a.pk)) for a in agencies]))
    return views


def html_of(contribution: Contribution) -> str:
    # The Markdown rendered without raw HTML, then sanitised (pitf.meetings.minutes.rendered).
    return mark_safe(rendered(contribution.text))  # noqa: S308  # nosec B308 B703


def compiled_docx(call: DataCall) -> bytes:
    title = f"{call.report_year} Trafficking in Persons Report: United States narrative"
    document = marked_docx(
        title=title, marking=DEFAULT_MARKING, author="Senior Policy Operating Group"
    )
    document.add_heading(title, level=0)
    document.add_paragraph(
        "Compiled draft of the agencies' contributions, by section; each contribution names "
        "its agency."
    )
    for view in sections_of(call):
        document.add_heading(view.section.get_kind_display(), level=1)
        if view.section.lead_agency:
            document.add_paragraph(f"Lead agency: {view.section.lead_agency.name}")
        if not view.contributions:
            document.add_paragraph("No contribution.")
        for contribution in view.contributions:
            document.add_heading(f"Contributed by {contribution.agency.name}", level=2)
            markdown_into_docx(document, contribution.text, deepest=4)
            if contribution.data.strip():
                document.add_paragraph("Figures and data", style="Heading 3")
                for line in contribution.data.splitlines():
                    if line.strip():
                        document.add_paragraph(line.strip(), style="List Bullet")
    return docx_bytes(document)
