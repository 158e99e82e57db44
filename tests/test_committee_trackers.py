"""Trackers across agencies: the chair's office sets one up; each agency writes its own column
only (a direct POST for another agency's column is refused), with a reason for "not
applicable", without overwriting another's change, every change kept; the matrix totals rows
and agencies, filters, and exports CSV and XLSX; the shipped trackers load once."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committees import trackers
from committees.models import Tracker, TrackerCell
from committees.reference import load_trackers
from committees.services import trackers as services
from pitf.concurrency import EditConflict
from pitf.models import Agency
from tests.committee_fixtures import START
from tests.conftest import pdf_upload
from tests.factories import AgencyFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tracker(far):
    body, agencies, people = far
    return services.tracker_create(
        actor=people["office"],
        body=body,
        title="FAR 22.17",
        agencies=[agencies["DHS"], agencies["HHS"]],
        rows=services.parse_rows(
            "FAR 22.1703 | Workforce training\n\nFAR 22.1704 | Referral to the IG\nHotline posting"
        ),
    )


def test_the_office_sets_up_a_tracker_and_each_agency_writes_its_own_column(
    client,
    far,
    tracker,
):
    _, agencies, people = far
    training, referral, hotline = tracker.rows.all()
    assert (training.reference, training.text, hotline.reference) == (
        "FAR 22.1703",
        "Workforce training",
        "",
    )
    services.cell_write(
        actor=people["DHS"],
        row=training,
        agency=agencies["DHS"],
        expected_version=0,
        status="implemented",
        note="All contracting officers trained.",
    )
    # HHS's staff may not write DHS's column: the service refuses, and so does a direct POST.
    with pytest.raises(PermissionDenied):
        services.cell_write(
            actor=people["HHS"],
            row=training,
            agency=agencies["DHS"],
            expected_version=1,
            status="not_started",
        )
    client.force_login(people["HHS"])
    url = reverse("committees:tracker-cell", args=[tracker.pk, training.pk, agencies["DHS"].pk])
    assert client.post(url, {"status": "not_started", "version": 1}).status_code == 404
    assert TrackerCell.objects.get(row=training, agency=agencies["DHS"]).status == "implemented"
    # Their own column, through the page: "not applicable" needs a reason.
    own = reverse("committees:tracker-cell", args=[tracker.pk, referral.pk, agencies["HHS"].pk])
    answer = client.post(own, {"status": "not_applicable", "version": 0})
    assert "Say why the requirement does not apply to your agency." in answer.content.decode()
    assert not TrackerCell.objects.filter(row=referral, agency=agencies["HHS"]).exists()
    answer = client.post(
        own,
        {"status": "not_applicable", "reason": "HHS awards no such contracts.", "version": 0},
        follow=True,
    )
    assert "HHS: “FAR 22.1704 Referral to the IG” is saved as not applicable." in (
        answer.content.decode()
    )
    page = client.get(reverse("committees:tracker", args=[tracker.pk])).content.decode()
    assert "Your agency's column" in page and "Download XLSX" not in page


def test_a_stale_cell_is_not_overwritten_and_every_change_is_kept(far, tracker):
    _, agencies, people = far
    colleague = UserFactory(agency=agencies["DHS"])
    row = tracker.rows.first()
    services.cell_write(
        actor=people["DHS"], row=row, agency=agencies["DHS"], expected_version=0,
        status="in_progress", note="Half trained.",
    )  # fmt: skip
    with pytest.raises(EditConflict):
        services.cell_write(
            actor=colleague, row=row, agency=agencies["DHS"], expected_version=0,
            status="not_started",
        )  # fmt: skip
    services.cell_write(
        actor=colleague, row=row, agency=agencies["DHS"], expected_version=1,
        status="implemented", evidence_link="https://www.dhs.gov/training",
    )  # fmt: skip
    _, cell, history = trackers.cell_of(tracker, row.pk, agencies["DHS"])
    assert cell.status == "implemented" and cell.version == 2
    assert [(c.status, c.note) for c in history] == [
        ("implemented", ""),
        ("in_progress", "Half trained."),
    ]


def test_the_matrix_totals_filters_and_exports(client, far, tracker):
    from openpyxl import load_workbook

    _, agencies, people = far
    training, referral, hotline = tracker.rows.all()
    for row, agency, status in (
        (training, "DHS", "implemented"),
        (training, "HHS", "implemented"),
        (referral, "DHS", "in_progress"),
    ):
        services.cell_write(
            actor=people[agency], row=row, agency=agencies[agency], expected_version=0,
            status=status, note="=HYPERLINK(\"http://bad\")" if agency == "HHS" else "",
        )  # fmt: skip
    services.cell_write(
        actor=people["HHS"], row=hotline, agency=agencies["HHS"], expected_version=0,
        status="not_applicable", reason="No contracts abroad.",
    )  # fmt: skip
    view = trackers.matrix(tracker)
    assert [(line.implemented, line.applicable) for line in view.rows] == [(2, 2), (0, 2), (0, 1)]
    totals = {agency.acronym: dict(counts) for agency, counts in view.per_agency}
    assert totals["DHS"] == {"implemented": 1, "in_progress": 1, "not_started": 1}
    assert totals["HHS"] == {"implemented": 1, "not_started": 1, "not_applicable": 1}
    assert [line.row.pk for line in trackers.matrix(tracker, status="in_progress").rows] == [
        referral.pk
    ]
    assert [line.row.pk for line in trackers.matrix(tracker, search="hotline").rows] == [hotline.pk]
    client.force_login(people["office"])
    page = client.get(reverse("committees:tracker", args=[tracker.pk])).content.decode()
    assert "2 implemented, 1 in progress, 2 not started and 1 not applicable" in page
    assert "2 of 2" in page
    # A person outside the body is answered 404; an agency cannot export.
    client.force_login(people["outsider"])
    assert client.get(reverse("committees:tracker", args=[tracker.pk])).status_code == 404
    client.force_login(people["DHS"])
    assert client.get(reverse("committees:tracker-xlsx", args=[tracker.pk])).status_code == 403
    client.force_login(people["office"])
    csv_text = client.get(reverse("committees:tracker-csv", args=[tracker.pk])).content.decode()
    assert csv_text.splitlines()[1] == (
        "FAR 22.1703,Workforce training,Implemented,Implemented,2,2"
    )
    answer = client.get(reverse("committees:tracker-xlsx", args=[tracker.pk]) + "?agency=")
    book = load_workbook(io.BytesIO(answer.content))
    matrix = [list(row) for row in book["Matrix"].iter_rows(values_only=True)]
    assert matrix[0] == ["Reference", "Requirement", "DHS", "HHS", "Implemented", "Apply"]
    assert matrix[3] == [None, "Hotline posting", "Not started", "N/A", 0, 1]
    assert matrix[4][:4] == [None, "Total not started", 1, 1]
    notes = [list(row) for row in book["Notes"].iter_rows(values_only=True)]
    assert notes[1][2:4] == ["DHS", "Implemented"]
    assert "'=HYPERLINK" in [row[5] for row in notes if row[2] == "HHS"][0]


def test_evidence_documents_are_checked_and_downloaded_by_the_agency_and_the_office(
    client,
    far,
    tracker,
    media,
):
    _, agencies, people = far
    row = tracker.rows.first()
    with pytest.raises(ValidationError) as refused:
        services.cell_write(
            actor=people["DHS"], row=row, agency=agencies["DHS"], expected_version=0,
            status="implemented",
            evidence_upload=SimpleUploadedFile("plan.pdf", b"not a pdf at all"),
        )  # fmt: skip
    assert "is not a PDF document" in refused.value.message_dict["evidence_upload"][0]
    services.cell_write(
        actor=people["DHS"], row=row, agency=agencies["DHS"], expected_version=0,
        status="implemented", evidence_upload=pdf_upload("training-roster.pdf"),
    )  # fmt: skip
    url = reverse("committees:tracker-evidence", args=[tracker.pk, row.pk, agencies["DHS"].pk])
    for person, status in (("DHS", 200), ("office", 200), ("HHS", 404), ("outsider", 404)):
        client.force_login(people[person])
        answer = client.get(url)
        assert answer.status_code == status, person
    client.force_login(people["DHS"])
    assert "training-roster.pdf" in client.get(url)["Content-Disposition"]


def test_the_shipped_trackers_load_once(reference):
    assert load_trackers() == "committee trackers: 2 created"
    assert load_trackers() == "committee trackers: 0 created"
    far_tracker = Tracker.objects.get(body__short_name="far-implementation")
    assert far_tracker.rows.count() == 6
    assert "Inspector General" in far_tracker.rows.get(reference="FAR 22.1704").text


def test_the_tracker_page_makes_the_same_queries_whatever_its_size(client, far):
    body, agencies, people = far
    client.force_login(people["office"])

    def grow(rows: int, extra_agencies: int) -> int:
        participants = [agencies["DHS"], agencies["HHS"]]
        for _ in range(extra_agencies):
            agency = AgencyFactory()
            MembershipFactory(agency=agency, body=body, start_date=START)
            participants.append(agency)
        tracker = services.tracker_create(
            actor=people["office"],
            body=body,
            title=f"Tracker of {rows}",
            agencies=participants,
            rows=[("", f"Requirement {n}") for n in range(rows)],
        )
        for row in tracker.rows.all()[:3]:
            services.cell_write(
                actor=people["DHS"], row=row, agency=agencies["DHS"], expected_version=0,
                status="implemented",
            )  # fmt: skip
        url = reverse("committees:tracker", args=[tracker.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert grow(3, 0) == grow(40, 12)
    assert Agency.objects.count() > 14
