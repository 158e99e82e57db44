"""The outbox's writes: recording a notification (once, by its deduplication key) and queueing its
task after the commit, a person's resend, and the notifications about a thing."""

from __future__ import annotations

from dataclasses import dataclass

from celery import current_app
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone

from pitf.models import Notification, NotificationAttachment
from pitf.notifications.messages import encode_context, render_notification, render_subject


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
    reply_to: list[str] | tuple[str, ...] = (),
) -> Notification:
    """Record a notification, then queue its sending once the surrounding transaction commits.
    If the broker is down the row stays pending and the periodic sweep sends it later. The same
    notice (kind, about, recipient, occasion) is recorded once: asked again, the row already
    recorded comes back and nothing more is queued."""
    dedup_key = notification_dedup_key(
        kind=kind, about=about, recipient=recipient, occasion=occasion
    )
    if dedup_key is not None:
        recorded = Notification.objects.filter(dedup_key=dedup_key).first()
        if recorded is not None:
            return recorded
    notification = Notification(
        queued_at=timezone.now(),
        recipient=recipient,
        subject=subject,
        body=body,
        html_body=html_body,
        kind=kind,
        occasion=occasion,
        dedup_key=dedup_key,
        reply_to=", ".join(reply_to),
    )
    if about is not None:
        notification.about = about
    notification.full_clean(validate_unique=False)
    notification, created = _record(notification, attachments)
    if created:
        transaction.on_commit(lambda: enqueue(notification.pk))
    return notification


def _record(notification: Notification, attachments) -> tuple[Notification, bool]:
    """Save one notification with its files: (it, True); or, if another transaction recorded
    the same notice a moment before this one, (that one, False)."""
    try:
        with transaction.atomic():
            notification.save()
            NotificationAttachment.objects.bulk_create(_attachment_rows(notification, attachments))
    except IntegrityError:
        recorded = Notification.objects.filter(dedup_key=notification.dedup_key).first()
        if recorded is None:
            raise
        return recorded, False
    return notification, True


def _attachment_rows(notification: Notification, attachments) -> list[NotificationAttachment]:
    return [
        NotificationAttachment(
            notification=notification,
            filename=attachment.filename,
            mimetype=attachment.mimetype,
            content=attachment.content.encode()
            if isinstance(attachment.content, str)
            else attachment.content,
        )
        for attachment in attachments
    ]


def notification_send(
    *,
    kind: str,
    recipient: str,
    context: dict,
    about=None,
    occasion: str = "",
    attachments: tuple[Attachment, ...] | list[Attachment] = (),
    reply_to: list[str] | tuple[str, ...] = (),
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
        reply_to=reply_to,
    )


@dataclass(frozen=True)
class Notice:
    """One notice of a fan-out: to whom, of which kind, about what, written from `context`
    (template context: things of the hub, dates, text; see messages.encode_context)."""

    kind: str
    recipient: str
    context: dict
    about: object = None
    occasion: str = ""
    attachments: tuple[Attachment, ...] = ()
    reply_to: tuple[str, ...] = ()


def notifications_send_many(notices: list[Notice]) -> list[Notification]:
    """Record the notices of a fan-out (a meeting's list, a circulation's recipients) in the
    caller's transaction and return: each subject is written now, for the pages that list what
    was sent; each text is written by the worker when it is sent, from the context kept on the
    row. One query finds the notices already recorded (each is recorded once, as with
    notification_queue), one inserts the rest, one their files; after the commit one task
    queues their sending, so the request does not put hundreds of tasks on the broker."""
    keys = [
        notification_dedup_key(
            kind=notice.kind,
            about=notice.about,
            recipient=notice.recipient,
            occasion=notice.occasion,
        )
        for notice in notices
    ]
    recorded = {
        row.dedup_key: row
        for row in Notification.objects.filter(dedup_key__in=[key for key in keys if key])
    }
    now = timezone.now()
    rows, new = [], []
    for notice, key in zip(notices, keys, strict=True):
        if key is not None and key in recorded:
            rows.append(recorded[key])
            continue
        notification = Notification(
            queued_at=now,
            recipient=notice.recipient,
            subject=render_subject(notice.kind, notice.context),
            body="",
            context=encode_context(notice.context),
            kind=notice.kind,
            occasion=notice.occasion,
            dedup_key=key,
            reply_to=", ".join(notice.reply_to),
        )
        if notice.about is not None:
            notification.about = notice.about
        # The body is written when sent; the thing it is about was just read, so it exists.
        notification.clean_fields(exclude=["body", "about_type"])
        if key is not None:
            recorded[key] = notification
        rows.append(notification)
        new.append((notification, notice.attachments))
    try:
        with transaction.atomic():
            Notification.objects.bulk_create([notification for notification, _ in new])
            NotificationAttachment.objects.bulk_create(
                [row for n, files in new for row in _attachment_rows(n, files)]
            )
    except IntegrityError:
        # Another transaction recorded one of these notices a moment before: one at a time.
        saved = {id(row): _record(row, files) for row, files in new}
        rows = [saved[id(row)][0] if id(row) in saved else row for row in rows]
        ids = [row.pk for row, created in saved.values() if created]
    else:
        ids = [notification.pk for notification, _ in new]
    if ids:
        transaction.on_commit(lambda: enqueue_many(ids))
    return rows


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


