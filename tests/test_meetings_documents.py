"""A meeting's documents: its chair's office adds PDF, Word, Excel and PowerPoint files, each
checked by what it holds, with a handling marking; every version is kept; whoever may see the
meeting downloads them, and anyone else is answered 404 (the document's existence is not
revealed). A file that is not what its name says, is empty or too large is refused with a
clear message, and nothing is saved."""

from __future__ import annotations

import datetime
import io
import zipfile

import docx
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pitf.meetings import services
from pitf.meetings.models import DocumentVersion, Meeting, MeetingDocument
from pitf.models import Body
from pitf.workdays import EASTERN
from pitf.workflow import TransitionRefused
from tests.conftest import meeting_on, pdf_upload

pytestmark = pytest.mark.django_db
DAY = datetime.date(2027, 4, 6)


@pytest.fixture
def clock():
    with time_machine.travel(datetime.datetime(2027, 4, 1, 9, 0, tzinfo=EASTERN), tick=False):
        yield


@pytest.fixture
def meeting(people, clock, media) -> Meeting:
    return meeting_on(people["chairs_office"], Body.objects.get(short_name="spog"), DAY)


def office_file(kind: str) -> bytes:
    """A real Word file (python-docx), or the smallest Excel or PowerPoint file: a ZIP archive
    with its content types and main part."""
    if kind == "docx":
        document = docx.Document()
        document.add_heading("FY2027 priorities", level=1)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
    main = {"xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}[kind]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(main, "<x/>")
    return out.getvalue()


def add(client, meeting, name: str, content: bytes, **fields):
    return client.post(
        reverse("meetings:document-add", args=[meeting.pk]),
        {
            "title": "",
            "marking": "predecisional",
            **fields,
            "upload": SimpleUploadedFile(name, content),
        },
    )


def test_the_chairs_office_adds_a_document_and_invitees_download_it(client, people, meeting, media):
    client.force_login(people["chairs_office"])
    response = add(
        client, meeting, "FY27 read-ahead.pdf", b"%PDF-1.7\n" + b"x" * 2048, title="Read-ahead"
    )
    assert response.status_code == 302
    document = MeetingDocument.objects.get(meeting=meeting)
    assert (document.title, document.handling_marking) == (
        "Read-ahead",
        "Pre-decisional / Deliberative",
    )
    stored = list((media / "meetings" / "documents").iterdir())
    assert len(stored) == 1 and "read-ahead" not in stored[0].name  # a random name

    client.force_login(people["representative"])  # DHS's principal, on the list
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    download = reverse("meetings:document-download", args=[meeting.pk, document.pk, 1])
    assert f'href="{download}"' in page
    assert "Pre-decisional / Deliberative" in page
    assert "FY27_read-ahead.pdf" in page
    assert "Add a document" not in page
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="FY27_read-ahead.pdf"' in response["Content-Disposition"]
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.7")


@pytest.mark.parametrize("kind", ["docx", "xlsx", "pptx"])
def test_word_excel_and_powerpoint_files_are_accepted(client, people, meeting, kind):
    client.force_login(people["chairs_office"])
    assert add(client, meeting, f"briefing.{kind}", office_file(kind)).status_code == 302
    version = DocumentVersion.objects.get(document__meeting=meeting)
    assert version.name == f"briefing.{kind}"
    response = client.get(
        reverse("meetings:document-download", args=[meeting.pk, version.document_id, 1])
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")


def test_a_new_version_keeps_the_earlier_one(client, people, meeting):
    client.force_login(people["chairs_office"])
    add(client, meeting, "agenda.pdf", b"%PDF-1.7\nfirst", title="Agenda")
    document = MeetingDocument.objects.get()
    response = client.post(
        reverse("meetings:document-version-add", args=[meeting.pk, document.pk]),
        {
            "note": "Item 4 added",
            "upload": SimpleUploadedFile("agenda v2.docx", office_file("docx")),
        },
    )
    assert response.status_code == 302
    assert [v.number for v in document.versions.all()] == [2, 1]
    page = client.get(reverse("meetings:documents", args=[meeting.pk])).content.decode()
    assert "Item 4 added" in page and "2 (current)" in page
    first = client.get(reverse("meetings:document-download", args=[meeting.pk, document.pk, 1]))
    assert b"".join(first.streaming_content) == b"%PDF-1.7\nfirst"
    second = client.get(reverse("meetings:document-download", args=[meeting.pk, document.pk, 2]))
    assert 'filename="agenda_v2.docx"' in second["Content-Disposition"]
    detail = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert reverse("meetings:document-download", args=[meeting.pk, document.pk, 2]) in detail


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("setup.pdf", b"MZ\x90\x00" + b"\x00" * 300, "is named .pdf but is not a PDF document"),
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 300, "as a PDF, Word (.docx), Excel (.xlsx) or"),
        ("figures.xlsx", office_file("docx"), "is named .xlsx but is not a XLSX document"),
        ("slides.pptx", b"PK\x03\x04 not really a zip", "is not a PPTX document"),
        ("empty.pdf", b"", "The submitted file is empty."),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused_and_nothing_saved(
    client, people, meeting, media, name, content, message
):
    client.force_login(people["chairs_office"])
    response = add(client, meeting, name, content)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["upload"])
    assert not MeetingDocument.objects.exists()
    assert not (media / "meetings").exists()


