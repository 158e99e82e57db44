"""The meetings journey in Chromium, by keyboard and mouse as people use it: the SPOG's chair's
office plans next fiscal year's four quarterly meetings in one form (after fixing a date put in
the wrong quarter), reschedules one, the DHS principal answers "sending my alternate" from the
e-mail's link without signing in, and the chair's office reminds those who have not answered.
The dashboard, the plan (and its error state) and the month calendar, moved through with the
arrow keys, pass axe-core."""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from pitf.meetings import plan
from pitf.meetings.models import Invitee, Meeting
from pitf.models import Body, Notification
from tests.conftest import written
from tests.e2e.conftest import CSP_RECORDER, VIEWPORT, axe_check, sign_in
from tests.factories import DesignationFactory, UserFactory


def test_plan_the_year_reschedule_answer_by_e_mail_and_remind(
    live_server, people, page: Page, browser: Browser
):
    base = live_server.url
    spog = Body.objects.get(short_name="spog")
    representative = people["representative"]
    alternate = UserFactory(agency=representative.agency, full_name="Alex Alternate")
    DesignationFactory(
        person=alternate,
        agency=representative.agency,
        body=spog,
        role="alternate",
        start_date=datetime.date(2020, 1, 1),
    )
    fiscal_year = plan.fiscal_year_of(timezone.localdate()) + 1
    quarters = plan.quarters(fiscal_year)
    proposed = [plan.propose(q, today=timezone.localdate()) for q in quarters]

    # The chair's office: from its dashboard to next fiscal year's plan.
    sign_in(page, live_server, people["chairs_office"])
    page.goto(f"{base}/meetings/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meetings of my bodies")
    axe_check(page)
    page.get_by_role(
        "link", name="Plan the fiscal year of the Senior Policy Operating Group"
    ).click()
    if f"/plan/{fiscal_year}/" not in page.url:
        page.get_by_role("link", name=f"Plan fiscal year {fiscal_year} instead").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Plan fiscal year {fiscal_year} for the Senior Policy Operating Group"
    )
    axe_check(page)
    for quarter, day in zip(quarters, proposed, strict=True):
        expect(page.get_by_label(quarter.label)).to_have_value(day.isoformat())
    # A slip: the second quarter's date typed into the first quarter.
    page.get_by_label("Second quarter").fill(proposed[0].isoformat())
    page.get_by_label("Place").fill("Harry S Truman Building, Room 1107")
    page.get_by_role("button", name="Schedule these meetings").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("is in the first quarter")
    axe_check(page)
    assert not Meeting.objects.exists()
    page.get_by_label("Second quarter").fill(proposed[1].isoformat())
    page.get_by_role("button", name="Schedule these meetings").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"4 meetings of fiscal year {fiscal_year} are scheduled"
    )
    meetings = list(Meeting.objects.filter(body=spog).order_by("starts_at"))
    assert [m.local_start.date() for m in meetings] == proposed
    assert all(m.place == "Harry S Truman Building, Room 1107" for m in meetings)

    # Reschedule the third quarter's meeting to the afternoon.
    third = meetings[2]
    page.get_by_role("link", name=third.title).click()
    page.get_by_role("link", name="Reschedule or change").click()
    page.get_by_label("Starts at").fill("14:00")
    page.get_by_label("Ends at").fill("16:00")
    page.get_by_label("What changed and why").fill("Moved to the afternoon for the principals.")
    page.get_by_role("button", name="Send the change").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(third.title)
    expect(page.get_by_text("Moved to the afternoon for the principals.")).to_be_visible()
    third.refresh_from_db()
    assert (third.local_start.hour, third.sequence) == (14, 1)
    assert Notification.objects.filter(kind="meeting.updated", about_id=str(third.pk)).exists()

    # The DHS principal answers from the e-mail's link, in a browser not signed in.
    invitation = Notification.objects.get(
        kind="meeting.invitation", recipient=representative.email, about_id=str(third.pk)
    )
    link = re.search(r"https?://\S+/meetings/answer/\S+/", written(invitation).body).group(0)
    mail_reader = browser.new_context(viewport=VIEWPORT, locale="en-US")
    mail_reader.add_init_script(CSP_RECORDER)
    try:
        reader = mail_reader.new_page()
        reader.goto(base + urlsplit(link).path)
        expect(reader.get_by_role("heading", level=1)).to_have_text(third.title)
        reader.locator("label", has_text="Sending an alternate").click()
        reader.get_by_label("Which alternate you send").select_option(label="Alex Alternate")
        reader.get_by_role("button", name="Send my answer").click()
        expect(reader.get_by_role("status")).to_contain_text(
            "Alex Alternate is invited in your place"
        )
        axe_check(reader)
    finally:
        mail_reader.close()
    answered = third.invitees.get(person=representative)
    assert (answered.response, answered.alternate) == (
        Invitee.Response.SENDING_ALTERNATE,
        alternate,
    )

    # The chair's office reminds those who have not answered, in its own words.
    page.reload()
    page.get_by_role("link", name="Send a reminder").click()
    page.locator("label", has_text="Those who have not answered").click()
    page.get_by_label("Your message").fill("Please answer by Friday: the agenda depends on it.")
    page.get_by_role("button", name="Send the reminder").click()
    expect(page.get_by_role("status")).to_be_visible()
    not_answered = {
        i.person.email
        for i in third.invitees.filter(removed_at__isnull=True, response="").select_related(
            "person"
        )
    }
    assert representative.email not in not_answered and not_answered
    reminded = Notification.objects.filter(kind="meeting.custom_reminder", about_id=str(third.pk))
    assert {n.recipient for n in reminded} == not_answered
    assert all("agenda depends on it" in written(n).body for n in reminded)

    # The month calendar of the first meeting, by keyboard.
    first = meetings[0].local_start.date()
    page.goto(f"{base}/meetings/month/{first.year}/{first.month}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"My meetings: {first:%B %Y}")
    axe_check(page)
    day = page.locator(f'td[data-day="{first.isoformat()}"]')
    expect(day).to_have_attribute("tabindex", "0")
    expect(day.get_by_role("link", name=re.compile(meetings[0].title))).to_be_visible()
    day.focus()
    page.keyboard.press("ArrowRight")
    following = first + datetime.timedelta(days=1)
    expect(page.locator(f'td[data-day="{following.isoformat()}"]')).to_be_focused()
    page.keyboard.press("ArrowDown")
    week_later = following + datetime.timedelta(days=7)
    expect(page.locator(f'td[data-day="{week_later.isoformat()}"]')).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowLeft")
    expect(day).to_be_focused()
    page.keyboard.press("Tab")
    expect(day.get_by_role("link", name=re.compile(meetings[0].title))).to_be_focused()
    day.focus()
    page.keyboard.press("PageDown")
    following_month = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"My meetings: {following_month:%B %Y}"
    )
    axe_check(page)
    assert page.evaluate("window.__cspViolations") == []
