"""The SPOG's periodic work: thin tasks over spog.services."""

from celery import shared_task

from spog import services


@shared_task
def remind_reports_due() -> int:
    """Remind the agencies that still owe a report once its cycle's reminder day has come."""
    return services.cycles_remind_due()
