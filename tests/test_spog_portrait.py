"""The portrait of shared and individual accomplishments: accepted reports only, by priority and
objective, a shared entry counted once; its PDF and Word files (headings, tables, the marking on
every page, a table of contents, charts with their text alternatives) built by the worker and
kept for download; the page's queries do not grow with the entries."""

from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pitf.models import Agency
from spog import services
from spog.exports import MARKING, portrait_docx, portrait_pdf
from spog.models import PortraitFile
from spog.portrait import Scope, portrait_of
from tests.factories import UserFactory
from tests.spog_fixtures import dhs_report, objective, training

pytestmark = pytest.mark.django_db


def accepted(people, report, *entries_of):
    """Submit (by a representative of the report's agency) and accept the report."""
    from pitf.models import Body
    from tests.factories import DesignationFactory

    representative = people["representative"]
    if report.agency.acronym != "DHS":
        representative = UserFactory(agency=report.agency)
        DesignationFactory(
            person=representative,
            agency=report.agency,
            body=Body.objects.get(short_name="spog"),
            start_date=datetime.date(2020, 1, 1),
        )
    report.refresh_from_db()
    services.report_submit(actor=representative, report=report, expected_version=report.version)
    report.refresh_from_db()
    services.report_accept(
        actor=people["chairs_office"], report=report, expected_version=report.version
    )


def two_agencies(people, opened, writer, *, extra: int = 0):
    """DHS: a training shared with HHS (confirmed) and a grant; HHS: a research report; DOJ's
    report stays a draft (not in the portrait)."""
    hhs = Agency.objects.get(acronym="HHS")
    dhs_report_ = dhs_report(opened)
    training(writer, dhs_report_, partners=[hhs])
    services.entry_create(
        actor=writer,
        report=dhs_report_,
        category="grants",
        title="Services for survivors grant",
        description="Comprehensive services in five states.",
        start_date=datetime.date(2026, 10, 1),
        funds_awarded=1500000,
        victims_served=310,
        objectives=[objective("1.1"), objective("1.3")],
    )
    for number in range(extra):
        training(writer, dhs_report_, title=f"Regional course {number}", people_trained=10)
    services.partner_confirm(
        actor=people["staff"],
        partner=dhs_report_.entries.get(partners__isnull=False).partners.get(),
    )
    hhs_report = opened.reports.get(agency=hhs)
    services.entry_create(
        actor=people["staff"],
        report=hhs_report,
        category="research",
        title="Labor trafficking indicators study",
        description="Indicators in agriculture.",
        start_date=datetime.date(2026, 11, 1),
        items_published=2,
        objectives=[objective("2.3")],
    )
    doj_writer = UserFactory(agency=Agency.objects.get(acronym="DOJ"))
    training(doj_writer, opened.reports.get(agency__acronym="DOJ"), title="Draft only")
    accepted(people, dhs_report_)
    accepted(people, hhs_report)


def test_a_shared_entry_counts_once_and_drafts_stay_out(people, cycle, drafter):
    two_agencies(people, cycle, drafter)
    portrait = portrait_of(Scope(2027))
    assert (portrait.entry_count, portrait.shared_count) == (3, 1)
    victim_services = portrait.priorities[0]
    assert victim_services.priority.name == "Victim services"
    training_block = next(b for b in victim_services.objectives if b.objective.code == "1.2")
    assert [e.title for e in training_block.shared] == ["Victim identification for port officers"]
    assert training_block.agencies == []  # not again under DHS
    assert portrait.totals["people_trained"] == 240
    assert portrait.totals["funds_awarded"] == 1500000
    assert portrait.by_category_and_agency == [
        ("DHS", [1, 0, 1, 0, 0, 0], 2),
        ("HHS", [0, 1, 0, 0, 0, 0], 1),
    ]
    titles = [e.title for p in portrait.priorities for b in p.objectives for e in b.shared]
    titles += [
        e.title
        for p in portrait.priorities
        for b in p.objectives
        for g in b.agencies
        for e in g.entries
    ]
    assert "Draft only" not in titles


def test_the_word_file_has_headings_tables_the_marking_and_a_table_of_contents(
    people, cycle, drafter
):
    from docx import Document

    two_agencies(people, cycle, drafter)
    document = Document(io.BytesIO(portrait_docx(portrait_of(Scope(2027)))))
    headings = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name.startswith(("Heading", "Title"))
    ]
    assert ("Title", "Shared and individual agency accomplishments, FY 2027") in headings
    assert ("Heading 1", "Accomplishments by priority and objective") in headings
    assert ("Heading 2", "Victim services") in headings
    assert ("Heading 4", "Shared accomplishments") in headings
    assert ("Heading 4", "Department of Homeland Security") in headings
    assert "TOC \\o" in document.element.xml
    for section in document.sections:
        assert section.header.paragraphs[0].text == MARKING.upper()
        assert section.footer.paragraphs[0].text == MARKING.upper()
    totals = document.tables[0]
    assert [c.text for c in totals.rows[1].cells] == ["People trained", "240"]
    pictures = document.inline_shapes
    assert len(pictures) == 3
    assert pictures[0]._inline.docPr.get("descr").startswith("Bar chart, entries by category.")


