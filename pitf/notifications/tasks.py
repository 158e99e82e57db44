"""The outbox's Celery tasks: they take ids and call the outbox's services."""

from __future__ import annotations

import smtplib

from celery import shared_task
from django.conf import settings

from pitf.notifications import claims, messages, services

MAX_ATTEMPTS = claims.MAX_ATTEMPTS


def permanent(error: Exception) -> bool:
    """A refusal of this message that will not change: the mail server refused its recipient or
    its content with a 5xx reply (RFC 5321 4.2.1). Trying again cannot help, so the notice fails
    at once and waits for a person to resend it. A refusal of the hub itself (its sender, its
    login) is the hub's configuration, and is retried like any other failure."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPDataError):
        return error.smtp_code >= 500
    return False


@shared_task(name=services.SEND_TASK, bind=True, max_retries=MAX_ATTEMPTS, acks_late=True)
def send_notification(self, notification_id: int) -> str:
    """Send one notification by e-mail. Safe to run twice: a sent one is not sent again."""
    import os

    notification = claims.notification_claim(
        notification_id=notification_id, worker=claims.this_worker(), pid=os.getpid()
    )
    if notification is None:
        return "skipped"
    try:
        # A fan-out's notice is written now, from the context kept on it.
        messages.notification_write(notification=notification)
        messages.notification_email(notification=notification).send()
    except Exception as error:  # noqa: BLE001  every failed try counts against the cap
        # A refusal by the mail server or the network is the mail's; anything else (a template
        # that does not render, a bug) is the hub's, retried the same way and capped alike.
        known = isinstance(error, (smtplib.SMTPException, OSError))
        final = notification.attempts >= MAX_ATTEMPTS or (known and permanent(error))
        reason = str(error) if known else f"{error.__class__.__name__}: {error}"
        claims.notification_release(notification=notification, error=reason, final=final)
        if final:
            return "failed"
        first_wait = settings.NOTIFICATION_RETRY_SECONDS
        raise self.retry(
            exc=error, countdown=min(first_wait * 2 ** (notification.attempts - 1), 1800)
        ) from error
    # If this mark fails (the database went away after the mail server accepted), the row stays
    # claimed: the claim is abandoned later and the notice tried again, which is the documented
    # window for a duplicate; the attempt cap ends it.
    claims.notification_mark_sent(notification=notification)
    return "sent"


@shared_task
def send_pending_notifications(after_reconnect: bool = False) -> int:
    """Queue again every notification whose task was lost: never tried a minute after it was
    recorded (the broker was down at commit time), a retry that never came, or a claim
    abandoned by a worker that stopped beating. A row queued in the last
    NOTIFICATION_REQUEUE_SECONDS is left alone (its task is waiting behind others), except
    `after_reconnect`, when the broker may have lost every task it held."""
    ids = claims.notifications_claim_for_requeue(after_reconnect=after_reconnect)
    not_queued = [pk for pk in ids if not services.publish(pk)]
    services.notifications_requeue_failed(ids=not_queued)
    return len(ids) - len(not_queued)


@shared_task(name=services.QUEUE_TASK, acks_late=True)
def queue_notifications(notification_ids: list[int]) -> int:
    """Queue the sending of a fan-out's notices, one task each (services.enqueue_many)."""
    return services.notification_ids_publish(notification_ids)
