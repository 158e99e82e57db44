"""The Public Affairs Committee's messaging calendar: the year's observances (reference data)
and the communications agencies plan, each cleared interagency by circulating its draft for
comment before it is published."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class Observance(models.Model):
    """One year's occurrence of an observance: a day, or a span such as a month."""

    name = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField()
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["starts_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "starts_on"], name="observance_once_a_day"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="observance_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.name} {self.starts_on.year}"


class Communication(models.Model):
    class Channel(models.TextChoices):
        PRESS_RELEASE = "press_release", "Press release"
        SOCIAL_MEDIA = "social_media", "Social media"
        WEB_ARTICLE = "web_article", "Web article or blog post"
        EVENT = "event", "Event"
        SPEECH = "speech", "Speech or remarks"
        VIDEO = "video", "Video or public service announcement"
        NEWSLETTER = "newsletter", "Newsletter or e-mail"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_CLEARANCE = "in_clearance", "In clearance"
        CLEARED = "cleared", "Cleared"
        PUBLISHED = "published", "Published"

    body = models.ForeignKey("pitf.Body", on_delete=models.PROTECT, related_name="communications")
    agency = models.ForeignKey("pitf.Agency", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    starts_on = models.DateField("Date")
    ends_on = models.DateField("Last day", null=True, blank=True)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    audience = models.CharField(max_length=200)
    theme = models.CharField(max_length=120)
    observance = models.ForeignKey(
        Observance, null=True, blank=True, on_delete=models.PROTECT, related_name="communications"
    )
    message = models.TextField("Draft message", blank=True, help_text="Markdown.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    link = models.URLField(blank=True, max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="communication_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | ~Q(link=""),
                name="communication_published_with_link",
            ),
        ]
        indexes = [models.Index(fields=["body", "starts_on"])]

    def __str__(self):
        return self.title

    @property
    def last_day(self) -> datetime.date:
        return self.ends_on or self.starts_on

    @property
    def message_html(self) -> str:
        """The draft message as sanitised HTML (pitf.meetings.minutes.rendered)."""
        from django.utils.safestring import mark_safe

        from pitf.meetings.minutes import rendered

        return mark_safe(rendered(self.message))  # noqa: S308  # nosec B308 B703
