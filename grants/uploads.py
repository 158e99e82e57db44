"""The draft NOFO a solicitation carries: a PDF or Word file, checked by what it holds (the
core's upload checks, pitf.uploads), kept outside anything the web server serves, under a random
name, and handed out only through a view that first checks who may see the solicitation."""

from __future__ import annotations

from django.conf import settings

from pitf.uploads import DOCX, PDF, stored_path, validate_upload

KINDS = (PDF, DOCX)


def nofo_limit() -> int:
    return getattr(settings, "GRANTS_NOFO_MAX_BYTES", 20 * 1024 * 1024)


def nofo_path(instance, filename: str) -> str:
    """Where it is stored: a random name with the checked extension, never the uploaded name."""
    return stored_path("grants/nofo", filename)


def validate_nofo(upload) -> str:
    """Refuse anything but a PDF or Word (.docx) file within the size limit; answer the name
    to show and download it under."""
    return validate_upload(upload, kinds=KINDS, limit=nofo_limit(), noun="draft NOFO")
