"""The SPOG's own work: accomplishment reporting in cycles against the Administration-wide
priorities and strategic objectives, reviewed by the chair's office."""

from pitf.features import FeatureConfig, MyPageLink, NavLink


class SpogConfig(FeatureConfig):
    name = "spog"
    verbose_name = "SPOG reporting"
    url_prefix = "spog/"
    reference_data = ("spog.reference.load_plans",)
    navigation = (
        NavLink("spog:cycle-list", "Accomplishment reports", menu="Reporting", position=8),
        NavLink("spog:portrait-current", "Portrait of accomplishments", "Reporting", 8),
        NavLink("spog:indicator-list", "Statistics", menu="Reporting", position=8),
    )
    my_page_links = (
        MyPageLink(
            "spog:cycle-list",
            "Accomplishment reports",
            "Your agency's reports in each reporting cycle, and the entries shared with it.",
            position=210,
        ),
    )
    beat_schedule = {
        "spog-remind-reports-due": {
            "task": "spog.tasks.remind_reports_due",
            "schedule": 3600,
        },
        "spog-requeue-portraits": {
            "task": "spog.tasks.requeue_portraits",
            "schedule": 120,
        },
    }

    def ready(self):
        from auditlog.registry import auditlog

        from spog import workflows  # noqa: F401  (registers the report's workflow)
        from spog.models import AgencyReport, Entry, Objective, Plan, Priority, ReportingCycle

        for model in (Plan, Priority, Objective, ReportingCycle, AgencyReport, Entry):
            auditlog.register(model)
