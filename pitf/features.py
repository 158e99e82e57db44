"""How a feature plugs into the core: an app whose AppConfig is a FeatureConfig contributes its
URLs, their permission rules, header navigation, My-page links and panels and periodic tasks, and
the core reads them from the installed apps. The core never imports a feature by name."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from django.apps import AppConfig, apps
from django.urls import NoReverseMatch, include, path, reverse
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class NavLink:
    """A header link, shown to whoever the URL's rule lets in. Links that name the same `menu`
    share one drop-down; `position` orders the header across features (lower first)."""

    url_name: str
    label: str
    menu: str = ""
    position: int = 100


@dataclass(frozen=True)
class MyPageLink:
    """A card on the person's own page that leads to a page their role may use."""

    url_name: str
    label: str
    description: str
    position: int = 100


@dataclass(frozen=True)
class Panel:
    """A section of the person's own page: a template and, optionally, the dotted path of a
    function `(request) -> dict` that gives its context."""

    template: str
    context: str = ""
    position: int = 100

    def context_for(self, request) -> dict:
        if not self.context:
            return {}
        function: Callable[..., Mapping] = import_string(self.context)
        return dict(function(request))


@dataclass(frozen=True)
class DeactivationStep:
    """What a feature ends when a person's account is deactivated, in the same transaction:
    `preview` is the dotted path of `(person) -> list[str]`, the sentences the confirmation page
    shows (none when there is nothing to end); `apply` of `(*, actor, person) -> None`."""

    preview: str
    apply: str


class FeatureConfig(AppConfig):
    """An installed app that plugs into the core. Its URL rules are `URL_RULES` in
    `<app>.permissions`; its URLs are `<app>.urls`, mounted at `url_prefix`."""

    url_prefix: str | None = None
    urls_module: str = ""
    permissions_module: str = ""
    navigation: Sequence[NavLink] = ()
    my_page_links: Sequence[MyPageLink] = ()
    my_page_panels: Sequence[Panel] = ()
    deactivation_steps: Sequence[DeactivationStep] = ()
    # Dotted paths of `(person, agency_id) -> list[str]`: what the feature holds that lets the
    # person act for that agency (a move to another agency waits until it is ended).
    agency_ties: Sequence[str] = ()
    # Notification kind -> dotted path of `(notification) -> str`: why a notice of that kind is
    # no longer wanted when its turn comes ("" if it still is); the outbox drops it unsent.
    notice_checks: Mapping[str, str] = {}
    # The kinds of document the feature circulates for comment (pitf.circulation.kinds
    # .DocumentKind): the body they go to, who oversees them, who is written to at an agency,
    # and how a document follows its circulation's end.
    circulated_documents: Sequence = ()
    # Celery beat entries, merged into CELERY_BEAT_SCHEDULE when the apps are ready.
    beat_schedule: Mapping[str, dict] = {}
    # Dotted paths of `(*, update: bool) -> str`: the feature's own reference data, loaded after
    # the core's by `manage.py load_reference_data`; each says what it loaded.
    reference_data: Sequence[str] = ()
    # Django picks the one AppConfig of an apps.py that is not marked default = False: this base
    # class, imported there, must not be a candidate; the feature's own config must be.
    default = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.default = cls.__dict__.get("default", True)

    def url_rules(self) -> dict:
        module_name = self.permissions_module or f"{self.name}.permissions"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            return {}
        return dict(getattr(module, "URL_RULES", {}))


def features() -> list[FeatureConfig]:
    """The installed features, in INSTALLED_APPS order."""
    return [config for config in apps.get_app_configs() if isinstance(config, FeatureConfig)]


def feature_urlpatterns() -> list:
    return [
        path(config.url_prefix, include(config.urls_module or f"{config.name}.urls"))
        for config in features()
        if config.url_prefix is not None
    ]


def feature_url_rules() -> list[tuple[str, dict]]:
    return [(config.name, config.url_rules()) for config in features()]


