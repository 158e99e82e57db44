"""The Celery application: the broker is Redis when REDIS_URL is set, a folder under var/ otherwise."""

import logging
import os
import uuid

from celery import Celery, bootsteps

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pitf.settings")

app = Celery("pitf")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

_publishing_pool = None


def publishing_pool():
    """Broker connections that try once: publishing a task where someone waits (a page, the
    sweep) fails at once when the broker is down instead of retrying for seconds per task. The
    row is already saved; the sweep queues it later."""
    global _publishing_pool
    if _publishing_pool is None:
        options = {**app.conf.broker_transport_options, "max_retries": 0}
        _publishing_pool = app.connection_for_write(transport_options=options).Pool(limit=10)
    return _publishing_pool


# This worker's identity for the heartbeat and the notifications it claims: new at every start,
# set before the pool's processes fork so that they inherit it. Empty outside a worker.
WORKER_INSTANCE = ""


class WorkerHeartbeat(bootsteps.StartStopStep):
    """Records in the database, every few seconds, that this worker is alive, so /healthz can
    tell whether a worker is consuming whatever the broker is (remote control needs fanout,
    which the embedded filesystem broker lacks)."""

    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker, **kwargs):
        global WORKER_INSTANCE
        super().__init__(worker, **kwargs)
        self.timer_ref = None
        WORKER_INSTANCE = f"{worker.hostname} {uuid.uuid4().hex}"

    def start(self, worker):
        from django.conf import settings

        self.beat(worker)
        self.timer_ref = worker.timer.call_repeatedly(
            settings.WORKER_HEARTBEAT_SECONDS, self.beat, (worker,), priority=10
        )

    def stop(self, worker):
        if self.timer_ref:
            self.timer_ref.cancel()
            self.timer_ref = None

    def beat(self, worker):
        from django.db import close_old_connections
        from django.utils import timezone

        from pitf.services import worker_heartbeat_record

        close_old_connections()  # the worker's own process: no request ends its connection

        # The pool's children (prefork), listed before the time that goes with the list; none
        # with the solo pool, which sends in this process, or a pool starting or stopping.
        listed_at = timezone.now()
        try:
            children = list(worker.pool.info.get("processes", []))
        except Exception:  # noqa: BLE001
            children = []
        worker_heartbeat_record(
            hostname=worker.hostname,
            instance=WORKER_INSTANCE,
            processes=[os.getpid(), *children] if children else [],
            listed_at=listed_at,
        )


class SweepOnConnect(bootsteps.StartStopStep):
    """Each time the worker (re)connects to the broker, which happens when it starts and when
    the broker comes back, it asks for a sweep of every notification still waiting: whatever the
    broker held may have been lost with it, and a killed worker's claims are free at once."""

    requires = {"celery.worker.consumer.tasks:Tasks"}

    def start(self, consumer):
        from pitf.tasks import send_pending_notifications

        try:
            send_pending_notifications.apply_async(kwargs={"after_reconnect": True}, retry=False)
        except Exception:  # noqa: BLE001  the periodic sweep runs anyway
            logging.getLogger(__name__).warning("Could not ask for a sweep of the outbox")


app.steps["worker"].add(WorkerHeartbeat)
app.steps["consumer"].add(SweepOnConnect)