def test_a_file_above_the_limit_is_refused(client, people, meeting, settings):
    settings.MEETINGS_DOCUMENT_MAX_BYTES = 1024 * 1024
    client.force_login(people["chairs_office"])
    form_page = client.get(reverse("meetings:document-add", args=[meeting.pk])).content.decode()
    assert "up to 1 MB" in form_page
    response = add(client, meeting, "big.pdf", b"%PDF-1.7\n" + b" " * (1024 * 1024))
    assert "the limit is 1 MB" in " ".join(response.context["form"].errors["upload"])
    assert not MeetingDocument.objects.exists()


def test_a_cui_marking_names_its_category(client, people, meeting):
    client.force_login(people["chairs_office"])
    response = add(client, meeting, "list.pdf", b"%PDF-1.7\n", marking="cui")
    assert "A CUI marking names its category." in " ".join(
        response.context["form"].errors["cui_category"]
    )
    add(client, meeting, "list.pdf", b"%PDF-1.7\n", marking="cui", cui_category="SP-PRVCY")
    assert MeetingDocument.objects.get().handling_marking == "CUI//SP-PRVCY"


def test_people_outside_the_meeting_are_answered_404(client, people, clock, media):
    """A Grantmaking Committee meeting's document: the observer (of an agency invited to the
    SPOG only) gets 404 for its list and its file, as for a document that does not exist."""
    meeting = meeting_on(
        people["site_admin"], Body.objects.get(short_name="grantmaking"), DAY, title="Grants"
    )
    document = services.document_add(
        actor=people["site_admin"], meeting=meeting, title="Portfolio", upload=pdf_upload()
    )
    download = reverse("meetings:document-download", args=[meeting.pk, document.pk, 1])
    client.force_login(people["chair"])  # the committee's chair
    assert client.get(download).status_code == 200
    client.force_login(people["observer"])
    assert client.get(download).status_code == 404
    assert client.get(reverse("meetings:documents", args=[meeting.pk])).status_code == 404
    missing = reverse("meetings:document-download", args=[meeting.pk, document.pk + 1, 1])
    assert client.get(missing).status_code == 404


def test_only_the_chairs_office_adds_and_not_to_a_cancelled_meeting(client, people, meeting):
    client.force_login(people["representative"])
    assert add(client, meeting, "a.pdf", b"%PDF-1.7\n").status_code == 403
    services.meeting_cancel(
        actor=people["chairs_office"],
        meeting=meeting,
        expected_version=meeting.version,
        reason="No",
    )
    client.force_login(people["chairs_office"])
    assert add(client, meeting, "a.pdf", b"%PDF-1.7\n").status_code == 404
    with pytest.raises(TransitionRefused):
        services.document_add(
            actor=people["chairs_office"], meeting=meeting, title="A", upload=pdf_upload()
        )
    assert not MeetingDocument.objects.exists()


@pytest.mark.parametrize("name", ["meetings:detail", "meetings:documents"])
def test_meeting_pages_read_documents_in_constant_queries(client, people, meeting, name):
    client.force_login(people["representative"])
    url = reverse(name, args=[meeting.pk])

    def queries_with(documents: int) -> int:
        while MeetingDocument.objects.count() < documents:
            document = services.document_add(
                actor=people["chairs_office"], meeting=meeting, title="Doc", upload=pdf_upload()
            )
            for _ in range(2):
                services.document_version_add(
                    actor=people["chairs_office"], document=document, upload=pdf_upload()
                )
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert queries_with(1) == queries_with(6)
