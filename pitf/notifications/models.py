"""Outgoing notifications (each a row before it is a task) and the workers' heartbeats."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Notification(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        # No longer wanted when its turn came (a cancelled or moved meeting): never sent.
        DROPPED = "dropped", "Dropped, no longer wanted"

    recipient = models.EmailField()
    subject = models.CharField(max_length=250)
    body = models.TextField(help_text="The plain-text part.")
    html_body = models.TextField(blank=True, help_text="The HTML part, if any.")
    reply_to = models.CharField(
        max_length=1000,
        blank=True,
        help_text="Where a reply goes (comma-separated addresses), if not to the hub's sender.",
    )
    kind = models.CharField(
        max_length=60, help_text="What the notification is about, e.g. 'meeting.reminder'."
    )
    # What it is about (a meeting, a circulation, an invitation), so that a page can show what
    # was sent to whom about it.
    about_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    about_id = models.CharField(max_length=64, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    occasion = models.CharField(
        max_length=100,
        blank=True,
        help_text="Which of several notices of one kind about one thing, e.g. 'reminder-7d'.",
    )
    # kind | about | recipient | occasion: the same notice is never recorded twice. Empty (NULL)
    # for a notice about nothing in particular (a password reset), which may be sent again.
    dedup_key = models.CharField(max_length=400, null=True, blank=True, unique=True)
    # A notice of a fan-out (a meeting's list, a circulation's recipients) is recorded with its
    # subject and this context, and its text is written by the worker when it is sent
    # (pitf.notifications.messages.notification_write); empty once written.
    context = models.JSONField(
        null=True,
        blank=True,
        help_text="What its text is written from when it is sent: things of the hub by their ids.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # The worker instance (WorkerHeartbeat.instance) that claimed it: a claim whose worker has
    # stopped beating is abandoned at once, not after the ten-minute limit.
    claimed_by = models.CharField(max_length=250, blank=True)
    # The process of that worker (a pool child) that claimed it: a child killed mid-send is
    # missing from its worker's next heartbeat, and its claims are freed then.
    claimed_pid = models.PositiveIntegerField(null=True, blank=True)
    # When a task to send it was last put on the broker: the sweep re-queues only rows not
    # queued recently, so a waiting backlog is not queued again every minute.
    queued_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["about_type", "about_id"]),
        ]

    def __str__(self):
        return f"{self.kind} to {self.recipient} ({self.get_status_display()})"

    @property
    def message_id(self) -> str:
        """A stable Message-ID, so a resend after a crash is recognisable as the same message."""
        return f"<notification-{self.pk}@pitf-hub>"


class NotificationAttachment(models.Model):
    """A file sent with a notification: an iCalendar invitation, a DOCX."""

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="attachments"
    )
    filename = models.CharField(max_length=200)
    mimetype = models.CharField(
        max_length=100, help_text="e.g. 'text/calendar; method=REQUEST' or a DOCX's type."
    )
    content = models.BinaryField()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.filename


class WorkerHeartbeat(models.Model):
    """A Celery worker's sign of life, written every WORKER_HEARTBEAT_SECONDS. `instance` is new
    at every start of the worker, so the claims of a worker that was killed and restarted under
    the same host name are seen to be abandoned."""

    hostname = models.CharField(max_length=200, unique=True)
    instance = models.CharField(max_length=250, blank=True)
    last_seen = models.DateTimeField()
    # The worker's processes at its last beat: its own and its pool's children.
    processes = models.JSONField(default=list, blank=True)

    def __str__(self):
        return f"{self.hostname} at {self.last_seen:%Y-%m-%d %H:%M:%S}"
