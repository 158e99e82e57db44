"""What a meeting keeps besides its invitees: its documents, each with every version uploaded,
and its agenda."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
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
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
        help_text="The agenda item it is for, if any.",
    )

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


class AgendaItem(models.Model):
    """An item of a meeting's agenda: added by the chair's office, or proposed by an agency
    before the cut-off and then accepted, declined or merged into another item. The accepted
    items are the agenda, in `position` order."""

    class Kind(models.TextChoices):
        INFORMATION = "information", "For information"
        DISCUSSION = "discussion", "For discussion"
        DECISION = "decision", "For decision"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACCEPTED = "accepted", "On the agenda"
        DECLINED = "declined", "Declined"
        MERGED = "merged", "Merged into another item"
        REMOVED = "removed", "Taken off the agenda"

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.INFORMATION)
    minutes = models.PositiveSmallIntegerField(
        "Time allotted (minutes)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(480)],
    )
    presenter_agency = models.ForeignKey(
        "pitf.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposing_agency = models.ForeignKey(
        "pitf.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField("Reason", max_length=300, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_items"
    )
    carry_over = models.BooleanField(
        "Carry over to the next meeting",
        default=False,
        help_text="It goes on the draft agenda of the body's next meeting.",
    )
    # Where an item carried over came from: an item of an earlier meeting's agenda, or an
    # action item still open.
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_to"
    )
    carried_action = models.ForeignKey(
        "meetings.ActionItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_to",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["position", "proposed_at", "pk"]
        indexes = [models.Index(fields=["meeting", "status", "position"], name="agenda_order")]

    def __str__(self):
        return self.title

    @property
    def presented_by(self) -> str:
        """ "Jordan Chair (DOJ)", "DOJ" or ""."""
        agency = self.presenter_agency.acronym if self.presenter_agency_id else ""
        if self.presenter_id:
            person = self.presenter.full_name or self.presenter.email
            return f"{person} ({agency})" if agency else person
        return agency
