"""The messaging calendar in Chromium: the Public Affairs Committee plans a January campaign for
Prevention Month; DHS circulates its draft message for clearance; HHS reads it beside the
comment form; when the circulation closes the campaign is cleared and the calendar shows it.
Every page and state passes axe-core."""

from __future__ import annotations

import datetime

import time_machine
from playwright.sync_api import Page, expect

from committees.reference import load_observances
from pitf.circulation import services as circulation
from pitf.models import Agency, Body, Membership
from pitf.workdays import EASTERN
from tests.e2e.conftest import axe_check, sign_in
from tests.factories import DesignationFactory, UserFactory

START = datetime.date(2020, 1, 1)


def test_a_january_campaign_is_planned_cleared_and_shown(live_server, reference, page: Page):
    body = Body.objects.get(short_name="public-affairs")
    agencies = {a.acronym: a for a in Agency.objects.filter(acronym__in=["DHS", "HHS"])}
    for agency in agencies.values():
        Membership.objects.create(agency=agency, body=body, start_date=START)
    dhs = UserFactory(agency=agencies["DHS"], full_name="Dana Homeland")
    hhs = UserFactory(agency=agencies["HHS"], full_name="Harper Health")
    DesignationFactory(person=hhs, agency=agencies["HHS"], body=body, start_date=START)
    load_observances(year=2026)
    base = live_server.url
    with time_machine.travel(datetime.datetime(2026, 12, 1, 9, 0, tzinfo=EASTERN)) as clock:
        sign_in(page, live_server, dhs)
        page.goto(f"{base}/committees/public-affairs/")
        page.get_by_role("link", name="The messaging calendar").click()
        page.get_by_role("link", name="Next month (January 2027)").click()
        expect(page.get_by_role("heading", name="Messaging calendar: January 2027")).to_be_visible()
        expect(page.get_by_text("National Human Trafficking Prevention Month")).to_be_visible()
        axe_check(page)
        page.get_by_role("link", name="Plan a communication").click()
        page.get_by_label("Title").fill("Blue Campaign: Prevention Month")
        page.locator("#id_starts_on").fill("2027-01-04")
        page.get_by_label("Last day").fill("2027-01-31")
        page.get_by_label("Channel").select_option(label="Social media")
        page.get_by_label("Audience").fill("The public")
        page.get_by_label("Theme").fill("Recognizing the signs")
        page.get_by_label("Observance it serves").select_option(
            label="National Human Trafficking Prevention Month 2027"
        )
        page.get_by_label("Draft message").fill("January is **Prevention Month**. Learn the signs.")
        axe_check(page)
        page.get_by_role("button", name="Add to the calendar").click()
        expect(page.get_by_role("status")).to_contain_text("is on the calendar")
        page.get_by_role("link", name="Circulate for clearance").click()
        page.get_by_label("Comments due").fill("2026-12-10")
        axe_check(page)
        page.get_by_role("button", name="Circulate for clearance").click()
        expect(page.get_by_role("status")).to_contain_text("circulated for clearance")
        expect(page.get_by_text("In clearance", exact=True)).to_be_visible()

        page.context.clear_cookies()
        sign_in(page, live_server, hhs)
        page.goto(f"{base}/circulation/")
        page.get_by_role("link", name="Clearance: Blue Campaign: Prevention Month").first.click()
        expect(page.get_by_text("January is Prevention Month.")).to_be_visible()
        axe_check(page)

        clock.move_to(datetime.datetime(2026, 12, 11, 9, 0, tzinfo=EASTERN))
        assert circulation.circulations_close_due() == 1
        page.context.clear_cookies()
        sign_in(page, live_server, dhs)
        page.goto(f"{base}/committees/messaging/?month=2027-01")
        expect(page.get_by_text("Cleared", exact=True).first).to_be_visible()
        expect(page.get_by_text("In clearance", exact=True)).to_have_count(0)
        expect(
            page.get_by_role("link", name="DHS: Blue Campaign: Prevention Month").first
        ).to_be_visible()
        axe_check(page)
