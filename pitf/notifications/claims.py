"""The sending side of the outbox: a worker claims a row before it sends, releases or drops it
after, the sweep claims the rows whose task was lost, and the workers' heartbeats tell a live claim
from an abandoned one."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from pitf.models import Notification, WorkerHeartbeat
from pitf.notifications.services import enqueue

# This process's worker identity, for the heartbeat and the notifications it claims: set by the
# worker's bootstep (pitf.notifications.worker); empty outside a worker.
_worker_instance = ""


def this_worker_is(instance: str) -> None:
    global _worker_instance
    _worker_instance = instance


def this_worker() -> str:
    return _worker_instance


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
            enqueue(pk)
    return lost