_publishing_pool = None


def publishing_pool():
    """Broker connections that try once: publishing a task where someone waits (a page, the
    sweep) fails at once when the broker is down instead of retrying for seconds per task. The
    row is already saved; the sweep queues it later."""
    global _publishing_pool
    if _publishing_pool is None:
        app = current_app
        options = {**app.conf.broker_transport_options, "max_retries": 0}
        _publishing_pool = app.connection_for_write(transport_options=options).Pool(limit=10)
    return _publishing_pool


# The task that sends one notification (pitf.notifications.tasks), queued by its name: the tasks
# call these services, and the services never import the tasks.
SEND_TASK = "pitf.notifications.tasks.send_notification"


def _put_on_broker(task: str, argument, what: str) -> bool:
    """Put a task on the broker once, without Celery's publish retries: on the request path a
    broker that is down must not hold the page (the sweep is the retry). False if it failed."""
    try:
        with publishing_pool().acquire(block=True, timeout=5) as connection:
            current_app.send_task(task, args=(argument,), retry=False, connection=connection)
    except Exception:  # noqa: BLE001  the sweep re-queues anything still pending
        import logging

        logging.getLogger(__name__).warning(
            "Could not queue %s; the periodic sweep will send it", what
        )
        return False
    return True


def publish(notification_id: int) -> bool:
    """The sending task of one notification, on the broker once (False if it failed)."""
    return _put_on_broker(SEND_TASK, notification_id, f"notification {notification_id}")


def enqueue(notification_id: int) -> None:
    if not publish(notification_id):
        notifications_requeue_failed(ids=[notification_id])


# The task that queues the sending of many (a fan-out), one task each, off the request.
QUEUE_TASK = "pitf.notifications.tasks.queue_notifications"


def enqueue_many(notification_ids: list[int]) -> None:
    """Queue the sending of a fan-out's notices: one task on the broker, which queues one
    task each (notification_ids_publish). If it cannot be queued, the sweep takes the rows."""
    if len(notification_ids) == 1:
        enqueue(notification_ids[0])
    elif not _put_on_broker(QUEUE_TASK, notification_ids, f"{len(notification_ids)} notifications"):
        notifications_requeue_failed(ids=notification_ids)


def notification_ids_publish(notification_ids: list[int]) -> int:
    """One sending task for each; those that cannot be queued are left to the sweep at once.
    Returns how many were queued. Safe to run twice: a notice is sent once (claims)."""
    not_queued = [pk for pk in notification_ids if not publish(pk)]
    notifications_requeue_failed(ids=not_queued)
    return len(notification_ids) - len(not_queued)


def notifications_requeue_failed(*, ids: list[int]) -> None:
    """Tasks that never reached the broker: the next sweep takes these rows at once."""
    if ids:
        Notification.objects.filter(pk__in=ids).update(queued_at=None)


def notification_resend(*, actor, notification: Notification) -> Notification:
    """Try again a notification that failed after every retry: the same row (so the same
    Message-ID), back to pending with a full set of attempts, queued once the caller commits.
    Only a failed one: one that was sent or is on its way is not sent twice."""
    from django.core.exceptions import ValidationError

    from pitf.audit import log_event

    with transaction.atomic():
        notification = Notification.objects.select_for_update().get(pk=notification.pk)
        if notification.status != Notification.Status.FAILED:
            raise ValidationError(
                f"The notice to {notification.recipient} is "
                f"{notification.get_status_display().lower()}; only a failed one is sent again."
            )
        notification.status = Notification.Status.PENDING
        notification.attempts = 0
        notification.queued_at = timezone.now()
        notification.save(update_fields=["status", "attempts", "queued_at"])
        log_event(
            "notification.resent",
            actor=actor,
            target=notification,
            kind=notification.kind,
            recipient=notification.recipient,
        )
        transaction.on_commit(lambda: enqueue(notification.pk))
    return notification
