"""The committees' periodic work: thin tasks over committees.services."""

from celery import shared_task


@shared_task
def remind_sunsets() -> int:
    """Remind working groups' chair's offices 30 days before their sunset, once per sunset."""
    from committees.services.workspaces import sunsets_remind

    return sunsets_remind()


@shared_task
def remind_overdue_deliverables() -> int:
    """Remind the owners of overdue deliverables, once per overdue period."""
    from committees.services.workplans import deliverables_remind_overdue

    return deliverables_remind_overdue()
