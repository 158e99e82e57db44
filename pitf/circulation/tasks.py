"""Periodic work of circulation: the reminder two business days before the deadline, and the
close at the deadline."""

from __future__ import annotations

from celery import shared_task

from pitf.circulation import services


@shared_task
def remind_and_close() -> dict:
    """One beat: every due reminder, then every due close, in batches until none is left."""
    reminded = closed = 0
    while taken := services.circulations_remind_due():
        reminded += taken
    while taken := services.circulations_close_due():
        closed += taken
    return {"reminded": reminded, "closed": closed}
