"""The SPOG's reporting writes, each taking the person who acts (`actor=`)."""

from spog.services.cycles import cycle_open, cycle_send_reminder, cycles_remind_due
from spog.services.entries import (
    entry_copy_forward,
    entry_create,
    entry_edit,
    entry_remove,
    partner_confirm,
)
from spog.services.reports import report_accept, report_return, report_submit

__all__ = [
    "cycle_open",
    "cycle_send_reminder",
    "cycles_remind_due",
    "entry_copy_forward",
    "entry_create",
    "entry_edit",
    "entry_remove",
    "partner_confirm",
    "report_accept",
    "report_return",
    "report_submit",
]
