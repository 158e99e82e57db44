"""The SPOG's own work: accomplishment reporting in cycles against the Administration-wide
priorities and strategic objectives, reviewed by the chair's office."""

from pitf.circulation.kinds import DocumentKind
from pitf.features import FeatureConfig, MyPageLink, NavLink, Panel


class SpogConfig(FeatureConfig):
    name = "spog"
    verbose_name = "SPOG reporting"
    url_prefix = "spog/"
    # The TIP Report data call's compiled draft is circulated to the SPOG's members for review.
    circulated_documents = (
        DocumentKind(
            model="spog.datacall",
            default_body="spog",
            overseers="spog",
            ended="spog.services.tip.circulation_ended",
        ),
    )
    reference_data = ("spog.reference.load_plans",)
    navigation = (
        NavLink("spog:cycle-list", "Accomplishment reports", menu="Reporting", position=8),
        NavLink("spog:portrait-current", "Portrait of accomplishments", "Reporting", 8),
        NavLink("spog:datacall-list", "TIP Report data calls", menu="Reporting", position=8),
        NavLink("spog:indicator-list", "Statistics", menu="Reporting", position=8),
        NavLink("spog:plan-list", "Priorities and objectives", menu="Reporting", position=8),
    )
    my_page_links = (
        MyPageLink(
            "spog:cycle-list",
            "Accomplishment reports",
            "Your agency's reports in each reporting cycle, and the entries shared with it.",
            position=210,
        ),
    )
    my_page_panels = (
        Panel("spog/my_page_panel.html", context="spog.owed.my_page_panel", position=7),
    )
    beat_schedule = {
        "spog-remind-reports-due": {
            "task": "spog.tasks.remind_reports_due",
            "schedule": 3600,
        },
        "spog-remind-data-calls-due": {
            "task": "spog.tasks.remind_data_calls_due",
            "schedule": 3600,
        },
        "spog-requeue-portraits": {
            "task": "spog.tasks.requeue_portraits",
            "schedule": 120,
        },
    }

    def ready(self):
        from auditlog.registry import auditlog

        from spog import (
            models,
            workflows,  # noqa: F401  (registers the report's workflow)
        )

        # Every model a service saves with save_versioned (its field history is audited).
        for model in (
            models.Plan,
            models.Priority,
            models.Objective,
            models.ReportingCycle,
            models.AgencyReport,
            models.Entry,
            models.Indicator,
            models.DataCall,
            models.Section,
            models.Contribution,
        ):
            auditlog.register(model)
