"""Writes of circulation for comment: circulate a document, extend or withdraw it, draft and
submit an agency's answer, resolve and reply to comments, and the periodic reminder and close.
Every notice goes through the notification outbox, once per person and occasion."""

from pitf.circulation.services.answers import (
    answer_reopen,
    answer_submit,
    comment_add,
    comment_delete,
    comment_edit,
    comment_resolve,
    require_may_change_comment,
)
from pitf.circulation.services.circulating import (
    circulation_extend,
    circulation_start,
    circulation_withdraw,
    document_follows,
)
from pitf.circulation.services.contacts import (
    agency_ties,
    contact_add,
    contact_remove,
    delegate_add,
    delegate_remove,
)
from pitf.circulation.services.periodic import (
    circulations_close_due,
    circulations_remind_due,
    notice_unwanted,
)
from pitf.circulation.services.rules import (
    DEFAULT_BUSINESS_DAYS,
    REMINDER_BUSINESS_DAYS,
    circulation_link,
    deadline_problem,
    default_recipients,
    may_submit_for,
    reminder_time,
)

__all__ = [
    "DEFAULT_BUSINESS_DAYS",
    "REMINDER_BUSINESS_DAYS",
    "agency_ties",
    "answer_reopen",
    "answer_submit",
    "circulation_extend",
    "circulation_link",
    "circulation_start",
    "circulation_withdraw",
    "circulations_close_due",
    "circulations_remind_due",
    "comment_add",
    "comment_delete",
    "comment_edit",
    "comment_resolve",
    "contact_add",
    "contact_remove",
    "deadline_problem",
    "default_recipients",
    "delegate_add",
    "delegate_remove",
    "document_follows",
    "may_submit_for",
    "notice_unwanted",
    "reminder_time",
    "require_may_change_comment",
]
