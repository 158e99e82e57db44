"""Periodic work of meetings: hand due reminders to the notification outbox, read calendar
replies, remind the owners of overdue action items."""

from __future__ import annotations

from celery import shared_task

from pitf.meetings import services


@shared_task
def read_calendar_replies() -> dict:
    """One beat: read the reply mailbox (if one is configured) and record the answers."""
    from pitf.meetings import replies

    return replies.mailbox_read()


@shared_task
def send_due_reminders() -> int:
    """One beat: hand every due reminder on, in batches, until none is left."""
    total = 0
    while True:
        taken = services.reminders_hand_on()
        total += taken
        if taken == 0:
            return total


@shared_task
def remind_overdue_action_items() -> int:
    """One beat: remind the owners of overdue action items (each overdue week once), in
    batches, until none is left."""
    total = 0
    while True:
        taken = services.action_items_remind_overdue()
        total += taken
        if taken == 0:
            return total
