"""The draft NOFO a solicitation carries: a PDF or Word file, checked by what it holds (not by
the name it came with), kept outside anything the web server serves, under a random name, and
handed out only through a view that first checks who may see the solicitation."""

from __future__ import annotations

import uuid
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import get_valid_filename

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def nofo_limit() -> int:
    return getattr(settings, "GRANTS_NOFO_MAX_BYTES", 20 * 1024 * 1024)


def nofo_path(instance, filename: str) -> str:
    """Where it is stored: a random name with the checked extension, never the uploaded name."""
    return f"grants/nofo/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


def _holds(upload, extension: str) -> bool:
    upload.seek(0)
    if extension == ".pdf":
        held = upload.read(5) == b"%PDF-"
    else:
        try:
            with zipfile.ZipFile(upload) as archive:
                held = "word/document.xml" in archive.namelist()
        except zipfile.BadZipFile:
            held = False
    upload.seek(0)
    return held


def validate_nofo(upload) -> str:
    """Refuse anything but a PDF or Word (.docx) file within the size limit; answer the name
    to show and download it under."""
    extension = PurePath(upload.name).suffix.lower()
    if extension not in CONTENT_TYPES:
        raise ValidationError("Attach the draft NOFO as a PDF or a Word (.docx) file.")
    limit = nofo_limit()
    if upload.size > limit:
        raise ValidationError(
            f"The file is {upload.size / 1024 / 1024:.1f} MB; the limit is "
            f"{limit / 1024 / 1024:.0f} MB."
        )
    if upload.size == 0 or not _holds(upload, extension):
        raise ValidationError(
            f"The file is named {extension} but is not a {extension[1:].upper()} document; "
            "save it again from your word processor."
        )
    return shortened(get_valid_filename(PurePath(upload.name).name)) or f"nofo{extension}"


def shortened(name: str, limit: int = 200) -> str:
    """The name within `limit` characters, its extension kept: the stem is cut, not the .pdf."""
    if len(name) <= limit:
        return name
    suffix = PurePath(name).suffix
    if len(suffix) >= limit:
        return name[:limit]
    return name[: limit - len(suffix)] + suffix
