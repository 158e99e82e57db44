"""The SPOG's standing committees and ad hoc working groups at work between their meetings:
a workspace for each, with its charter, announcements and work plan."""

from pitf.circulation.kinds import DocumentKind
from pitf.features import FeatureConfig, MyPageLink, NavLink, Panel


class CommitteesConfig(FeatureConfig):
    name = "committees"
    verbose_name = "Committees and working groups"
    url_prefix = "committees/"
    reference_data = (
        "committees.reference.load_trackers",
        "committees.reference.load_observances",
    )
    # A planned communication's draft is cleared by circulating it to the Public Affairs
    # Committee's member agencies; its status follows the circulation.
    circulated_documents = (
        DocumentKind(
            model="committees.communication",
            default_body="public-affairs",
            overseers="public-affairs",
            ended="committees.services.messaging.circulation_ended",
        ),
        # A bill is circulated to the legislation working group's agencies for their views.
        DocumentKind(model="committees.bill", default_body="legislation", overseers="legislation"),
    )
    navigation = (
        NavLink("committees:list", "Committee workspaces", menu="Directory", position=10),
    )
    my_page_links = (
        MyPageLink(
            "committees:list",
            "Committees and working groups",
            "The workspaces of the bodies you belong to: charter, work plan and announcements.",
            position=220,
        ),
    )
    my_page_panels = (
        Panel(
            "committees/my_page_panel.html", context="committees.views.my_page_panel", position=8
        ),
    )
    beat_schedule = {
        "committees-remind-sunsets": {
            "task": "committees.tasks.remind_sunsets",
            "schedule": 3600,
        },
        "committees-remind-overdue": {
            "task": "committees.tasks.remind_overdue_deliverables",
            "schedule": 3600,
        },
    }

    def ready(self):
        from auditlog.registry import auditlog

        from committees import (
            models,
            workflows,  # noqa: F401  (registers the communication's workflow)
        )

        # Every model a service saves with save_versioned (its field history is audited).
        for model in (
            models.Workspace,
            models.Deliverable,
            models.Tracker,
            models.TrackerRow,
            models.Communication,
        ):
            auditlog.register(model)
