"""Meetings as a feature of the core: every body's chair's office schedules its meetings, the
invitees get calendar invitations and answer, and the hub reminds them."""

from pitf.circulation.kinds import DocumentKind
from pitf.features import DeactivationStep, FeatureConfig, MyPageLink, NavLink, Panel


class MeetingsConfig(FeatureConfig):
    name = "pitf.meetings"
    label = "meetings"
    verbose_name = "Meetings"
    url_prefix = "meetings/"
    beat_schedule = {
        "meetings-send-due-reminders": {
            "task": "pitf.meetings.tasks.send_due_reminders",
            "schedule": 60,
        },
        "meetings-read-calendar-replies": {
            "task": "pitf.meetings.tasks.read_calendar_replies",
            "schedule": 60,
        },
        "meetings-remind-overdue-action-items": {
            "task": "pitf.meetings.tasks.remind_overdue_action_items",
            "schedule": 3600,
        },
    }
    navigation = (NavLink("meetings:my-meetings", "Meetings", position=5),)
    # Minutes are circulated for concurrence to the agencies that attended; a withdrawn
    # circulation makes them a draft again.
    circulated_documents = (
        DocumentKind(
            model="meetings.minutes", ended="pitf.meetings.services.minutes.circulation_ended"
        ),
    )
    # A notice of a meeting cancelled (or a reminder of a start since moved) is not sent.
    notice_checks = {
        "meeting.reminder": "pitf.meetings.services.notice_unwanted",
        "meeting.invitation": "pitf.meetings.services.notice_unwanted",
        "meeting.changed": "pitf.meetings.services.notice_unwanted",
        "meeting.custom_reminder": "pitf.meetings.services.notice_unwanted",
        "meeting.agenda": "pitf.meetings.services.notice_unwanted",
    }
    # A deactivated person is taken off the lists of upcoming meetings (no reminder goes out)
    # and their answer links stop working.
    deactivation_steps = (
        DeactivationStep(
            preview="pitf.meetings.selectors.upcoming_lists_of",
            apply="pitf.meetings.services.invitee_deactivated",
        ),
    )
    my_page_panels = (
        Panel(
            "meetings/my_page_panel.html", context="pitf.meetings.views.my_page_panel", position=5
        ),
        Panel(
            "meetings/my_actions_panel.html",
            context="pitf.meetings.views.my_actions_panel",
            position=6,
        ),
    )
    my_page_links = (
        MyPageLink(
            "meetings:my-meetings",
            "My meetings",
            "The meetings you are invited to, your answers and calendar files.",
            position=200,
        ),
        MyPageLink(
            "meetings:dashboard",
            "Meetings of my bodies",
            "Each body's next meetings and how its invitees answered; plan the year.",
            position=210,
        ),
    )

    def ready(self):
        from auditlog.registry import auditlog

        from pitf.meetings import (
            receivers,  # noqa: F401  (the list follows the directory)
            workflows,  # noqa: F401  (registers the workflows)
        )
        from pitf.meetings.models import (
            ActionItem,
            ActionUpdate,
            AgendaItem,
            Attendance,
            Decision,
            DocumentVersion,
            Invitee,
            Meeting,
            MeetingDocument,
            Minutes,
            MinutesVersion,
        )

        # Every change to a meeting, its list, its attendance, its documents, its agenda and its
        # outcomes goes
        # to the field history of the audit log.
        auditlog.register(Meeting)
        auditlog.register(Invitee)
        auditlog.register(Attendance)
        auditlog.register(MeetingDocument)
        auditlog.register(DocumentVersion)
        auditlog.register(AgendaItem)
        auditlog.register(Decision)
        auditlog.register(ActionItem)
        auditlog.register(ActionUpdate)
        auditlog.register(Minutes)
        auditlog.register(MinutesVersion)
