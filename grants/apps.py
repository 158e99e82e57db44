"""Grant coordination: grant solicitations drafted by an agency and circulated to the SPOG's
agencies for comment through the core's circulation (pitf.circulation). Proposed awards are
still to come."""

from pitf.features import FeatureConfig, MyPageLink


class GrantsConfig(FeatureConfig):
    name = "grants"
    verbose_name = "Grant coordination"
    url_prefix = "grants/"
    my_page_links = (
        MyPageLink(
            "grants:solicitation-list",
            "Grant solicitations",
            "Your agency's drafts, and the solicitations circulated to it.",
            position=206,
        ),
    )

    def ready(self):
        from auditlog.registry import auditlog

        from grants import receivers  # noqa: F401  (a solicitation follows its circulation)
        from grants.models import Solicitation

        auditlog.register(Solicitation)
