"""Every page passes axe-core, by a list no one keeps by hand: the pages come from the permission
matrix (docs/permissions.md), which the matrix test holds to every URL pattern of the project.
Each page is opened in Chromium as a person who may see it (the site administrator where they
may, else the first role allowed), with the matrix's sample objects; then the error pages (403,
404 and 500) and the Django admin's main pages. A new page cannot skip the check: a new URL
needs a matrix row, and each row with a page someone may open is checked here."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error
from playwright.sync_api import BrowserContext

from pitf.models import Body
from tests import test_permission_matrix as matrix
from tests.e2e.conftest import axe_violations
from tests.test_permission_matrix import sample, single_sign_on  # noqa: F401  (fixtures)

viewer = matrix.viewer
PAGES = matrix.page_rows()
ROLES_WITH_PAGES = sorted({viewer(row) for row in PAGES}, key=matrix.VIEWER_PREFERENCE.index)


def browser_as(context: BrowserContext, live_server, person) -> Client:
    """The Django test client and the browser signed in as `person` (one session, set as the
    browser's cookie), or both signed out."""
    client = Client()
    if person is not None:
        client.force_login(person)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
    return client


def check_pages(context, live_server, client, paths) -> tuple[list[str], int]:
    """Open each path that answers with an HTML page, run axe; return the failures (every one,
    not only the first) and how many pages were checked. A download (CSV, calendar, file) is
    not a page and is left out."""
    page = context.new_page()
    failures, checked = [], 0
    for path in paths:
        answer = client.get(path)
        if answer.status_code != 200 or not answer["Content-Type"].startswith("text/html"):
            if answer.status_code != 200:
                failures.append(f"{path}: answered {answer.status_code} to the test client")
            continue
        response = page.goto(f"{live_server.url}{path}")
        if response is None or response.status != 200:
            failures.append(f"{path}: answered {response.status if response else 'nothing'}")
            continue
        checked += 1
        report = axe_violations(page)
        if report:
            failures.append(f"{path}:\n{report}")
    page.close()
    return failures, checked


@pytest.mark.parametrize("role", ROLES_WITH_PAGES)
def test_every_page_of_the_matrix_passes_axe(
    live_server,
    sample,  # noqa: F811  (a fixture imported above)
    single_sign_on,  # noqa: F811
    context: BrowserContext,
    role,
):
    person = sample["people"][role]
    client = browser_as(context, live_server, person)
    paths = [matrix.concrete(row.path, sample=sample) for row in PAGES if viewer(row) == role]
    failures, checked = check_pages(context, live_server, client, paths)
    assert not failures, f"{len(failures)} of {len(paths)} pages as {role}:\n" + "\n".join(failures)
    assert checked >= len(paths) // 2, f"only {checked} of {len(paths)} were pages"


def test_the_generated_list_covers_the_matrix():
    """Every GET row with a page someone may open is checked as someone; the rows left out are
    those nobody is shown (a redirect, a refusal) or that only take a POST."""
    assert len(PAGES) > 80
    left_out = [
        row
        for row in matrix.MATRIX
        if row not in PAGES and row.name != matrix.ADMIN_ROW and row.method == "GET"
    ]
    assert all("allow" not in row.expected.values() for row in left_out)


def test_the_error_pages_pass_axe(live_server, people, context: BrowserContext):
    page = context.new_page()
    failures = []
    # 404, signed out and signed in; 403, as staff opening the people pages.
    response = page.goto(f"{live_server.url}/no-such-page/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
    failures.append(axe_violations(page))
    browser_as(context, live_server, people["staff"])
    response = page.goto(f"{live_server.url}/manage/bodies/999999/")
    assert response.status == 404
    assert page.get_by_role("link", name="My page", exact=True).count() >= 1
    failures.append(axe_violations(page))
    response = page.goto(f"{live_server.url}{reverse('people:audit-log')}")
    assert response.status == 403
    assert "You do not have permission" in page.get_by_role("heading", level=1).inner_text()
    failures.append(axe_violations(page))
    # 500: Django's own handler renders it with no request context and no database; the page
    # is served at an address of the live server so that its style sheets load.
    broken = server_error(RequestFactory().get("/"))
    assert broken.status_code == 500
    page.route(
        f"{live_server.url}/broken/",
        lambda route: route.fulfill(
            status=500, body=broken.content, content_type="text/html; charset=utf-8"
        ),
    )
    response = page.goto(f"{live_server.url}/broken/")
    assert response.status == 500
    assert page.get_by_role("heading", level=1).inner_text() == "Something went wrong"
    failures.append(axe_violations(page))
    assert not [f for f in failures if f], "\n".join(f for f in failures if f)


def admin_paths() -> list[str]:
    """The Django admin's main pages: its index, each app's index, each model's list, and the
    change form of its first row (or the add form when it has none and may add)."""
    paths = [reverse("admin:index")]
    apps = set()
    for model in admin.site._registry:
        meta = model._meta
        apps.add(meta.app_label)
        paths.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            paths.append(
                reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk])
            )
    paths += [reverse("admin:app_list", args=[label]) for label in sorted(apps)]
    return paths


def test_the_django_admins_main_pages_pass_axe(live_server, sample, context: BrowserContext):  # noqa: F811
    assert Body.objects.exists()
    client = browser_as(context, live_server, sample["people"]["site_admin"])
    paths = admin_paths()
    failures, checked = check_pages(context, live_server, client, paths)
    assert not failures, f"{len(failures)} of {len(paths)} admin pages:\n" + "\n".join(failures)
    assert checked == len(paths)
