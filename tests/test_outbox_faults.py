"""The notification outbox under faults, with real parts: a Celery worker process killed with
SIGKILL, a Redis server of the test's own stopped at commit time and in the middle of a batch,
and an SMTP server that refuses with 451 for a while. Every message reaches the sink; a
duplicate can only come from the documented window (the mail server accepted, the worker died
before marking the row sent). The figures each test measures are printed (pytest -s)."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import time
from collections import Counter

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone

from pitf.celery import app
from pitf.models import Notification
from pitf.notifications import services
from pitf.notifications.tasks import send_pending_notifications
from tests.conftest import ROOT, SmtpSink
from tests.processes import RedisServer, Worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

# How many notifications each fault is tried with (the figures in docs/architecture.md were
# measured with OUTBOX_FAULT_COUNT=300).
COUNT = int(os.environ.get("OUTBOX_FAULT_COUNT", "60"))


class CountingSink(SmtpSink):
    """The SMTP sink, slowed a little per message (so that a fault lands mid-batch), and able
    to refuse every message with 451 for a while."""

    def __init__(self, delay: float = 0.0):
        super().__init__()
        self.delay = delay
        self.refusing = False
        self.refused = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.refusing:
            self.refused += 1
            return "451 4.3.0 Mail server busy, try again later"
        if self.delay:
            await asyncio.sleep(self.delay)
        return await super().handle_DATA(server, session, envelope)

    def recipients(self) -> Counter:
        return Counter(message["To"] for message in list(self.messages))


@pytest.fixture
def redis_server():
    server = RedisServer().start()
    yield server
    server.stop()


def database_url() -> str:
    settings_dict = connection.settings_dict
    return (
        f"postgres://{settings_dict['USER'] or 'postgres'}:{settings_dict['PASSWORD'] or ''}"
        f"@{settings_dict['HOST'] or '127.0.0.1'}:{settings_dict['PORT'] or 5432}"
        f"/{settings_dict['NAME']}"
    )


def process_env(sink: SmtpSink, **overrides) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url(),
        "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
        "WORKER_HEARTBEAT_SECONDS": "1",
        "NOTIFICATION_RETRY_SECONDS": "2",
        **overrides,
    }


@pytest.fixture
def workers():
    started = []

    def start(env, name="outbox"):
        worker = Worker(env, name).start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def record(count: int, label: str) -> list[Notification]:
    """`count` notifications recorded in one transaction, as one change of the hub records its
    notices; each to its own address, so the sink can count deliveries per notification."""
    with transaction.atomic():
        return [
            services.notification_queue(
                recipient=f"person{index}@{label}.example.gov",
                subject=f"Notice {index}",
                body="The SPOG meets on Thursday.",
                kind="test.fault",
            )
            for index in range(count)
        ]


def record_fan_out(count: int, label: str) -> list[Notification]:
    """`count` notices of one fan-out (notifications_send_many, as a meeting's list or a
    circulation is told), recorded with their context and written by the worker when sent."""
    at = timezone.now()
    with transaction.atomic():
        return services.notifications_send_many(
            [
                services.Notice(
                    kind="test.fan_out",
                    recipient=f"person{index}@{label}.example.gov",
                    context={"number": index, "at": at, "label": label},
                    occasion=f"{label}-{index}",
                )
                for index in range(count)
            ]
        )


def written_by_the_worker(sink: CountingSink, label: str) -> bool:
    """Each fan-out notice at the sink has the text the worker wrote from its context."""
    from tests.conftest import text_of

    texts = [text_of(message) for message in list(sink.messages)]
    return all(re.search(rf"Notice \d+, recorded at .* for {label}\.", text) for text in texts)


RECORDERS = ["record", "record_fan_out"]


def settled(worker: Worker, redis_server: RedisServer, timeout: float = 30) -> None:
    """Wait until the worker's sweep at connection has run and its message is acknowledged
    (the broker holds no unacknowledged message). Stopping Redis between a task's end and its
    acknowledgement makes kombu's Redis transport end the worker ("Unrecoverable error",
    AttributeError in restoring the unacknowledged message), which a process supervisor
    restarts and whose sweep then sends everything; this test is about the commit instead."""
    import redis

    pattern = re.compile(
        r"Task pitf\.notifications\.tasks\.send_pending_notifications\[[\w-]+\] succeeded"
    )
    broker = redis.Redis.from_url(redis_server.url)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        swept = pattern.search(worker.log_path.read_text(errors="replace"))
        if swept and not broker.hlen("unacked"):
            return
        time.sleep(0.05)  # polling for the positive signal, not timing the outcome
    raise AssertionError(f"the worker's sweep was not acknowledged; see {worker.log_path}")


def wait_for_everyone(sink: CountingSink, count: int, timeout: float) -> float:
    """Seconds until `count` distinct recipients have a message at the sink."""
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        if len(sink.recipients()) >= count:
            return time.monotonic() - began
        time.sleep(0.1)
    raise AssertionError(f"only {len(sink.recipients())} of {count} delivered in {timeout} s")


def all_marked_sent(count: int, timeout: float = 15) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if Notification.objects.filter(status=Notification.Status.SENT).count() == count:
            return True
        time.sleep(0.1)
    return False


def duplicates(sink: CountingSink) -> int:
    return sum(times - 1 for times in sink.recipients().values())


def report(fault: str, **figures) -> None:
    print(f"\n[outbox fault] {fault}: " + ", ".join(f"{k}={v}" for k, v in figures.items()))


def test_a_worker_killed_mid_send_is_replaced_within_a_minute():
    """SIGKILL in the middle of a batch: the killed worker's claim is abandoned as soon as a new
    worker starts (its heartbeat instance is gone), not after the ten-minute claim limit."""
    sink = CountingSink(delay=0.05).start()
    try:
        env = process_env(sink)
        first = Worker(env, "killed").start()
        record(COUNT, "killed")
        deadline = time.monotonic() + 60
        while len(sink.messages) < min(10, COUNT // 3) and time.monotonic() < deadline:
            time.sleep(0.02)
        first.kill()
        at_kill = len(sink.messages)
        assert at_kill < COUNT, "the batch finished before the worker was killed"
        restarted_at = time.monotonic()
        second = Worker(env, "restarted").start()
        try:
            took = wait_for_everyone(sink, COUNT, timeout=60)
            assert all_marked_sent(COUNT)
        finally:
            second.stop()
        report(
            "worker SIGKILL",
            notifications=COUNT,
            delivered_before_kill=at_kill,
            seconds_from_restart_to_full_delivery=round(time.monotonic() - restarted_at, 1),
            messages_at_sink=len(sink.messages),
            duplicates=duplicates(sink),
        )
        assert took < 60
        assert duplicates(sink) <= 1  # only the message in flight at the kill
    finally:
        sink.stop()


def test_a_pool_child_killed_mid_send_has_its_notice_sent_within_a_minute():
    """The Procfile's worker forks children; one is killed with SIGKILL while the mail server
    holds its message. The worker lives on and its heartbeat goes on, so only the heartbeat's
    list of processes shows the child gone: the claim is freed at the next beat (every 15 s, as
    in production) and another child sends the notice, instead of after the ten-minute limit."""
    import signal

    sink = CountingSink(delay=3).start()  # the mail server takes 3 s over each message
    try:
        env = process_env(sink, WORKER_HEARTBEAT_SECONDS="15")
        worker = Worker(env, "pool", pool="prefork", concurrency=2).start()
        try:
            worker.swept_at_connection()
            [notification] = record(1, "pool")
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                notification.refresh_from_db()
                if notification.status == Notification.Status.SENDING:
                    break
                time.sleep(0.05)  # polling for the positive signal: a child has claimed it
            killed = notification.claimed_pid
            assert killed and killed != worker.process.pid, "no pool child claimed the notice"
            os.kill(killed, signal.SIGKILL)
            killed_at = time.monotonic()
            assert all_marked_sent(1, timeout=60), "the killed child's notice was never sent"
            took = time.monotonic() - killed_at
            notification.refresh_from_db()
        finally:
            worker.stop()
        report(
            "pool child SIGKILL",
            seconds_from_kill_to_sent=round(took, 1),
            attempts=notification.attempts,
            messages_at_sink=len(sink.messages),
        )
        assert notification.claimed_pid != killed and notification.attempts == 2
        assert took < 60
        assert duplicates(sink) <= 1  # the message the mail server held at the kill
    finally:
        sink.stop()


@pytest.mark.parametrize("recorder", RECORDERS)
def test_with_the_broker_down_at_commit_the_change_is_not_held_and_nothing_is_lost(
    redis_server, workers, recorder
):
    """Redis is down when the change commits: queueing does not wait on Celery's publish retries
    (the caller goes on at once) and, when Redis is back, the worker's reconnection sweeps up
    every row."""
    sink = CountingSink().start()
    try:
        worker = workers(process_env(sink, REDIS_URL=redis_server.url), "broker-down")
        settled(worker, redis_server)
        redis_server.stop()
        script = (
            "import time\n"
            f"from tests.test_outbox_faults import {recorder}\n"
            "began = time.monotonic()\n"
            f"{recorder}({COUNT}, 'broker-down')\n"
            "print(round(time.monotonic() - began, 2))\n"
        )
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "--verbosity", "0", "-c", script],
            cwd=ROOT,
            env=process_env(sink, REDIS_URL=redis_server.url),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        held = float(result.stdout.strip().splitlines()[-1])
        assert Notification.objects.filter(queued_at__isnull=True).count() == COUNT
        redis_server.start()
        took = wait_for_everyone(sink, COUNT, timeout=90)
        assert all_marked_sent(COUNT)
        if recorder == "record_fan_out":
            assert written_by_the_worker(sink, "broker-down")
        report(
            f"Redis stopped at commit ({recorder})",
            notifications=COUNT,
            seconds_the_change_was_held=held,
            seconds_from_redis_back_to_full_delivery=round(took, 1),
            messages_at_sink=len(sink.messages),
            duplicates=duplicates(sink),
        )
        # Celery's publish retries held the caller about 0.6 s per notification.
        assert held < max(2.0, COUNT * 0.02)
        assert took < 60
        assert duplicates(sink) == 0
    finally:
        sink.stop()


@pytest.mark.parametrize("recorder", RECORDERS)
def test_redis_stopped_mid_batch_loses_nothing(redis_server, workers, recorder):
    """Redis dies with the batch half sent and comes back empty: the worker reconnects and its
    sweep queues the rest again."""
    sink = CountingSink(delay=0.05).start()
    try:
        env = process_env(sink, REDIS_URL=redis_server.url)
        workers(env, "redis-mid-batch")
        script = (
            f"from tests.test_outbox_faults import {recorder}\n{recorder}({COUNT}, 'mid-batch')\n"
        )
        subprocess.run(
            [sys.executable, "manage.py", "shell", "--verbosity", "0", "-c", script],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=120,
        )
        deadline = time.monotonic() + 60
        while len(sink.messages) < min(10, COUNT // 3) and time.monotonic() < deadline:
            time.sleep(0.02)
        redis_server.stop()
        at_stop = len(sink.messages)
        assert at_stop < COUNT, "the batch finished before Redis was stopped"
        time.sleep(2)  # Redis stays down a moment: the worker notices the lost connection
        redis_server.start()
        took = wait_for_everyone(sink, COUNT, timeout=90)
        assert all_marked_sent(COUNT)
        if recorder == "record_fan_out":
            assert written_by_the_worker(sink, "mid-batch")
        report(
            f"Redis stopped mid-batch ({recorder})",
            notifications=COUNT,
            delivered_before_stop=at_stop,
            seconds_from_redis_back_to_full_delivery=round(took, 1),
            messages_at_sink=len(sink.messages),
            duplicates=duplicates(sink),
        )
        assert took < 60
        assert duplicates(sink) <= 1
    finally:
        sink.stop()


def test_a_mail_server_refusing_for_a_while_gets_every_message_once(workers):
    """The mail server answers 451 to everything for a while: each message is tried again with
    back-off (2 s doubling here, 30 s by default) and, once it accepts, arrives once."""
    sink = CountingSink().start()
    try:
        workers(process_env(sink), "refusing")
        sink.refusing = True
        record(COUNT, "refusing")
        deadline = time.monotonic() + 120
        # Every notification has been refused at least once (its error is recorded).
        while Notification.objects.filter(last_error="").exists():
            assert time.monotonic() < deadline, "not every notification was tried"
            time.sleep(0.1)
        sink.refusing = False
        took = wait_for_everyone(sink, COUNT, timeout=90)
        assert all_marked_sent(COUNT)
        report(
            "mail server refusing with 451",
            notifications=COUNT,
            refusals=sink.refused,
            seconds_from_acceptance_to_full_delivery=round(took, 1),
            messages_at_sink=len(sink.messages),
            duplicates=duplicates(sink),
        )
        assert duplicates(sink) == 0
        assert Notification.objects.filter(attempts__gte=2).count() == COUNT
    finally:
        sink.stop()


@override_settings(NOTIFICATION_REQUEUE_SECONDS=300)
def test_the_sweep_does_not_queue_a_waiting_backlog_again_every_minute():
    """Rows waiting behind others were queued recently: the sweep leaves them; rows whose task
    was queued longer ago than NOTIFICATION_REQUEUE_SECONDS are queued again, once."""
    backlog = [
        Notification.objects.create(recipient=f"p{i}@dol.example.gov", subject="s", body="b")
        for i in range(20)
    ]
    ids = [row.pk for row in backlog]
    ten_minutes_ago = timezone.now() - timezone.timedelta(minutes=10)
    Notification.objects.filter(pk__in=ids).update(
        created_at=ten_minutes_ago, queued_at=timezone.now() - timezone.timedelta(minutes=2)
    )
    try:
        assert send_pending_notifications() == 0
        Notification.objects.filter(pk__in=ids[:5]).update(
            queued_at=timezone.now() - timezone.timedelta(minutes=6)
        )
        assert send_pending_notifications() == 5
        assert send_pending_notifications() == 0
        # After a reconnection the broker may have lost everything: every waiting row goes.
        assert send_pending_notifications(after_reconnect=True) == 20
    finally:
        with app.connection_for_write() as conn:
            conn.default_channel.queue_purge(app.conf.task_default_queue)
