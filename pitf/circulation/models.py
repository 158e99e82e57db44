"""Circulation for comment: an agency sends a document to other agencies with a deadline; each
recipient agency answers once (its comments, or no comment); the owner resolves each comment.
Any document can be circulated (a generic relation): grant solicitations and proposed awards
today, draft minutes and report drafts later."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property

DEFAULT_MARKING = "Pre-decisional / Deliberative"


@dataclass(frozen=True)
class Handling:
    marking: str
    controlled: bool
    # A controlled document's CUI category (e.g. SP-PRVCY), for its designation indicator.
    category: str = ""


class Circulation(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open for comment"
        CLOSED = "closed", "Closed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    document_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    document_id = models.CharField(max_length=64)
    document = GenericForeignKey("document_type", "document_id")
    title = models.CharField(max_length=300, help_text="The document's title when circulated.")
    owner_agency = models.ForeignKey(
        "pitf.Agency", on_delete=models.PROTECT, related_name="circulations"
    )
    body = models.ForeignKey(
        "pitf.Body",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Whose representatives are written to (the body the document's kind names "
        "unless another was chosen).",
    )
    circulated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    message = models.TextField(blank=True)
    circulated_at = models.DateTimeField(auto_now_add=True)
    deadline_at = models.DateTimeField(help_text="Close of business, Eastern time.")
    remind_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="9:00 AM Eastern two business days before the deadline; empty when the "
        "deadline is too close for a reminder.",
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-circulated_at"]
        indexes = [
            # Which circulation a document is in, and (with the id) which of a kind of document
            # an agency was asked about, read from the indexes alone (grants.selectors).
            models.Index(
                fields=["document_type", "document_id"], include=["id"], name="circulation_document"
            ),
            models.Index(
                fields=["deadline_at"], condition=Q(status="open"), name="circulation_open"
            ),
            # An agency's own circulations, newest first, a page at a time.
            models.Index(
                fields=["owner_agency", "-circulated_at", "-id"], name="circulation_of_agency"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @cached_property
    def handling(self) -> Handling:
        """The document's handling marking now ("Pre-decisional / Deliberative" unless it says
        otherwise), and whether it is controlled (CUI): read from the document, so a marking
        added after circulating holds for the messages sent after."""
        document = self.document
        marking = getattr(document, "handling_marking", "") if document is not None else ""
        controlled = bool(getattr(document, "controlled", False)) if document is not None else False
        category = getattr(document, "cui_category", "") if controlled else ""
        return Handling(
            marking=marking or DEFAULT_MARKING, controlled=controlled, category=category
        )

    @property
    def message_title(self) -> str:
        """What a message names it by: its title, or for a controlled (CUI) document only a
        neutral description (its kind and agency), the content staying behind sign-in."""
        if not self.handling.controlled:
            return self.title
        noun = self.document_type.model_class()._meta.verbose_name
        article = "An" if noun[:1].lower() in "aeiou" else "A"
        return f"{article} {noun} of {self.owner_agency.acronym}"


def document_of(circulation: Circulation) -> tuple[int, int | None]:
    """(content type id, key) of a circulation's document, as its recipients keep them."""
    key = circulation.document_id
    return circulation.document_type_id, int(key) if key.isdigit() else None


class Recipient(models.Model):
    """One agency a circulation went to, and its answer: drafted by its staff, submitted once by
    its representative (or their delegate), final unless the owner reopens it."""

    class Answer(models.TextChoices):
        NONE = "", "No answer"
        COMMENTS = "comments", "Comments"
        NO_COMMENT = "no_comment", "No comment"

    circulation = models.ForeignKey(
        Circulation, on_delete=models.CASCADE, related_name="recipients"
    )
    agency = models.ForeignKey("pitf.Agency", on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(max_length=12, choices=Answer.choices, blank=True, default="")
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    # The circulated document, as its circulation names it (the key as a number): which
    # documents an agency was asked to comment on is read from this table's index alone, so a
    # list of documents tests each row with one probe instead of joining every circulation.
    document_type = models.ForeignKey(
        ContentType, null=True, editable=False, on_delete=models.PROTECT, related_name="+"
    )
    document_key = models.BigIntegerField(null=True, editable=False)

    class Meta:
        ordering = ["agency__name"]
        # What an agency was asked to comment on (see Circulation's indexes), by circulation
        # and by document.
        indexes = [
            models.Index(fields=["agency", "circulation"], name="recipient_of_agency"),
            models.Index(
                fields=["agency", "document_type", "document_key"], name="recipient_asked_documents"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["circulation", "agency"], name="recipient_once_per_circulation"
            ),
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True) | ~Q(answer=""),
                name="recipient_submitted_has_answer",
            ),
        ]

    def __str__(self):
        return f"{self.agency} on {self.circulation}"

    def save(self, *args, **kwargs):
        if self.document_type_id is None and self.circulation_id is not None:
            self.document_type_id, self.document_key = document_of(self.circulation)
        super().save(*args, **kwargs)

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None


class Comment(models.Model):
    class Kind(models.TextChoices):
        SUBSTANTIVE = "substantive", "Substantive"
        EDITORIAL = "editorial", "Editorial"
        QUESTION = "question", "Question"

    class Resolution(models.TextChoices):
        NONE = "", "Not resolved"
        ADOPTED = "adopted", "Adopted"
        ADOPTED_IN_PART = "adopted_in_part", "Adopted in part"
        NOT_ADOPTED = "not_adopted", "Not adopted"
        NOTED = "noted", "Noted"

    recipient = models.ForeignKey(Recipient, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(
        max_length=200, help_text="The section or page it is about, e.g. 'Section C.2, p. 14'."
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    resolution = models.CharField(max_length=16, choices=Resolution.choices, blank=True, default="")
    resolution_reason = models.TextField(blank=True)
    reply = models.TextField(blank=True, help_text="The owner's reply to the commenting agency.")
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["recipient__agency__name", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(resolution="not_adopted") | ~Q(resolution_reason=""),
                name="comment_not_adopted_has_reason",
            )
        ]

    def __str__(self):
        return f"{self.section}: {self.text[:60]}"


class Contact(models.Model):
    """A person an agency lists to receive the documents of some kinds circulated to it, beside
    its designated representatives (kept on the agency's contacts page). `topic` names the list
    (pitf.circulation.kinds.ContactList): the kinds that declare it write to its people."""

    agency = models.ForeignKey("pitf.Agency", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    topic = models.CharField(max_length=40)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "person", "topic"], name="contact_once")
        ]

    def __str__(self):
        return f"{self.person} for {self.agency} ({self.topic})"


class Delegate(models.Model):
    """Someone a representative names to submit their agency's answers in their place."""

    agency = models.ForeignKey("pitf.Agency", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    named_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "person"], name="delegate_once")]

    def __str__(self):
        return f"{self.person} submits for {self.agency}"
