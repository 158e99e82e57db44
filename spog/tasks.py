"""The SPOG's periodic work: thin tasks over spog.services."""

from celery import shared_task

from spog import services


@shared_task
def remind_reports_due() -> int:
    """Remind the agencies that still owe a report once its cycle's reminder day has come."""
    return services.cycles_remind_due()


@shared_task
def build_portrait(portrait_id: int) -> bool:
    """Build a portrait's PDF or Word file; a task delivered twice builds it once."""
    from spog.services.portraits import portrait_build

    return portrait_build(portrait_id)


@shared_task
def requeue_portraits() -> int:
    """Queue again the portraits whose task was lost (the broker down, a worker killed)."""
    from spog.services.portraits import portraits_requeue_stale

    return portraits_requeue_stale()


@shared_task
def remind_data_calls_due() -> int:
    """Remind the agencies that have not contributed once a data call's reminder day has come."""
    from spog.services.tip import data_calls_remind_due

    return data_calls_remind_due()
