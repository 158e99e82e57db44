"""Uploaded files the hub keeps (a solicitation's draft NOFO, a meeting's documents): checked by
what they hold, not by the name they came with; stored through Django's storage API under a
random name (so S3-compatible storage works by setting only); handed out only through a view that
first checks who may see the thing they belong to.

What a file holds is read from its first bytes by `filetype`; an Office file (a ZIP archive) must
also hold its kind's main part (word/document.xml for Word), so a renamed archive is refused."""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError
from django.utils.text import get_valid_filename


@dataclass(frozen=True)
class FileKind:
    extension: str
    label: str  # "Word", what a person calls it
    content_type: str
    # An Office Open XML file is a ZIP archive holding this part; a PDF has none.
    main_part: str = ""


PDF = FileKind(".pdf", "PDF", "application/pdf")
DOCX = FileKind(
    ".docx",
    "Word",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "word/document.xml",
)
XLSX = FileKind(
    ".xlsx",
    "Excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xl/workbook.xml",
)
PPTX = FileKind(
    ".pptx",
    "PowerPoint",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "ppt/presentation.xml",
)
KINDS = {kind.extension: kind for kind in (PDF, DOCX, XLSX, PPTX)}
# What filetype calls an archive that may be an Office file (it names some Office files itself).
_ZIPPED = {"application/zip", DOCX.content_type, XLSX.content_type, PPTX.content_type}


def stored_path(folder: str, filename: str) -> str:
    """Where an upload is stored: a random name with its checked extension, never the name it
    came with."""
    return f"{folder}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


def content_type_of(name: str) -> str:
    return KINDS[PurePath(name).suffix.lower()].content_type


def kinds_in_words(kinds: tuple[FileKind, ...]) -> str:
    """ "a PDF or a Word (.docx) file"; "a PDF, Word (.docx), Excel (.xlsx) or PowerPoint
    (.pptx) file"."""
    names = [k.label if not k.main_part else f"{k.label} ({k.extension})" for k in kinds]
    if len(names) == 1:
        return f"a {names[0]} file"
    if len(names) == 2:
        return f"a {names[0]} or a {names[1]} file"
    return f"a {', '.join(names[:-1])} or {names[-1]} file"


def holds(upload, kind: FileKind) -> bool:
    """Whether the file's content is what its kind says: its first bytes, then for an Office
    file its main part."""
    upload.seek(0)
    guessed = filetype.guess(upload.read(8192))
    upload.seek(0)
    if guessed is None:
        return False
    if not kind.main_part:
        return guessed.mime == kind.content_type
    if guessed.mime not in _ZIPPED:
        return False
    try:
        with zipfile.ZipFile(upload) as archive:
            held = kind.main_part in archive.namelist()
    except zipfile.BadZipFile:
        held = False
    upload.seek(0)
    return held


def validate_upload(upload, *, kinds: tuple[FileKind, ...], limit: int, noun: str) -> str:
    """Refuse anything but the given kinds within the size limit; answer the name to show and
    download it under (a safe name, at most 200 characters)."""
    extension = PurePath(upload.name).suffix.lower()
    kind = next((k for k in kinds if k.extension == extension), None)
    if kind is None:
        raise ValidationError(f"Attach the {noun} as {kinds_in_words(kinds)}.")
    if upload.size > limit:
        raise ValidationError(
            f"The file is {upload.size / 1024 / 1024:.1f} MB; the limit is "
            f"{limit / 1024 / 1024:.0f} MB."
        )
    if upload.size == 0 or not holds(upload, kind):
        raise ValidationError(
            f"The file is named {extension} but is not a {extension[1:].upper()} document; "
            f"save it again from {'your word processor' if kind in (PDF, DOCX) else 'Office'}."
        )
    name = shortened(get_valid_filename(PurePath(upload.name).name))
    return name or f"{noun.replace(' ', '-')}{extension}"


def shortened(name: str, limit: int = 200) -> str:
    """The name within `limit` characters, its extension kept: the stem is cut, not the .pdf."""
    if len(name) <= limit:
        return name
    suffix = PurePath(name).suffix
    if len(suffix) >= limit:
        return name[:limit]
    return name[: limit - len(suffix)] + suffix
