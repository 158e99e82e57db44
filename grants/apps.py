"""Grant coordination: grant solicitations and proposed awards drafted by an agency and
circulated to the SPOG's agencies for comment through the core's circulation
(pitf.circulation)."""

from grants.circulated import AWARDS, SOLICITATIONS
from pitf.features import FeatureConfig, MyPageLink


class GrantsConfig(FeatureConfig):
    name = "grants"
    verbose_name = "Grant coordination"
    url_prefix = "grants/"
    # How solicitations and proposed awards are circulated for comment (grants/circulated.py).
    circulated_documents = (SOLICITATIONS, AWARDS)
    my_page_links = (
        MyPageLink(
            "grants:solicitation-list",
            "Grant solicitations",
            "Your agency's drafts, and the solicitations circulated to it.",
            position=206,
        ),
        MyPageLink(
            "grants:award-list",
            "Proposed awards",
            "Your agency's proposed awards, and those circulated to it before they are made.",
            position=207,
        ),
    )

    def ready(self):
        from auditlog.registry import auditlog

        from grants import workflows  # noqa: F401  (registers the documents' workflows)
        from grants.models import Award, Solicitation

        auditlog.register(Solicitation)
        auditlog.register(Award)