def load_feature_reference_data(*, update: bool = False) -> list[str]:
    """Load each feature's reference data (FeatureConfig.reference_data); what each loaded."""
    return [
        import_string(loader)(update=update)
        for config in features()
        for loader in config.reference_data
    ]


def beat_schedule(base: Mapping[str, dict]) -> dict[str, dict]:
    schedule = dict(base)
    for config in features():
        overlap = set(schedule) & set(config.beat_schedule)
        if overlap:
            raise RuntimeError(f"{config.name} schedules {sorted(overlap)} a second time")
        schedule.update(config.beat_schedule)
    return schedule


@dataclass(frozen=True)
class ShownLink:
    label: str
    url: str
    description: str = ""


@dataclass(frozen=True)
class NavMenu:
    """One header entry: a single link, or a drop-down of links under `label`. `current` when
    the page shown is one of its links or below one."""

    label: str
    links: tuple[ShownLink, ...]
    menu: bool
    current: bool = False

    @property
    def id(self) -> str:
        return "nav-" + "-".join(self.label.lower().split())


def _allowed(url_name: str, roles) -> str | None:
    """The URL of `url_name` if its rule lets `roles` in, else None."""
    from pitf.permissions import rule_for

    rule = rule_for(url_name)
    if rule is None or not (rule.public or rule.test(roles)):
        return None
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def navigation_for(roles, path: str = "") -> list[NavMenu]:
    """The features' header entries a person with `roles` may follow, drop-downs grouped; the
    one that holds `path` is marked current."""
    entries = sorted(
        (link for config in features() for link in config.navigation),
        key=lambda link: link.position,
    )
    menus: list[NavMenu] = []
    by_menu: dict[str, list[ShownLink]] = {}
    for link in entries:
        url = _allowed(link.url_name, roles)
        if url is None:
            continue
        shown = ShownLink(label=link.label, url=url)
        if not link.menu:
            menus.append(NavMenu(label=link.label, links=(shown,), menu=False))
        elif link.menu in by_menu:
            by_menu[link.menu].append(shown)
        else:
            by_menu[link.menu] = [shown]
            menus.append(NavMenu(label=link.menu, links=(), menu=True))
    shown = []
    for menu in menus:
        links = tuple(by_menu[menu.label]) if menu.menu else menu.links
        current = any(path == link.url or path.startswith(link.url) for link in links)
        shown.append(NavMenu(label=menu.label, links=links, menu=menu.menu, current=current))
    return shown


def my_page_links_for(roles) -> list[ShownLink]:
    """The pages a person with `roles` may use, as cards on their own page."""
    links = sorted(
        (link for config in features() for link in config.my_page_links),
        key=lambda link: link.position,
    )
    shown = []
    for link in links:
        url = _allowed(link.url_name, roles)
        if url is not None:
            shown.append(ShownLink(label=link.label, url=url, description=link.description))
    return shown


def my_page_panels(request) -> list[tuple[str, dict]]:
    """(template, context) of each feature's section of the person's own page."""
    panels = sorted(
        (panel for config in features() for panel in config.my_page_panels),
        key=lambda panel: panel.position,
    )
    return [(panel.template, panel.context_for(request)) for panel in panels]


def deactivation_preview(person) -> list[str]:
    """What deactivating `person` will end, feature by feature, in words."""
    return [
        sentence
        for config in features()
        for step in config.deactivation_steps
        for sentence in import_string(step.preview)(person)
    ]


def deactivation_apply(*, actor, person) -> None:
    for config in features():
        for step in config.deactivation_steps:
            import_string(step.apply)(actor=actor, person=person)


def agency_ties(person, agency_id: int) -> list[str]:
    """What, feature by feature, still lets `person` act for the agency `agency_id`."""
    return [
        tie
        for config in features()
        for path in config.agency_ties
        for tie in import_string(path)(person, agency_id)
    ]


def notice_check_for(kind: str) -> Callable | None:
    for config in features():
        if kind in config.notice_checks:
            return import_string(config.notice_checks[kind])
    return None
