"""Grant coordination: grant solicitations and proposed awards circulated to the SPOG's agencies
for comment. Today it contributes the "Comment requests" section of a person's own page."""

from pitf.features import FeatureConfig, Panel


class GrantsConfig(FeatureConfig):
    name = "grants"
    verbose_name = "Grant coordination"
    my_page_panels = (Panel("grants/my_page_panel.html", position=20),)
