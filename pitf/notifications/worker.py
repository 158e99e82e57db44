"""The outbox's part in each Celery worker (bootsteps that pitf.celery adds to the app): the
heartbeat, which records every few seconds that this worker and its pool's processes are alive,
and a sweep of the outbox each time the worker (re)connects to the broker. Django's models are
not ready when the Celery app is made, so the steps import the outbox when they run."""

from __future__ import annotations

import logging
import os
import uuid

from celery import bootsteps


class WorkerHeartbeat(bootsteps.StartStopStep):
    """Records in the database, every few seconds, that this worker is alive, so /healthz can
    tell whether a worker is consuming whatever the broker is (remote control needs fanout,
    which the embedded filesystem broker lacks)."""

    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker, **kwargs):
        from pitf.notifications import claims

        super().__init__(worker, **kwargs)
        self.timer_ref = None
        # New at every start, set before the pool's processes fork so that they inherit it.
        claims.this_worker_is(f"{worker.hostname} {uuid.uuid4().hex}")

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

        from pitf.notifications import claims

        close_old_connections()  # the worker's own process: no request ends its connection

        # The pool's children (prefork), listed before the time that goes with the list; none
        # with the solo pool, which sends in this process, or a pool starting or stopping.
        listed_at = timezone.now()
        try:
            children = list(worker.pool.info.get("processes", []))
        except Exception:  # noqa: BLE001
            children = []
        claims.worker_heartbeat_record(
            hostname=worker.hostname,
            instance=claims.this_worker(),
            processes=[os.getpid(), *children] if children else [],
            listed_at=listed_at,
        )


class SweepOnConnect(bootsteps.StartStopStep):
    """Each time the worker (re)connects to the broker, which happens when it starts and when
    the broker comes back, it asks for a sweep of every notification still waiting: whatever the
    broker held may have been lost with it, and a killed worker's claims are free at once."""

    requires = {"celery.worker.consumer.tasks:Tasks"}

    def start(self, consumer):
        from pitf.notifications.tasks import send_pending_notifications

        try:
            send_pending_notifications.apply_async(kwargs={"after_reconnect": True}, retry=False)
        except Exception:  # noqa: BLE001  the periodic sweep runs anyway
            logging.getLogger(__name__).warning("Could not ask for a sweep of the outbox")
