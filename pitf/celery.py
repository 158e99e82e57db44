"""The Celery application: the broker is Redis when REDIS_URL is set, a folder under var/
otherwise. The outbox adds its bootsteps (pitf.notifications.worker)."""

import os

from celery import Celery

from pitf.notifications.worker import SweepOnConnect, WorkerHeartbeat

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pitf.settings")

app = Celery("pitf")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["pitf.notifications"])  # the outbox's tasks (a package of the core)

# The outbox's bootsteps: the worker's heartbeat, and a sweep of the outbox on every connection.
app.steps["worker"].add(WorkerHeartbeat)
app.steps["consumer"].add(SweepOnConnect)
