"""Writes of the core domain: every change to these models goes through a function here."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from pitf.models import Notification, WorkerHeartbeat


def notification_queue(*, recipient: str, subject: str, body: str, kind: str) -> Notification:
    """Record a notification, then queue its sending once the surrounding transaction commits.
    If the broker is down the row stays pending and the periodic sweep sends it later."""
    from pitf.tasks import send_notification

    notification = Notification(recipient=recipient, subject=subject, body=body, kind=kind)
    notification.full_clean()
    notification.save()
    transaction.on_commit(lambda: _enqueue(send_notification, notification.pk))
    return notification


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
