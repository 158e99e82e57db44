"""The outbox's writes and reads: recording a notification (once, by its deduplication key) and
queueing its task after the commit, claiming a row for sending, releasing or dropping it, the
sweep's claims of lost rows, a person's resend, and the workers' heartbeats that tell a live
claim from an abandoned one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from celery import current_app
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
    transaction.on_commit(lambda: _enqueue(notification.pk))
    return notification


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
        reply_to=[a.strip() for a in notification.reply_to.split(",") if a.strip()],
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


# This process's worker identity, for the heartbeat and the notifications it claims: set by the
# worker's bootstep (pitf.notifications.worker); empty outside a worker.
_worker_instance = ""


def this_worker_is(instance: str) -> None:
    global _worker_instance
    _worker_instance = instance


def this_worker() -> str:
    return _worker_instance


# The task that sends one notification (pitf.notifications.tasks), queued by its name: the tasks
# call these services, and the services never import the tasks.
SEND_TASK = "pitf.notifications.tasks.send_notification"


def publish(notification_id: int) -> bool:
    """Put the sending task on the broker once, without Celery's publish retries: on the
    request path a broker that is down must not hold the page (the sweep is the retry). False
    if it failed."""
    try:
        with publishing_pool().acquire(block=True, timeout=5) as connection:
            current_app.send_task(
                SEND_TASK, args=(notification_id,), retry=False, connection=connection
            )
    except Exception:  # noqa: BLE001  the sweep re-queues anything still pending
        import logging

        logging.getLogger(__name__).warning(
            "Could not queue notification %s; the periodic sweep will send it", notification_id
        )
        return False
    return True


def _enqueue(notification_id: int) -> None:
    if not publish(notification_id):
        notifications_requeue_failed(ids=[notification_id])


def notifications_requeue_failed(*, ids: list[int]) -> None:
    """Tasks that never reached the broker: the next sweep takes these rows at once."""
    if ids:
        Notification.objects.filter(pk__in=ids).update(queued_at=None)


def notifications_claim_for_requeue(*, after_reconnect: bool = False, limit: int = 500):
    """The ids of the notifications whose task was lost, marked queued now. Rows are taken with
    FOR UPDATE SKIP LOCKED, so two sweeps at once share the work instead of doubling it."""
    from django.conf import settings
    from django.db.models import Exists, OuterRef, Q

    now = timezone.now()
    live_worker = WorkerHeartbeat.objects.filter(
        instance=OuterRef("claimed_by"), last_seen__gt=worker_alive_after()
    )
    abandoned = Q(status=Notification.Status.SENDING) & (
        Q(claimed_at__lt=now - CLAIM_LIMIT) | (~Q(claimed_by="") & ~Exists(live_worker))
    )
    if after_reconnect:
        waiting = Q(status=Notification.Status.PENDING) | abandoned
    else:
        never_tried = Q(status=Notification.Status.PENDING, claimed_at__isnull=True)
        retry_lost = Q(
            status=Notification.Status.PENDING, claimed_at__lt=now - timedelta(minutes=31)
        )
        not_queued_recently = Q(queued_at__isnull=True) | Q(
            queued_at__lt=now - timedelta(seconds=settings.NOTIFICATION_REQUEUE_SECONDS)
        )
        waiting = (
            (never_tried | retry_lost | abandoned)
            & not_queued_recently
            & Q(created_at__lt=now - timedelta(minutes=1))
        )
    with transaction.atomic():
        ids = list(
            Notification.objects.filter(waiting)
            .order_by("pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:limit]
        )
        Notification.objects.filter(pk__in=ids).update(queued_at=now)
    return ids


# A claim is given up after this long even if its worker still beats (a send that hangs).
CLAIM_LIMIT = timedelta(minutes=10)
# How many times a notice is tried, whatever stopped each try (a refusal of the mail server, an
# error of the hub, a claim abandoned by a process that died), before it fails and waits for a
# person to send it again.
MAX_ATTEMPTS = 8


def worker_alive_after() -> timezone.datetime:
    """A worker whose last heartbeat is older than this has stopped (three beats missed)."""
    from django.conf import settings

    return timezone.now() - timedelta(seconds=settings.WORKER_HEARTBEAT_SECONDS * 3)


def _claim_is_live(notification: Notification) -> bool:
    if notification.claimed_at is None or notification.claimed_at <= timezone.now() - CLAIM_LIMIT:
        return False
    if not notification.claimed_by:
        return True  # claimed outside a worker: only the time limit applies
    heartbeat = WorkerHeartbeat.objects.filter(
        instance=notification.claimed_by, last_seen__gt=worker_alive_after()
    ).first()
    if heartbeat is None:
        return False
    # A pool child of a live worker that is gone from its last beat was killed mid-send.
    return not (
        heartbeat.processes
        and notification.claimed_pid is not None
        and notification.claimed_pid not in heartbeat.processes
        and notification.claimed_at < heartbeat.last_seen
    )


def notification_claim(
    *, notification_id: int, worker: str = "", pid: int | None = None
) -> Notification | None:
    """Mark a pending notification as being sent by `worker` (its heartbeat instance) in its
    process `pid`, unless it has been sent or another worker that is still alive is sending it.
    Returns it when this caller should send it. One tried MAX_ATTEMPTS times already (whatever
    stopped each try) fails instead, for a person to send again."""
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        finished = (
            Notification.Status.SENT,
            Notification.Status.FAILED,
            Notification.Status.DROPPED,
        )
        if notification is None or notification.status in finished:
            # A failed one waits for a person to send it again (notification_resend).
            return None
        if notification.status == Notification.Status.SENDING and _claim_is_live(notification):
            return None
        reason = notice_unwanted(notification)
        if reason:
            notification_drop(notification=notification, reason=reason)
            return None
        if notification.attempts >= MAX_ATTEMPTS:
            notification_release(
                notification=notification,
                error=notification.last_error
                or f"Not sent after {notification.attempts} attempts; the last one never ended.",
                final=True,
            )
            return None
        notification.status = Notification.Status.SENDING
        notification.claimed_at = timezone.now()
        notification.claimed_by = worker
        notification.claimed_pid = pid
        notification.attempts += 1
        notification.save(
            update_fields=["status", "claimed_at", "claimed_by", "claimed_pid", "attempts"]
        )
    return notification


def notice_unwanted(notification: Notification) -> str:
    """Why the notice is no longer wanted now that its turn has come, asked of the feature
    that sends its kind (pitf.features: FeatureConfig.notice_checks); "" when it still is."""
    from pitf.features import notice_check_for

    check = notice_check_for(notification.kind)
    return check(notification) if check else ""


def notification_drop(*, notification: Notification, reason: str) -> None:
    """Never send it: recorded as dropped, with the reason, and in the audit log."""
    from pitf.audit import log_event

    notification.status = Notification.Status.DROPPED
    notification.last_error = f"Dropped: {reason}"[:2000]
    notification.save(update_fields=["status", "last_error"])
    log_event(
        "notification.dropped",
        target=notification,
        kind=notification.kind,
        recipient=notification.recipient,
        reason=reason,
    )


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
        transaction.on_commit(lambda: _enqueue(notification.pk))
    return notification


def worker_heartbeat_record(
    *,
    hostname: str,
    instance: str,
    processes: list[int] | None = None,
    listed_at: timezone.datetime | None = None,
) -> list[int]:
    """The worker's sign of life, with its processes as listed at `listed_at` (empty: not
    known). Claims made before then by its processes that are not on the list (a pool child
    killed mid-send, replaced by the pool) are freed at once and queued again: returns their
    ids."""
    now = listed_at or timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        hostname=hostname,
        defaults={"last_seen": now, "instance": instance, "processes": processes or []},
    )
    if not processes:
        return []
    with transaction.atomic():
        lost = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(
                status=Notification.Status.SENDING,
                claimed_by=instance,
                claimed_at__lt=now,
                claimed_pid__isnull=False,
            )
            .exclude(claimed_pid__in=processes)
            .values_list("pk", flat=True)
        )
        Notification.objects.filter(pk__in=lost).update(
            status=Notification.Status.PENDING, queued_at=now
        )
    if lost:
        for pk in lost:
            _enqueue(pk)
    return lost
