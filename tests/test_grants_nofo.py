"""A solicitation's draft NOFO: its agency attaches a PDF or Word file (anything else, a file
that only carries the name, or one too large is refused, nothing saved); it is kept under a
random name outside what the web server serves, and downloads only for whoever may see the
solicitation (404 for anyone else); replacing it deletes the old file."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from grants.models import Solicitation
from pitf import workdays
from tests.test_grants import draft_values

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def docx_bytes(text: str) -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def solicitation(people):
    return Solicitation.objects.create(
        agency=people["staff"].agency, created_by=people["staff"], **draft_values()
    )


def attach(client, solicitation, name: str, content: bytes):
    solicitation.refresh_from_db()
    return client.post(
        reverse("grants:solicitation-nofo-attach", args=[solicitation.pk]),
        {"version": solicitation.version, "nofo": SimpleUploadedFile(name, content)},
    )


def test_the_agency_attaches_it_and_only_those_who_see_the_solicitation_download_it(
    client, people, media, solicitation
):
    client.force_login(people["staff"])
    response = attach(client, solicitation, "NOFO draft (v2).pdf", PDF)
    assert response.status_code == 302
    solicitation.refresh_from_db()
    assert solicitation.nofo_name == "NOFO_draft_v2.pdf"
    stored = list((media / "grants" / "nofo").iterdir())
    assert len(stored) == 1 and stored[0].suffix == ".pdf"
    assert "NOFO" not in stored[0].name  # a random name, not the uploaded one
    page = client.get(reverse("grants:solicitation-detail", args=[solicitation.pk]))
    assert "NOFO_draft_v2.pdf" in page.content.decode()
    download = reverse("grants:solicitation-nofo", args=[solicitation.pk])
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="NOFO_draft_v2.pdf"'
    assert "no-store" in response["Cache-Control"]
    # A draft: nobody outside HHS, the chair's office included.
    for other in ("representative", "chairs_office", "observer"):
        client.force_login(people[other])
        assert client.get(download).status_code == 404
    # Circulated to the SPOG: DHS's representative downloads it; the observer still cannot.
    with time_machine.travel(datetime.datetime(2026, 12, 7, 10, tzinfo=workdays.EASTERN)):
        client.force_login(people["staff"])  # a week on: a new session
        circulated = client.post(
            reverse("grants:solicitation-circulate", args=[solicitation.pk]),
            {"version": solicitation.version, "deadline": "2026-12-18", "audience": "spog"},
        )
    assert circulated.url.startswith("/circulation/")
    client.force_login(people["representative"])
    response = client.get(download)
    assert response.status_code == 200, response.content
    assert b"".join(response.streaming_content) == PDF
    assert (
        client.get(reverse("grants:solicitation-nofo-attach", args=[solicitation.pk])).status_code
        == 403
    )
    client.force_login(people["observer"])
    assert client.get(download).status_code == 404


def test_a_long_file_name_is_shortened_with_its_extension_kept(client, people, media, solicitation):
    client.force_login(people["staff"])
    name = "Services_for_victims_" + "x" * 220 + ".pdf"
    assert attach(client, solicitation, name, PDF).status_code == 302
    solicitation.refresh_from_db()
    assert len(solicitation.nofo_name) == 200
    assert solicitation.nofo_name.startswith("Services_for_victims_xxx")
    assert solicitation.nofo_name.endswith("x.pdf")
    response = client.get(reverse("grants:solicitation-nofo", args=[solicitation.pk]))
    assert response["Content-Disposition"].endswith('.pdf"')


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("nofo.exe", b"MZ\x90\x00", "as a PDF or a Word (.docx) file"),
        ("nofo.doc", b"\xd0\xcf\x11\xe0", "as a PDF or a Word (.docx) file"),
        ("nofo.pdf", b"<html>not a pdf</html>", "is not a PDF document"),
        ("nofo.docx", b"just text", "is not a DOCX document"),
        ("nofo.pdf", b"", "The submitted file is empty."),
    ],
)
def test_what_is_not_a_pdf_or_word_file_is_refused(
    client, people, media, solicitation, name, content, message
):
    client.force_login(people["staff"])
    response = attach(client, solicitation, name, content)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["nofo"])
    solicitation.refresh_from_db()
    assert not solicitation.nofo
    assert not (media / "grants").exists()


def test_a_zip_that_is_not_a_word_document_and_a_file_too_large_are_refused(
    client, people, media, solicitation, settings
):
    client.force_login(people["staff"])
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("payload.txt", "hello")
    response = attach(client, solicitation, "nofo.docx", archive.getvalue())
    assert "is not a DOCX document" in " ".join(response.context["form"].errors["nofo"])
    settings.GRANTS_NOFO_MAX_BYTES = 1024 * 1024
    response = attach(client, solicitation, "nofo.pdf", PDF + b" " * (1024 * 1024))
    assert "the limit is 1 MB" in " ".join(response.context["form"].errors["nofo"])
    assert not (media / "grants").exists()


def test_replacing_it_keeps_one_file_and_a_stale_form_is_refused(
    client, people, media, solicitation, django_capture_on_commit_callbacks
):
    client.force_login(people["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        attach(client, solicitation, "first.pdf", PDF)
    solicitation.refresh_from_db()
    stale_version = solicitation.version
    with django_capture_on_commit_callbacks(execute=True):
        response = attach(client, solicitation, "second.docx", docx_bytes("Eligibility"))
    assert response.status_code == 302
    solicitation.refresh_from_db()
    assert solicitation.nofo_name == "second.docx"
    assert [path.suffix for path in (media / "grants" / "nofo").iterdir()] == [".docx"]
    response = client.get(reverse("grants:solicitation-nofo", args=[solicitation.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    # A form loaded before the replacement is refused, and leaves no file behind.
    stale = client.post(
        reverse("grants:solicitation-nofo-attach", args=[solicitation.pk]),
        {"version": stale_version, "nofo": SimpleUploadedFile("third.pdf", PDF)},
    )
    assert "was changed by someone else" in stale.content.decode()
    assert len(list((media / "grants" / "nofo").iterdir())) == 1