def test_the_pdf_has_the_marking_on_every_page_and_the_entries(people, cycle, drafter):
    from pypdf import PdfReader

    two_agencies(people, cycle, drafter)
    reader = PdfReader(io.BytesIO(portrait_pdf(portrait_of(Scope(2027)))))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) >= 4  # contents, totals, a page per priority, the charts
    assert all(MARKING.upper() in text for text in pages)
    whole = "\n".join(pages)
    assert "Victim identification for port officers" in whole
    assert "Labor trafficking indicators study" in whole
    assert f"Page 1 of {len(pages)}" in pages[0]


def test_the_portrait_page_makes_the_same_queries_at_two_sizes(client, people, cycle, drafter):
    two_agencies(people, cycle, drafter)
    client.force_login(people["staff"])
    url = reverse("spog:portrait", args=[2027])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        page = client.get(url)
    assert "Victim identification for port officers" in page.content.decode()
    report = dhs_report(cycle)
    from spog.models import AgencyReport

    AgencyReport.objects.filter(pk=report.pk).update(status="draft")
    report.refresh_from_db()
    for number in range(6):
        training(drafter, report, title=f"Regional course {number}", people_trained=10)
    accepted(people, report)
    with CaptureQueriesContext(connection) as large:
        page = client.get(url)
    assert "Regional course 5" in page.content.decode()
    assert len(large) == len(small)


def test_the_chair_office_builds_the_files_through_the_worker_and_everyone_downloads_them(
    client, people, media, celery_worker_process
):
    from spog.reference import load_plans

    load_plans()
    opened = services.cycle_open(
        actor=people["chairs_office"],
        fiscal_year=2027,
        period="q2",
        due_date=datetime.date(2027, 4, 30),
    )
    writer = UserFactory(agency=Agency.objects.get(acronym="DHS"))
    training(
        writer,
        dhs_report(opened),
        start_date=datetime.date(2027, 1, 10),
        end_date=datetime.date(2027, 2, 10),
    )
    accepted(people, dhs_report(opened))
    client.force_login(people["staff"])
    refused = client.post(reverse("spog:portrait-build", args=[2027]), {"format": "pdf"})
    assert refused.status_code == 403
    client.force_login(people["chairs_office"])
    answer = client.post(
        reverse("spog:portrait-build", args=[2027]),
        {"format": "docx", "cycle": opened.pk},
        follow=True,
    )
    assert "is being built" in answer.content.decode()
    row = PortraitFile.objects.get()
    status_url = reverse("spog:portrait-file-status", args=[row.pk])
    import time

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        state = client.get(status_url).json()
        if state["status"] == "done":
            break
        time.sleep(0.2)
    assert state["progress"] == 100
    client.force_login(people["staff"])
    page = client.get(f"{reverse('spog:portrait', args=[2027])}?cycle={opened.pk}")
    assert "Download the portrait as Word" in page.content.decode()
    download = client.get(state["download"])
    assert download["Content-Disposition"] == 'attachment; filename="portrait-fy2027-q2.docx"'
    from docx import Document

    document = Document(io.BytesIO(b"".join(download.streaming_content)))
    assert "Victim identification for port officers" in "\n".join(
        p.text for p in document.paragraphs
    )


def test_a_file_whose_task_was_lost_is_queued_again(people, cycle):
    import datetime as dt

    from django.utils import timezone

    from spog.services.portraits import portraits_requeue_stale

    now = timezone.now()
    waiting = PortraitFile.objects.create(
        fiscal_year=2027, format="pdf", requested_by=people["chairs_office"]
    )
    fresh = PortraitFile.objects.create(
        fiscal_year=2027, format="docx", requested_by=people["chairs_office"]
    )
    stuck = PortraitFile.objects.create(
        fiscal_year=2027,
        format="docx",
        requested_by=people["chairs_office"],
        status="building",
        started_at=now - dt.timedelta(minutes=20),
        progress=40,
    )
    PortraitFile.objects.filter(pk=waiting.pk).update(requested_at=now - dt.timedelta(minutes=3))
    assert portraits_requeue_stale() == 2
    stuck.refresh_from_db()
    assert (stuck.status, stuck.progress) == ("queued", 0)
    fresh.refresh_from_db()
    assert fresh.status == "queued"
