"""What a meeting keeps besides its invitees: its documents, each with every version uploaded."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from pitf.uploads import stored_path

PREDECISIONAL = "Pre-decisional / Deliberative"


class DocumentMarking(models.TextChoices):
    PREDECISIONAL = "predecisional", PREDECISIONAL
    CUI = "cui", "Controlled Unclassified Information (CUI)"
    NONE = "none", "No handling marking (may be released)"


def document_path(instance, filename: str) -> str:
    return stored_path("meetings/documents", filename)


class MeetingDocument(models.Model):
    """A document of a meeting (a read-ahead, a presentation, a spreadsheet), with its handling
    marking; seen and downloaded by whoever may see the meeting."""

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(max_length=200)
    marking = models.CharField(
        "Handling marking",
        max_length=20,
        choices=DocumentMarking.choices,
        default=DocumentMarking.PREDECISIONAL,
    )
    cui_category = models.CharField(
        "CUI category",
        max_length=40,
        blank=True,
        help_text="With a CUI marking: its category, e.g. SP-PRVCY (privacy).",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(marking="cui") | ~Q(cui_category=""),
                name="meeting_document_cui_has_category",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def handling_marking(self) -> str:
        """The marking to print beside it ("" for a document without one)."""
        if self.marking == DocumentMarking.CUI:
            return f"CUI//{self.cui_category}"
        if self.marking == DocumentMarking.PREDECISIONAL:
            return PREDECISIONAL
        return ""


class DocumentVersion(models.Model):
    """One upload of a document: every version is kept and stays downloadable."""

    document = models.ForeignKey(MeetingDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    # Stored under a random name (pitf.uploads), downloaded under `name`.
    file = models.FileField(upload_to=document_path, editable=False)
    name = models.CharField(max_length=200, editable=False)
    size = models.PositiveBigIntegerField(editable=False)
    note = models.CharField(
        "What changed", max_length=300, blank=True, help_text="For a new version: what changed."
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_once")
        ]

    def __str__(self):
        return f"{self.document} (version {self.number})"
