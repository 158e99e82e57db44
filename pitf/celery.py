"""The Celery application: the broker is Redis when REDIS_URL is set, a folder under var/ otherwise."""

import os

from celery import Celery, bootsteps

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pitf.settings")

app = Celery("pitf")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


class WorkerHeartbeat(bootsteps.StartStopStep):
    """Records in the database, every few seconds, that this worker is alive, so /healthz can
    tell whether a worker is consuming whatever the broker is (remote control needs fanout,
    which the embedded filesystem broker lacks)."""

    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker, **kwargs):
        super().__init__(worker, **kwargs)
        self.timer_ref = None

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
        from pitf.services import worker_heartbeat_record

        worker_heartbeat_record(hostname=worker.hostname)


app.steps["worker"].add(WorkerHeartbeat)
