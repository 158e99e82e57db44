"""Checks behind /healthz: the database, the broker and a live Celery worker. Anyone may ask;
an anonymous caller learns the status and which part is failing, never why (exception classes
and ages go to the log, and to a signed-in site administrator)."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

from pitf import selectors

logger = logging.getLogger(__name__)
FAILING = "failing"


def check_database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # noqa: BLE001  any failure means "down"
        return False, f"unreachable: {error.__class__.__name__}"
    return True, "ok"


def check_broker() -> tuple[bool, str]:
    from pitf.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as error:  # noqa: BLE001
        return False, f"unreachable: {error.__class__.__name__}"
    return True, "ok"


def check_worker() -> tuple[bool, str]:
    try:
        heartbeat = selectors.latest_worker_heartbeat()
    except Exception as error:  # noqa: BLE001
        return False, f"unknown: {error.__class__.__name__}"
    if heartbeat is None:
        return False, "no worker has reported"
    age = timezone.now() - heartbeat.last_seen
    if age > timedelta(seconds=settings.WORKER_HEARTBEAT_SECONDS * 3):
        return False, f"last heard from {int(age.total_seconds())} seconds ago"
    return True, "ok"


def check_all(*, detailed: bool = False) -> dict:
    """The status and each part's state: "ok" or "failing", or with `detailed` the reason."""
    checks = {
        "database": check_database(),
        "broker": check_broker(),
        "worker": check_worker(),
    }
    for name, (ok, detail) in checks.items():
        if not ok:
            logger.warning("health check: %s is failing: %s", name, detail)
    return {
        "status": "ok" if all(ok for ok, _ in checks.values()) else "unavailable",
        "checks": {
            name: detail if ok or detailed else FAILING for name, (ok, detail) in checks.items()
        },
    }
