"""Circulation for comment as a feature of the core: an agency circulates a document to other
agencies, each answers once, the owner resolves the comments. Grant solicitations and proposed
awards (grants/) use it; draft minutes and report drafts will."""

from pitf.features import FeatureConfig, MyPageLink, NavLink, Panel


class CirculationConfig(FeatureConfig):
    name = "pitf.circulation"
    label = "circulation"
    verbose_name = "Circulation for comment"
    url_prefix = "circulation/"
    beat_schedule = {
        "circulation-remind-and-close": {
            "task": "pitf.circulation.tasks.remind_and_close",
            "schedule": 60,
        }
    }
    # A request, reminder or extension is not sent once the circulation was withdrawn or closed,
    # nor a reminder once the agency has answered.
    notice_checks = dict.fromkeys(
        ("circulation.request", "circulation.reminder", "circulation.extended"),
        "pitf.circulation.services.notice_unwanted",
    )
    navigation = (NavLink("circulation:list", "Comment requests", position=6),)
    # A contact or delegate of an agency is removed before the person moves to another.
    agency_ties = ("pitf.circulation.services.agency_ties",)
    my_page_panels = (
        Panel(
            "circulation/my_page_panel.html",
            context="pitf.circulation.views.my_page_panel",
            position=6,
        ),
    )
    my_page_links = (
        MyPageLink(
            "circulation:list",
            "Comment requests",
            "Documents circulated to your agency for comment, and your agency's own.",
            position=205,
        ),
    )

    def ready(self):
        from auditlog.registry import auditlog

        from pitf.circulation import workflows  # noqa: F401  (registers the workflows)
        from pitf.circulation.models import Circulation, Comment, Recipient

        auditlog.register(Circulation)
        auditlog.register(Recipient)
        auditlog.register(Comment)
