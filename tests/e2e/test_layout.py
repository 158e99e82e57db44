"""The main pages fit the screen at a desktop's 1280 and 1024 pixels and a phone's 375: the page
never scrolls sideways and nothing sticks out of it (a wide table scrolls inside its own box),
the header's entries stay on one line on a desktop, and every page has its icon. Screenshots go
to var/screenshots/ for a person to look at."""

import re
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
    # About, Task force and groups, Member agencies, Meetings, Comment requests, Reporting,
    # Directory, Manage
    expect(items).to_have_count(8)
    tops = {round(box["y"]) for box in (item.bounding_box() for item in items.all())}
    assert len(tops) == 1, f"the header wraps at {width}px: {tops}"
    nav = page.get_by_role("navigation", name="Primary navigation")
    expect(nav.get_by_role("link", name="My page")).to_be_visible()
    expect(nav.get_by_role("button", name="Sign out")).to_be_visible()
    nav.get_by_role("button", name="Manage").click()
    expect(nav.get_by_role("link", name="Audit log")).to_be_visible()
    axe_check(page)


LONG_TEXT_WIDTHS = (1920, 1280, 1024, 375)


def long_text_pages(people) -> list[tuple[str, str, tuple[str, str]]]:
    """Pages in states with long text, each with the action that must stay in view: a
    2,000-character comment the owner resolves, a solicitation with a 200-character title, a
    meeting whose failed notice has a long error."""
    import datetime

    from django.contrib.contenttypes.models import ContentType

    from grants import services as grants
    from grants.models import Solicitation
    from pitf import workdays
    from pitf.circulation import services as circulation
    from pitf.meetings import services as meetings
    from pitf.models import Notification
    from tests.test_grants import draft_values

    long_words = " ".join(["Eligibility should include tribal governments and"] * 40)[:2000]
    title = ("Comprehensive Services for Victims of Human Trafficking in Rural Communities " * 3)[
        :200
    ]
    solicitation = grants.document_create(
        actor=people["staff"], model=Solicitation, **{**draft_values(), "title": title}
    )
    row = grants.document_circulate(
        actor=people["staff"],
        document=solicitation,
        expected_version=solicitation.version,
        deadline=workdays.add_business_days(workdays.today_in_washington(), 10),
    )
    comment = circulation.comment_add(
        actor=people["representative"],
        circulation=row,
        section="Section C.2, Eligibility, page 14, second paragraph",
        kind="substantive",
        text=long_words,
    )
    recipient = comment.recipient
    circulation.answer_submit(
        actor=people["representative"],
        recipient=recipient,
        expected_version=recipient.version,
        answer="comments",
    )
    day = timezone_today() + datetime.timedelta(days=40)
    meeting = meetings.meeting_schedule(
        actor=people["site_admin"],
        body=Body.objects.get(short_name="spog"),
        title=title,
        kind="regular",
        starts_at=datetime.datetime.combine(day, datetime.time(10), workdays.EASTERN),
        ends_at=datetime.datetime.combine(day, datetime.time(11), workdays.EASTERN),
        time_zone="America/New_York",
    )
    Notification.objects.create(
        recipient="someone.with.a.rather.long.address@agency.example.gov",
        subject=f"Invitation: {title}",
        body="-",
        kind="meeting.invitation",
        about_type=ContentType.objects.get_for_model(meeting),
        about_id=str(meeting.pk),
        status=Notification.Status.FAILED,
        attempts=8,
        last_error="(550, b'5.1.1 The email account that you tried to reach does not exist. "
        "Please try double-checking the recipient address for typos or unnecessary spaces.')",
    )
    # Who acts on each: the owner agency's staff (HHS) on its circulation and solicitation,
    # the site administrator on the meeting's record of what was sent.
    return [
        (
            "circulation-long-comment",
            f"/circulation/{row.pk}/",
            ("link", "Resolve comment 1"),
            people["staff"],
        ),
        (
            "solicitations-long-title",
            "/grants/solicitations/",
            ("link", title[:40]),
            people["staff"],
        ),
        (
            "meeting-long-notice",
            f"/meetings/{meeting.pk}/",
            ("button", "Send again"),
            people["site_admin"],
        ),
    ]


def timezone_today():
    from django.utils import timezone

    return timezone.localdate()


def test_long_text_wraps_and_actions_stay_in_view(live_server, people, page: Page):
    """The owner's table of comments, the solicitations list and the meeting's record of what
    was sent: at a desktop's width the tables fit their page (no box to scroll), and at every
    width the row's action is on the screen."""
    targets = long_text_pages(people)
    signed_in = None
    for name, path, action, person in targets:
        if person != signed_in:
            page.context.clear_cookies()
            sign_in(page, live_server, person)
            signed_in = person
        page.goto(live_server.url + path)
        role, label = action
        link = page.get_by_role(role, name=re.compile("^" + re.escape(label))).first
        for width in LONG_TEXT_WIDTHS:
            check_fits(page, name, width)
            box = link.bounding_box()
            assert box is not None and box["x"] >= 0, f"{name} at {width}px: {action} is hidden"
            assert box["x"] + box["width"] <= width, f"{name} at {width}px: {action} is off-screen"
            if width >= 1024:
                inner = page.evaluate(
                    "[...document.querySelectorAll('.usa-table-container--scrollable')]"
                    ".map((box) => box.scrollWidth - box.clientWidth)"
                )
                assert max(inner, default=0) <= 1, f"{name} at {width}px: a table scrolls {inner}"
        axe_check(page)
