"""The throwaway feature's contributions: URLs, header link, My-page card and panel, a periodic
task."""

from pitf.features import FeatureConfig, MyPageLink, NavLink, Panel


class PluginConfig(FeatureConfig):
    name = "tests.plugin_app"
    label = "plugin_app"
    url_prefix = "plugin/"
    navigation = (NavLink("plugin:board", "Plugin board", position=5),)
    my_page_links = (MyPageLink("plugin:board", "Plugin board", "The plugin's own page."),)
    my_page_panels = (
        Panel("plugin_app/panel.html", context="tests.plugin_app.views.panel_context"),
    )
    beat_schedule = {"plugin-sweep": {"task": "plugin.sweep", "schedule": 300}}
