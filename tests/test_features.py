"""A feature plugs into the core through its AppConfig alone: installing the throwaway
tests.plugin_app adds its URLs with their rules, its header link, its My-page card and panel and
its periodic task, and a URL it leaves without a rule is refused and caught by the URL walk."""

import html
import importlib

import pytest
from django.urls import clear_url_caches, get_resolver, resolve, reverse

import pitf.urls
from pitf.celery import app as celery_app
from pitf.features import features
from pitf.permissions import rule_for
from tests.test_urls import concrete_path, walk

pytestmark = pytest.mark.django_db


def reload_urls():
    importlib.reload(pitf.urls)
    clear_url_caches()


@pytest.fixture
def plugin(settings):
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "tests.plugin_app"]
    reload_urls()
    yield
    settings.INSTALLED_APPS = [a for a in settings.INSTALLED_APPS if a != "tests.plugin_app"]
    reload_urls()


def header_of(page: str) -> str:
    start = page.index('aria-label="Primary navigation"')
    return page[start : page.index("</nav>", start)]


def test_core_features_are_the_installed_apps():
    """The product's features, in order; the suite adds one of its own after them (the kind of
    document the circulation tests circulate, tests/circulated)."""
    names = [config.name for config in features()]
    assert names[-1] == "tests.circulated"
    assert names[:-1] == [
        "pitf.accounts",
        "pitf.people",
        "pitf.directory",
        "pitf.meetings",
        "pitf.circulation",
        "spog",
        "committees",
        "grants",
    ]


def test_without_the_plugin_there_is_no_plugin_url(client, people):
    client.force_login(people["site_admin"])
    assert client.get("/plugin/board/").status_code == 404
    assert "Plugin board" not in client.get("/my/").content.decode()


def test_plugin_urls_and_rules_are_registered(plugin, client, people):
    assert reverse("plugin:board") == "/plugin/board/"
    assert str(rule_for("plugin:board")) == "site administrators"
    client.force_login(people["site_admin"])
    assert client.get("/plugin/board/").content == b"The plugin board"
    client.force_login(people["staff"])
    response = client.get("/plugin/board/")
    assert response.status_code == 403
    assert "This page is for site administrators." in html.unescape(response.content.decode())


def test_a_plugin_url_without_a_rule_is_refused_and_found(plugin, client, people):
    client.force_login(people["site_admin"])
    response = client.get("/plugin/unruled/")
    assert response.status_code == 403
    assert "This address has no permission rule." in response.content.decode()
    view_names = [
        resolve(concrete_path(pattern)).view_name
        for pattern, _, _ in walk(get_resolver().url_patterns)
    ]
    assert "plugin:board" in view_names and "directory:agency-list" in view_names
    assert [name for name in view_names if rule_for(name) is None] == ["plugin:unruled"]


def test_plugin_adds_header_link_card_and_panel_by_role(plugin, client, people):
    client.force_login(people["site_admin"])
    page = html.unescape(client.get("/my/").content.decode())
    assert '<a href="/plugin/board/" class="usa-nav-link"><span>Plugin board</span>' in header_of(
        page
    )
    assert "Plugin board" in [link.label for link in client.get("/my/").context["links"]]
    assert "<h2>Plugin panel</h2>" in page
    assert f"Plugin panel for {people['site_admin'].email}" in page
    client.force_login(people["staff"])
    page = client.get("/my/").content.decode()
    assert "Plugin board" not in header_of(page)
    assert "<h2>Plugin panel</h2>" in page


def test_plugin_periodic_task_joins_the_beat_schedule(plugin):
    schedule = celery_app.conf.beat_schedule
    assert schedule["plugin-sweep"] == {"task": "plugin.sweep", "schedule": 300}
    assert "send-pending-notifications" in schedule


def test_the_plugin_leaves_no_trace_when_removed(client, people):
    assert "plugin-sweep" not in celery_app.conf.beat_schedule
    assert rule_for("plugin:board") is None
