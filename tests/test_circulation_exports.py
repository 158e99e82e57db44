"""The consolidated comment matrix as the owner downloads it: CSV, DOCX (opened with python-docx:
landscape, the marking in the header and footer, the table with the resolutions) and PDF
(WeasyPrint: the marking printed on every page); only those who see every answer may export it."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
import time_machine
from django.urls import reverse

from pitf import workdays
from pitf.circulation import services
from pitf.circulation.exports import DEFAULT_MARKING
from pitf.models import Agency, Body
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=workdays.EASTERN)


@pytest.fixture
def answered(people):
    """HHS circulates; DHS submits two comments (one a formula-looking text), one resolved."""
    with time_machine.travel(NOW, tick=False):
        dhs_staff = UserFactory(agency=Agency.objects.get(acronym="DHS"))
        circulation = services.circulation_start(
            actor=people["staff"],
            document=Body.objects.get(short_name="spog"),
            owner_agency=Agency.objects.get(acronym="HHS"),
            title="FY2027 NOFO: Services for Victims",
            deadline=datetime.date(2026, 12, 18),
        )
        first = services.comment_add(
            actor=dhs_staff,
            circulation=circulation,
            section="Section C.2, page 14",
            kind="substantive",
            text="Eligibility should include tribal governments.",
        )
        services.comment_add(
            actor=dhs_staff,
            circulation=circulation,
            section="Budget",
            kind="question",
            text='=HYPERLINK("http://example.com")',
        )
        dhs = circulation.recipients.get(agency__acronym="DHS")
        services.answer_submit(
            actor=people["representative"], recipient=dhs, expected_version=1, answer="comments"
        )
        first.refresh_from_db()
        services.comment_resolve(
            actor=people["staff"],
            comment=first,
            expected_version=first.version,
            resolution="not_adopted",
            reason="The statute sets the eligible applicants.",
        )
    return circulation


def export(client, circulation, fmt):
    return client.get(reverse("circulation:export", args=[circulation.pk, fmt]))


def test_the_csv_is_the_matrix_and_does_not_run_formulas(client, people, answered):
    client.force_login(people["staff"])
    response = export(client, answered, "csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [DEFAULT_MARKING] and rows[-1] == [DEFAULT_MARKING]
    assert rows[1] == ["#", "Agency", "Section", "Kind", "Comment", "Resolution", "Reply"]
    assert rows[2][:5] == [
        "1",
        "DHS",
        "Section C.2, page 14",
        "Substantive",
        "Eligibility should include tribal governments.",
    ]
    assert rows[2][5] == "Not adopted: The statute sets the eligible applicants."
    assert rows[3][4].startswith("'=HYPERLINK")


def test_the_docx_is_landscape_with_the_marking_and_the_resolutions(client, people, answered):
    from docx import Document
    from docx.enum.section import WD_ORIENT

    client.force_login(people["staff"])
    response = export(client, answered, "docx")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    document = Document(io.BytesIO(response.content))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    assert section.header.paragraphs[0].text == DEFAULT_MARKING.upper()
    assert section.footer.paragraphs[0].text == DEFAULT_MARKING.upper()
    table, answers = document.tables
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells[0] == ["#", "Agency", "Section", "Kind", "Comment", "Resolution", "Reply"]
    assert cells[1][1] == "DHS" and "tribal governments" in cells[1][4]
    assert cells[1][5] == "Not adopted: The statute sets the eligible applicants."
    assert cells[2][5] == "Not resolved"
    rows = {row.cells[0].text: row.cells[1].text for row in answers.rows}
    assert rows["DHS"] == "Comments (2)" and rows["DOJ"] == "Not answered yet"
    # Who made it, and what it is, as a word processor shows them.
    properties = document.core_properties
    assert properties.author == "Department of Health and Human Services"
    assert properties.title == "Comment matrix: FY2027 NOFO: Services for Victims"


def test_the_pdf_prints_the_marking_on_every_page(client, people, answered):
    from pypdf import PdfReader

    client.force_login(people["staff"])
    response = export(client, answered, "pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    for page in reader.pages:
        text = page.extract_text()
        assert text.count(DEFAULT_MARKING.upper()) >= 2  # header and footer
    assert "tribal governments" in " ".join(reader.pages[0].extract_text().split())


def test_only_those_who_see_every_answer_export(client, people, answered):
    client.force_login(people["representative"])  # a recipient: its own answer only
    assert export(client, answered, "docx").status_code == 403
    client.force_login(people["observer"])  # not asked
    assert export(client, answered, "csv").status_code == 404
    client.force_login(people["chair"])  # the Grantmaking Committee's chair
    assert export(client, answered, "pdf").status_code == 200
    client.force_login(people["staff"])
    assert export(client, answered, "xlsx").status_code == 404


def test_the_matrix_is_a_complete_clearance_record(client, people, answered):
    """Every agency asked is in it, with its answer: comments, no comment, or none by the
    deadline; the file is named by the title's whole words."""
    doj = answered.recipients.get(agency__acronym="DOJ")
    doj_representative = UserFactory(agency=doj.agency, full_name="Dee DOJ")
    from pitf.models import Designation

    Designation.objects.create(
        person=doj_representative,
        agency=doj.agency,
        body=answered.body,
        role="principal",
        start_date=datetime.date(2020, 1, 1),
    )
    with time_machine.travel(NOW, tick=False):
        services.answer_submit(
            actor=doj_representative, recipient=doj, expected_version=1, answer="no_comment"
        )
    with time_machine.travel(datetime.datetime(2026, 12, 21, 9, 0, tzinfo=workdays.EASTERN)):
        services.circulations_close_due()
        client.force_login(people["staff"])
        response = export(client, answered, "csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    start = rows.index(["Agency", "Answer", "Submitted"])
    answers = {row[0]: row[1:] for row in rows[start + 1 : -1]}
    assert answers["DHS"][0] == "Comments (2)"
    assert answers["DOJ"] == ["No comment", "December 7, 2026 by Dee DOJ"]
    assert answers["DOL"] == ["No answer by the deadline", ""]
    assert len(answers) == answered.recipients.count()
    assert rows[-1] == [DEFAULT_MARKING]


def test_a_file_name_keeps_whole_words():
    from pitf.circulation.exports import file_stem

    title = "FY2027 Notice of Funding Opportunity: Services for Victims of Human Trafficking"
    stem = file_stem(title)
    assert stem == "fy2027-notice-of-funding-opportunity-services-for-victims-of"
    assert len(stem) <= 60 and title.lower().replace(":", "").replace(" ", "-").startswith(stem)
