"""The main pages fit the screen at a desktop's 1280 and 1024 pixels and a phone's 375: the page
never scrolls sideways and nothing sticks out of it (a wide table scrolls inside its own box),
the header's entries stay on one line on a desktop, and every page has its icon. Screenshots go
to var/screenshots/ for a person to look at."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from pitf.models import Body
from tests.e2e.conftest import axe_check, sign_in

SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "var" / "screenshots"
WIDTHS = (1280, 1024, 375)

# Elements whose right edge lies beyond the viewport, outside any box that scrolls or clips.
OVERFLOWING = """
() => {
  const width = document.documentElement.clientWidth;
  const clipped = (element) => {
    for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
      const overflow = getComputedStyle(node).overflowX;
      if (overflow === "auto" || overflow === "scroll" || overflow === "hidden") return true;
    }
    return false;
  };
  return [...document.body.querySelectorAll("*")]
    .filter((element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.right > width + 1 && !clipped(element)
        && getComputedStyle(element).visibility !== "hidden";
    })
    .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")} `
      + `(${Math.round(element.getBoundingClientRect().right)}px)`);
}
"""


def pages(people) -> list[tuple[str, str]]:
    spog = Body.objects.get(short_name="spog")
    return [
        ("about", "/"),
        ("public-agencies", "/agencies/"),
        ("public-bodies", "/bodies/"),
        ("my-page", "/my/"),
        ("agencies", "/manage/agencies/"),
        ("bodies", "/manage/bodies/"),
        ("spog", f"/manage/bodies/{spog.pk}/"),
        ("members-history", "/manage/history/members/"),
        ("representatives-history", "/manage/history/representatives/"),
        ("people", "/people/"),
        ("audit-log", "/people/audit-log/"),
    ]


def check_fits(page: Page, name: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.wait_for_load_state("load")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
    sticking_out = page.evaluate(OVERFLOWING)
    assert sticking_out == [], f"{name} at {width}px: {sticking_out}"
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{name} at {width}px scrolls sideways ({scroll_width}px)"


def test_the_main_pages_fit_every_width(live_server, people, page: Page):
    sign_in(page, live_server, people["site_admin"])
    for name, path in pages(people):
        page.goto(live_server.url + path)
        expect(page.locator("link[rel=icon]").first).to_have_attribute(
            "href", "/static/uswds/img/favicons/favicon.ico"
        )
        for width in WIDTHS:
            check_fits(page, name, width)


@pytest.mark.parametrize("width", [1280, 1024])
def test_the_header_stays_on_one_line_on_a_desktop(live_server, people, page: Page, width):
    sign_in(page, live_server, people["site_admin"])
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/my/")
    items = page.locator(".usa-nav__primary > .usa-nav__primary-item")
    # About, Task force and groups, Member agencies, Meetings, Comment requests, Directory, Manage
    expect(items).to_have_count(7)
    tops = {round(box["y"]) for box in (item.bounding_box() for item in items.all())}
    assert len(tops) == 1, f"the header wraps at {width}px: {tops}"
    nav = page.get_by_role("navigation", name="Primary navigation")
    expect(nav.get_by_role("link", name="My page")).to_be_visible()
    expect(nav.get_by_role("button", name="Sign out")).to_be_visible()
    nav.get_by_role("button", name="Manage").click()
    expect(nav.get_by_role("link", name="Audit log")).to_be_visible()
    axe_check(page)
