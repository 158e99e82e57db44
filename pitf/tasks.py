"""Celery tasks of the core: they take ids and call services."""

from __future__ import annotations

import smtplib
from datetime import timedelta

from celery import shared_task
from django.db.models import Q
from django.utils import timezone

from pitf import services
from pitf.models import Notification

MAX_ATTEMPTS = 8


@shared_task(bind=True, max_retries=MAX_ATTEMPTS, acks_late=True)
def send_notification(self, notification_id: int) -> str:
    """Send one notification by e-mail. Safe to run twice: a sent one is not sent again."""
    notification = services.notification_claim(notification_id=notification_id)
    if notification is None:
        return "skipped"
    message = services.notification_email(notification=notification)
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        final = notification.attempts >= MAX_ATTEMPTS
        services.notification_release(notification=notification, error=str(error), final=final)
        if final:
            return "failed"
        raise self.retry(
            exc=error, countdown=min(30 * 2 ** (notification.attempts - 1), 1800)
        ) from error
    services.notification_mark_sent(notification=notification)
    return "sent"


@shared_task
def send_pending_notifications() -> int:
    """Queue again every notification whose task was lost: never tried a minute after it was
    recorded (the broker was down at commit time), a retry that never came, or a claim
    abandoned by a worker that died mid-send."""
    now = timezone.now()
    never_tried = Q(
        status=Notification.Status.PENDING,
        claimed_at__isnull=True,
        created_at__lt=now - timedelta(minutes=1),
    )
    retry_lost = Q(status=Notification.Status.PENDING, claimed_at__lt=now - timedelta(minutes=31))
    claim_abandoned = Q(
        status=Notification.Status.SENDING, claimed_at__lt=now - timedelta(minutes=10)
    )
    waiting = Notification.objects.filter(never_tried | retry_lost | claim_abandoned).order_by("pk")
    ids = list(waiting.values_list("pk", flat=True)[:500])
    for notification_id in ids:
        send_notification.delay(notification_id)
    return len(ids)
