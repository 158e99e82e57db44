"""The SPOG's own work: reporting cycles, accomplishment reports and the TIP Report data call.
Today it contributes the "Reports" section of a person's own page."""

from pitf.features import FeatureConfig, Panel


class SpogConfig(FeatureConfig):
    name = "spog"
    verbose_name = "SPOG reporting"
    my_page_panels = (Panel("spog/my_page_panel.html", position=30),)
