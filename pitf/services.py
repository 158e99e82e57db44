"""Writes of the core domain: every change to these models goes through a function here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from pitf.models import Notification, NotificationAttachment, WorkerHeartbeat


@dataclass(frozen=True)
class Attachment:
    """A file to send with a notification. A `text/calendar; method=...` file is also sent as
    the message's calendar part, so that mail programs show Accept and Decline."""

    filename: str
    content: bytes | str
    mimetype: str


def notification_dedup_key(*, kind: str, about, recipient: str, occasion: str) -> str | None:
    """kind | model:pk | recipient | occasion, or None for a notice about nothing in particular."""
    if about is None and not occasion:
        return None
    subject = f"{about._meta.label_lower}:{about.pk}" if about is not None else "-"
    return f"{kind}|{subject}|{recipient.lower()}|{occasion}"[:400]


def notification_queue(
    *,
    recipient: str,
    subject: str,
    body: str,
    kind: str,
    html_body: str = "",
    about=None,
    occasion: str = "",
    attachments: tuple[Attachment, ...] | list[Attachment] = (),
) -> Notification:
    """Record a notification, then queue its sending once the surrounding transaction commits.
    If the broker is down the row stays pending and the periodic sweep sends it later. The same
    notice (kind, about, recipient, occasion) is recorded once: asked again, the row already
    recorded comes back and nothing more is queued."""
    from pitf.tasks import send_notification

    dedup_key = notification_dedup_key(
        kind=kind, about=about, recipient=recipient, occasion=occasion
    )
    if dedup_key is not None:
        recorded = Notification.objects.filter(dedup_key=dedup_key).first()
        if recorded is not None:
            return recorded
    notification = Notification(
        recipient=recipient,
        subject=subject,
        body=body,
        html_body=html_body,
        kind=kind,
        occasion=occasion,
        dedup_key=dedup_key,
    )
    if about is not None:
        notification.about = about
    notification.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            notification.save()
            for attachment in attachments:
                content = attachment.content
                NotificationAttachment.objects.create(
                    notification=notification,
                    filename=attachment.filename,
                    mimetype=attachment.mimetype,
                    content=content.encode() if isinstance(content, str) else content,
                )
    except IntegrityError:
        # Another transaction recorded the same notice a moment before this one.
        recorded = Notification.objects.filter(dedup_key=dedup_key).first()
        if recorded is None:
            raise
        return recorded
    transaction.on_commit(lambda: _enqueue(send_notification, notification.pk))
    return notification


def notification_send(
    *,
    kind: str,
    recipient: str,
    context: dict,
    about=None,
    occasion: str = "",
    attachments: tuple[Attachment, ...] | list[Attachment] = (),
) -> Notification:
    """Render the kind's templates (notifications/<kind>.subject.txt, .txt and .html) with
    `context` and record the notification (notification_queue)."""
    subject, text, html = render_notification(kind, context)
    return notification_queue(
        recipient=recipient,
        subject=subject,
        body=text,
        html_body=html,
        kind=kind,
        about=about,
        occasion=occasion,
        attachments=attachments,
    )


def render_notification(kind: str, context: dict) -> tuple[str, str, str]:
    """(subject, plain text, HTML) of a notification kind; the HTML template extends
    notifications/base.html, laid out for mail programs (Outlook included)."""
    context = {"kind": kind, **context}
    subject = render_to_string(f"notifications/{kind}.subject.txt", context)
    text = render_to_string(f"notifications/{kind}.txt", context)
    html = render_to_string(f"notifications/{kind}.html", context)
    return " ".join(subject.split())[:250], text.strip() + "\n", html


def notification_email(*, notification: Notification) -> EmailMultiAlternatives:
    """The e-mail of a notification: its plain text, its HTML as an alternative, its files;
    a calendar file is also the calendar alternative (`text/calendar; method=REQUEST`). The
    Message-ID is the notification's, so a resend after a crash is the same message."""
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body,
        to=[notification.recipient],
        headers={"Message-ID": notification.message_id},
    )
    if notification.html_body:
        message.attach_alternative(notification.html_body, "text/html")
    for attachment in notification.attachments.all():
        content = bytes(attachment.content)
        if attachment.mimetype.startswith("text/calendar"):
            message.attach_alternative(content.decode(), attachment.mimetype)
            message.attach(attachment.filename, content, "application/ics")
        else:
            message.attach(attachment.filename, content, attachment.mimetype)
    return message


def notifications_about(obj):
    """What was sent to whom about `obj`, newest first, with the attachments' names."""
    about_type = ContentType.objects.get_for_model(obj)
    return (
        Notification.objects.filter(about_type=about_type, about_id=str(obj.pk))
        .prefetch_related(
            Prefetch(
                "attachments",
                NotificationAttachment.objects.only(
                    "pk", "notification_id", "filename", "mimetype"
                ),
            )
        )
        .order_by("-created_at", "-pk")
    )


def _enqueue(task, notification_id: int) -> None:
    try:
        task.delay(notification_id)
    except Exception:  # noqa: BLE001  the sweep re-queues anything still pending
        import logging

        logging.getLogger(__name__).warning(
            "Could not queue notification %s; the periodic sweep will send it", notification_id
        )


def notification_claim(*, notification_id: int) -> Notification | None:
    """Mark a pending notification as being sent, unless it has been sent or is being sent by
    another worker. Returns it when this caller should send it."""
    stale_before = timezone.now() - timedelta(minutes=10)
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.status == Notification.Status.SENT:
            return None
        if (
            notification.status == Notification.Status.SENDING
            and notification.claimed_at
            and notification.claimed_at > stale_before
        ):
            return None
        notification.status = Notification.Status.SENDING
        notification.claimed_at = timezone.now()
        notification.attempts += 1
        notification.save(update_fields=["status", "claimed_at", "attempts"])
    return notification


def notification_mark_sent(*, notification: Notification) -> None:
    notification.status = Notification.Status.SENT
    notification.sent_at = timezone.now()
    notification.last_error = ""
    notification.save(update_fields=["status", "sent_at", "last_error"])


def notification_release(*, notification: Notification, error: str, final: bool) -> None:
    """Give a claimed notification back after a failed attempt, or give up on it: a message the
    hub could not deliver is written to the audit log, for the secretariat to follow up."""
    from pitf.audit import log_event

    notification.status = Notification.Status.FAILED if final else Notification.Status.PENDING
    notification.last_error = error[:2000]
    with transaction.atomic():
        notification.save(update_fields=["status", "last_error"])
        if final:
            log_event(
                "notification.failed",
                target=notification,
                kind=notification.kind,
                recipient=notification.recipient,
                attempts=notification.attempts,
                error=notification.last_error[:500],
            )


def worker_heartbeat_record(*, hostname: str) -> None:
    from django.db import close_old_connections

    close_old_connections()
    WorkerHeartbeat.objects.update_or_create(
        hostname=hostname, defaults={"last_seen": timezone.now()}
    )
