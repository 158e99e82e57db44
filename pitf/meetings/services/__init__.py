"""Writes of meetings: schedule, reschedule, cancel, and keep the list of invitees, each change
sending the calendar notices it calls for (through the notification outbox, once each)."""

from pitf.meetings.services.actions import (
    action_item_add,
    action_item_update,
    action_items_remind_overdue,
    agenda_item_carry_over,
    decision_record,
)
from pitf.meetings.services.agenda import (
    agenda_item_add,
    agenda_item_decide,
    agenda_item_edit,
    agenda_item_move,
    agenda_item_propose,
    agenda_publish,
)
from pitf.meetings.services.answers import (
    RSVP_LINK_MAX_AGE,
    alternates_for,
    invitee_answer,
    rsvp_invitee,
)
from pitf.meetings.services.attendance import Present, attendance_record
from pitf.meetings.services.documents import document_add, document_version_add
from pitf.meetings.services.feed import feed_issue, feed_person, feed_revoke
from pitf.meetings.services.invitees import (
    invitee_add,
    invitee_deactivated,
    invitee_remove,
    invitees_sync,
)
from pitf.meetings.services.minutes import (
    minutes_amend,
    minutes_approve,
    minutes_circulate,
    minutes_save,
    minutes_start,
)
from pitf.meetings.services.notices import (
    CALENDAR_CANCEL,
    CALENDAR_REQUEST,
    RSVP_SALT,
    chairs_office_addresses,
    meeting_link,
    rsvp_token,
)
from pitf.meetings.services.reminders import (
    AUDIENCES,
    audience_of,
    meeting_remind_now,
    notice_unwanted,
    reminder_days_of,
    reminder_due,
    reminders_hand_on,
    reminders_plan,
)
from pitf.meetings.services.scheduling import (
    meeting_cancel,
    meeting_reschedule,
    meeting_schedule,
    meetings_plan_year,
    plan_errors,
    times_errors,
)

__all__ = [
    "AUDIENCES",
    "CALENDAR_CANCEL",
    "CALENDAR_REQUEST",
    "RSVP_LINK_MAX_AGE",
    "RSVP_SALT",
    "Present",
    "action_item_add",
    "action_item_update",
    "action_items_remind_overdue",
    "agenda_item_carry_over",
    "decision_record",
    "agenda_item_add",
    "agenda_item_decide",
    "agenda_item_edit",
    "agenda_item_move",
    "agenda_item_propose",
    "agenda_publish",
    "alternates_for",
    "attendance_record",
    "audience_of",
    "chairs_office_addresses",
    "document_add",
    "document_version_add",
    "feed_issue",
    "feed_person",
    "feed_revoke",
    "invitee_add",
    "invitee_answer",
    "invitee_deactivated",
    "invitee_remove",
    "invitees_sync",
    "meeting_cancel",
    "meeting_link",
    "meeting_remind_now",
    "meeting_reschedule",
    "meeting_schedule",
    "meetings_plan_year",
    "minutes_amend",
    "minutes_approve",
    "minutes_circulate",
    "minutes_save",
    "minutes_start",
    "notice_unwanted",
    "plan_errors",
    "reminder_days_of",
    "reminder_due",
    "reminders_hand_on",
    "reminders_plan",
    "rsvp_invitee",
    "rsvp_token",
    "times_errors",
]
