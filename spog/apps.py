"""The SPOG's own work: reporting cycles, accomplishment reports and the TIP Report data call.
Nothing of it is built yet, so it adds nothing to a person's own page: a section that promised
reports would lead nowhere."""

from pitf.features import FeatureConfig


class SpogConfig(FeatureConfig):
    name = "spog"
    verbose_name = "SPOG reporting"
