"""The outbox's limits: every try counts against the cap, whatever stopped it (a refusal of the
mail server, an error of the hub, a claim a dead process abandoned), and a claim made by a pool
child that is gone from its worker's heartbeat is freed at that beat, not after the ten-minute
claim limit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from pitf.models import AuditEvent, Notification, NotificationAttachment, WorkerHeartbeat
from pitf.notifications import claims
from pitf.notifications.claims import MAX_ATTEMPTS
from pitf.notifications.tasks import send_notification
from tests.test_notifications import wait_until

pytestmark = pytest.mark.django_db


def claimed(*, instance: str, pid: int, ago: timedelta, attempts: int = 1) -> Notification:
    return Notification.objects.create(
        recipient="rep@dhs.example.gov",
        subject="Reminder",
        body="Tomorrow.",
        kind="test.claims",
        status=Notification.Status.SENDING,
        claimed_by=instance,
        claimed_pid=pid,
        claimed_at=timezone.now() - ago,
        attempts=attempts,
    )


def test_a_claim_of_a_pool_child_gone_from_the_heartbeat_is_freed_at_that_beat():
    instance = "worker@host 1f2e"
    gone = claimed(instance=instance, pid=4001, ago=timedelta(seconds=5))
    alive = claimed(instance=instance, pid=4002, ago=timedelta(seconds=5))
    other_worker = claimed(instance="worker@other 9a8b", pid=4001, ago=timedelta(seconds=5))
    freed = claims.worker_heartbeat_record(
        hostname="worker@host", instance=instance, processes=[4000, 4002, 4003]
    )
    assert freed == [gone.pk]
    statuses = dict(Notification.objects.values_list("pk", "status"))
    assert statuses == {gone.pk: "pending", alive.pk: "sending", other_worker.pk: "sending"}
    # Another worker's process reading the claim sees it abandoned too.
    heartbeat = WorkerHeartbeat.objects.get(instance=instance)
    assert heartbeat.processes == [4000, 4002, 4003]
    assert claims.notification_claim(notification_id=alive.pk, worker="w2", pid=1) is None


def test_a_claim_made_after_the_processes_were_listed_is_left_alone():
    instance = "worker@host 1f2e"
    listed_at = timezone.now() - timedelta(seconds=1)
    newer = claimed(instance=instance, pid=4005, ago=timedelta(0))  # a child forked since
    assert (
        claims.worker_heartbeat_record(
            hostname="worker@host", instance=instance, processes=[4000], listed_at=listed_at
        )
        == []
    )
    newer.refresh_from_db()
    assert newer.status == Notification.Status.SENDING


def test_a_worker_that_does_not_know_its_processes_frees_nothing():
    """The solo pool (it sends in the worker's own process), or a pool starting up."""
    instance = "worker@host 1f2e"
    row = claimed(instance=instance, pid=4001, ago=timedelta(seconds=5))
    assert claims.worker_heartbeat_record(hostname="worker@host", instance=instance) == []
    row.refresh_from_db()
    assert row.status == Notification.Status.SENDING


def test_an_abandoned_claim_at_the_cap_fails_instead_of_being_tried_again():
    """A row whose every try was abandoned (its process died, or its "sent" mark failed) is not
    claimed again without end: at the cap it fails, logged, for a person to send again."""
    row = claimed(instance="gone 0", pid=1, ago=timedelta(minutes=11), attempts=MAX_ATTEMPTS)
    assert claims.notification_claim(notification_id=row.pk, worker="w", pid=2) is None
    row.refresh_from_db()
    assert row.status == Notification.Status.FAILED
    assert f"after {MAX_ATTEMPTS} attempts" in row.last_error
    assert AuditEvent.objects.filter(action="notification.failed").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.worker
def test_an_error_of_the_hub_is_retried_and_capped_like_a_mail_refusal(
    celery_worker_process, smtp_sink
):
    """A notice whose message cannot be built (a calendar file that is not UTF-8) raised out of
    the task and stayed claimed, tried again every ten minutes without end. Now its try is
    released like a refused one and counted: its last try fails it, with the error named, and
    nothing reaches the mail server."""
    notification = Notification.objects.create(
        recipient="rep@dhs.example.gov",
        subject="Invitation",
        body="See the calendar file.",
        kind="test.hub_error",
        attempts=MAX_ATTEMPTS - 1,
    )
    NotificationAttachment.objects.create(
        notification=notification,
        filename="invite.ics",
        content=b"\xff\xfe not a calendar",
        mimetype="text/calendar; method=REQUEST",
    )
    result = send_notification.delay(notification.pk)
    assert wait_until(
        lambda: Notification.objects.get(pk=notification.pk).status == Notification.Status.FAILED,
        timeout=60,
    )
    celery_worker_process.reported_done(result.id)
    notification.refresh_from_db()
    assert notification.attempts == MAX_ATTEMPTS
    assert "UnicodeDecodeError" in notification.last_error
    assert smtp_sink.messages == []
