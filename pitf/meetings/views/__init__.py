"""The meetings pages: thin views over pitf.meetings.selectors and services."""

from pitf.meetings.views.actions import (
    action_add,
    action_detail,
    agenda_item_carry,
    body_actions,
    body_actions_csv,
    decision_add,
    meeting_outcomes,
    my_actions,
)
from pitf.meetings.views.agenda import (
    agenda_item_add,
    agenda_item_decide,
    agenda_item_edit,
    agenda_item_move,
    agenda_item_propose,
    agenda_publish,
    meeting_agenda,
)
from pitf.meetings.views.answers import meeting_answer, meeting_rsvp
from pitf.meetings.views.attendance import meeting_attendance
from pitf.meetings.views.documents import (
    document_add,
    document_download,
    document_version_add,
    meeting_documents,
)
from pitf.meetings.views.feed import FEED_REQUESTS_PER_MINUTE, calendar_feed, calendar_feed_ics
from pitf.meetings.views.layout import when
from pitf.meetings.views.lists import (
    WEEKDAYS,
    body_meetings,
    dashboard,
    my_actions_panel,
    my_meetings,
    my_meetings_month,
    my_page_panel,
)
from pitf.meetings.views.meeting import (
    invitee_add,
    invitee_remove,
    meeting_detail,
    meeting_ics,
    meeting_remind,
    notice_resend,
)
from pitf.meetings.views.scheduling import (
    meeting_cancel,
    meeting_reschedule,
    meeting_schedule,
    year_plan,
    year_plan_start,
)

__all__ = [
    "action_add",
    "action_detail",
    "agenda_item_carry",
    "body_actions",
    "body_actions_csv",
    "decision_add",
    "meeting_outcomes",
    "my_actions",
    "agenda_item_add",
    "agenda_item_decide",
    "agenda_item_edit",
    "agenda_item_move",
    "agenda_item_propose",
    "agenda_publish",
    "meeting_agenda",
    "FEED_REQUESTS_PER_MINUTE",
    "WEEKDAYS",
    "body_meetings",
    "calendar_feed",
    "calendar_feed_ics",
    "dashboard",
    "document_add",
    "document_download",
    "document_version_add",
    "invitee_add",
    "invitee_remove",
    "meeting_answer",
    "meeting_attendance",
    "meeting_cancel",
    "meeting_detail",
    "meeting_documents",
    "meeting_ics",
    "meeting_remind",
    "meeting_reschedule",
    "meeting_rsvp",
    "meeting_schedule",
    "my_meetings",
    "my_actions_panel",
    "my_meetings_month",
    "my_page_panel",
    "notice_resend",
    "when",
    "year_plan",
    "year_plan_start",
]
