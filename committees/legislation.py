"""Reads of the legislation tracker: the bills the working group follows, one bill with each
member agency's view (the consolidated matrix), and that matrix as Word with the handling
marking on every page."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from committees.access import sees
from committees.models import AgencyView, Bill
from pitf import workdays
from pitf.circulation.models import DEFAULT_MARKING
from pitf.directory.selectors import agencies_in_body
from pitf.exports import docx_bytes, marked_docx
from pitf.models import Agency, Body
from pitf.roles import Roles


def legislation_body(user, roles: Roles) -> Body:
    body = Body.objects.filter(short_name="legislation").first()
    if body is None or not sees(user, roles, body):
        raise Http404("No legislation tracker.")
    return body


def bills() -> list[Bill]:
    return list(Bill.objects.all())


def bill_for(pk: int) -> Bill:
    bill = Bill.objects.filter(pk=pk).first()
    if bill is None:
        raise Http404("No such bill.")
    return bill


@dataclass
class ViewLine:
    agency: Agency
    view: AgencyView | None


def views_of(bill: Bill, body: Body) -> list[ViewLine]:
    """Each member agency of the working group today, and any other agency that gave a view,
    with its view or None (two queries)."""
    views = {
        view.agency_id: view
        for view in AgencyView.objects.filter(bill=bill).select_related("agency", "written_by")
    }
    agencies = {a.pk: a for a in agencies_in_body(body=body, day=workdays.today_in_washington())}
    for view in views.values():
        agencies.setdefault(view.agency_id, view.agency)
    ordered = sorted(agencies.values(), key=lambda agency: agency.acronym)
    return [ViewLine(agency=agency, view=views.get(agency.pk)) for agency in ordered]


def views_docx(bill: Bill, lines: list[ViewLine]) -> bytes:
    """The consolidated agency views as Word: the bill's facts, then a table of each agency's
    position and comments."""
    document = marked_docx(
        title=f"Agency views: {bill.label}",
        marking=DEFAULT_MARKING,
        author="Legislation Working Group",
        landscape=True,
    )
    document.add_heading(f"Agency views: {bill.label}", level=1)
    document.add_paragraph(bill.title)
    facts = [
        ("Sponsor", bill.sponsor),
        ("Introduced", f"{bill.introduced_on:%B %-d, %Y}" if bill.introduced_on else ""),
        (
            "Latest action",
            f"{bill.latest_action_on:%B %-d, %Y}: {bill.latest_action}"
            if bill.latest_action_on
            else bill.latest_action,
        ),
        ("Committees", "; ".join(bill.committees.splitlines())),
    ]
    for label, value in facts:
        if value:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(value)
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Agency", "Position", "Comments"), strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for line in lines:
        cells = table.add_row().cells
        cells[0].text = f"{line.agency.name} ({line.agency.acronym})"
        cells[1].text = line.view.get_position_display() if line.view else "No view given"
        cells[2].text = line.view.comments if line.view else ""
    return docx_bytes(document)
