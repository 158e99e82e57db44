"""Grant coordination: grant solicitations and proposed awards circulated to the SPOG's agencies
for comment through the core's circulation (pitf.circulation), which already lists the person's
comment requests on their own page. The documents themselves are still to come."""

from pitf.features import FeatureConfig


class GrantsConfig(FeatureConfig):
    name = "grants"
    verbose_name = "Grant coordination"
