"""The meetings pages in Chromium: the chair's office schedules a SPOG meeting through the form
(after fixing its mistakes), the representative answers from the e-mail's link without signing
in, and every page and state passes axe-core (WCAG 2.1 AA) within the content security policy."""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

from django.utils import timezone
from playwright.sync_api import Page, expect

from pitf.meetings.models import Invitee, Meeting
from pitf.models import Body, Notification
from tests.conftest import written
from tests.e2e.conftest import axe_check, sign_in


def open_and_check(page: Page, url: str, heading: str | re.Pattern) -> None:
    response = page.goto(url)
    assert response.ok, f"{url} answered {response.status}"
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    axe_check(page)
    assert page.evaluate("window.__cspViolations") == [], url


def test_schedule_answer_and_the_pages_pass_axe(live_server, people, page: Page, context):
    base = live_server.url
    spog = Body.objects.get(short_name="spog")
    sign_in(page, live_server, people["chairs_office"])
    open_and_check(page, f"{base}/meetings/", "My meetings")
    open_and_check(page, f"{base}/meetings/bodies/{spog.pk}/", re.compile("Meetings of the"))
    page.get_by_role("link", name="Schedule a meeting").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Schedule a meeting")
    axe_check(page)
    day = datetime.date(timezone.localdate().year + 1, 3, 18)
    page.get_by_label("Title").fill("SPOG quarterly meeting")
    page.get_by_label("Date").fill(day.isoformat())
    page.get_by_label("Starts at").fill("10:00")
    page.get_by_label("Ends at").fill("09:00")
    page.get_by_label("Place").fill("Harry S Truman Building")
    page.get_by_role("button", name="Schedule the meeting").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("must end after it starts")
    axe_check(page)
    page.get_by_label("Ends at").fill("12:00")
    page.get_by_role("button", name="Schedule the meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SPOG quarterly meeting")
    expect(page.get_by_text("the invitations are on their way")).to_be_visible()
    axe_check(page)
    meeting = Meeting.objects.get(body=spog)
    open_and_check(page, f"{base}/meetings/{meeting.pk}/cancel/", re.compile("Cancel"))
    open_and_check(page, f"{base}/meetings/{meeting.pk}/remind/", re.compile("Send a reminder"))
    open_and_check(page, f"{base}/meetings/calendar/", "My calendar address")
    page.get_by_role("button", name="Make my calendar address").click()
    expect(page.get_by_label("Calendar address")).to_have_value(re.compile(r"/meetings/calendar/"))
    axe_check(page)

    # The representative answers from the e-mail's link, signed out.
    notice = Notification.objects.get(
        kind="meeting.invitation", recipient=people["representative"].email
    )
    link = re.search(r"https?://\S+/meetings/answer/\S+/", written(notice).body).group(0)
    context.clear_cookies()
    open_and_check(page, base + urlsplit(link).path, "SPOG quarterly meeting")
    page.locator("label", has_text="Attending remotely").click()
    page.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_role("status")).to_contain_text("your answer is recorded")
    axe_check(page)
    assert (
        meeting.invitees.get(person=people["representative"]).response == Invitee.Response.REMOTELY
    )
    response = page.goto(f"{base}/meetings/answer/not-a-token/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("This answer link does not work")
    axe_check(page)


def test_a_failed_notice_and_an_expired_link_pass_axe(live_server, people, page: Page):
    """The meeting page with a notice that failed after every retry (its *Send again* button),
    and the page of an answer link whose meeting is over."""
    from pitf.meetings import services
    from pitf.notifications import claims

    base = live_server.url
    start = (timezone.now() + datetime.timedelta(days=30)).replace(microsecond=0)
    meeting = services.meeting_schedule(
        actor=people["chairs_office"],
        body=Body.objects.get(short_name="spog"),
        title="SPOG quarterly meeting",
        kind="regular",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        time_zone="America/New_York",
    )
    notice = Notification.objects.get(
        kind="meeting.invitation", recipient=people["representative"].email
    )
    claimed = claims.notification_claim(notification_id=notice.pk)
    claims.notification_release(
        notification=claimed, error="550 5.1.1 No such mailbox here", final=True
    )
    sign_in(page, live_server, people["chairs_office"])
    open_and_check(page, f"{base}/meetings/{meeting.pk}/", "SPOG quarterly meeting")
    expect(page.get_by_role("region", name="Failed notices")).to_contain_text("1 notice")
    page.get_by_role("button", name=f"Send again to {people['representative'].email}").click()
    expect(page.get_by_role("status")).to_contain_text("is on its way again")
    axe_check(page)

    link = re.search(r"https?://\S+/meetings/answer/\S+/", written(notice).body).group(0)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    response = page.goto(base + urlsplit(link).path)
    assert response.status == 410
    expect(page.get_by_role("heading", level=1)).to_have_text("This answer link has expired")
    axe_check(page)


def test_the_calendar_address_is_copied_with_one_button(live_server, people, page: Page, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    sign_in(page, live_server, people["representative"])
    page.goto(f"{live_server.url}/meetings/calendar/")
    page.get_by_role("button", name="Make my calendar address").click()
    address = page.get_by_label("Calendar address").input_value()
    assert "/meetings/calendar/" in address
    page.get_by_role("button", name="Copy the address").click()
    expect(page.get_by_role("status").filter(has_text="Copied.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == address
    expect(page.get_by_role("link", name="Subscribe in your calendar program")).to_have_attribute(
        "href", "webcal:" + address.split(":", 1)[1]
    )
    axe_check(page)


def test_attendance_is_recorded_in_the_browser_and_its_pages_pass_axe(
    live_server, people, page: Page
):
    """After the meeting the chair's office records who attended (the representative as they
    answered, in person); the meeting's page then says which member agencies were there."""
    import time_machine

    from pitf.workdays import EASTERN
    from tests.conftest import meeting_on

    day = datetime.date(2027, 4, 6)
    base = live_server.url
    with time_machine.travel(datetime.datetime(2027, 4, 1, 9, 0, tzinfo=EASTERN)) as clock:
        meeting = meeting_on(people["chairs_office"], Body.objects.get(short_name="spog"), day)
        clock.move_to(datetime.datetime(2027, 4, 6, 15, 0, tzinfo=EASTERN))
        sign_in(page, live_server, people["chairs_office"])
        open_and_check(page, f"{base}/meetings/{meeting.pk}/", "SPOG quarterly meeting")
        page.get_by_role("link", name="Record attendance").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Attendance: SPOG quarterly meeting"
        )
        axe_check(page)
        page.get_by_label("Riley Representative (DHS)").select_option("in_person")
        page.get_by_role("button", name="Record attendance").click()
        expect(page.get_by_role("status")).to_contain_text("The attendance was recorded.")
        axe_check(page)
        page.get_by_role("link", name="Back to the meeting").click()
        expect(page.locator("#attendance")).to_have_text("Attendance")
        expect(page.get_by_text("member agencies represented")).to_be_visible()
        axe_check(page)


def test_documents_are_added_in_the_browser_and_their_pages_pass_axe(
    live_server, people, page: Page, media
):
    """The chair's office adds a read-ahead (a renamed file first, refused), then a new version;
    the meeting's page links the current one."""
    from tests.conftest import meeting_on

    day = timezone.localdate() + datetime.timedelta(days=20)
    meeting = meeting_on(people["chairs_office"], Body.objects.get(short_name="spog"), day)
    sign_in(page, live_server, people["chairs_office"])
    open_and_check(page, f"{live_server.url}/meetings/{meeting.pk}/", "SPOG quarterly meeting")
    page.get_by_role("link", name="Add documents or versions").click()
    expect(page.get_by_text("No documents yet.")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Add a document").click()
    page.get_by_label("Title").fill("Read-ahead: FY2027 priorities")
    upload = page.get_by_label(re.compile(r"^File"))
    upload.set_input_files(
        files=[{"name": "read-ahead.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90"}]
    )
    page.get_by_role("button", name="Add the document").click()
    expect(page.locator("#id_upload-error")).to_contain_text("is named .pdf but is not a PDF")
    axe_check(page)
    page.get_by_label(re.compile(r"^File")).set_input_files(
        files=[{"name": "read-ahead.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n"}]
    )
    page.get_by_role("button", name="Add the document").click()
    expect(page.get_by_role("status")).to_contain_text("“Read-ahead: FY2027 priorities” is added.")
    axe_check(page)
    page.get_by_role("link", name="Add a new version of Read-ahead: FY2027 priorities").click()
    page.get_by_label(re.compile(r"^File")).set_input_files(
        files=[
            {"name": "read-ahead-2.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n2"}
        ]
    )
    page.get_by_label("What changed").fill("Figures for Q4")
    page.get_by_role("button", name="Add the version").click()
    expect(page.get_by_role("status")).to_contain_text("Version 2 of")
    expect(page.get_by_text("Figures for Q4")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Back to the meeting").click()
    link = page.get_by_role("link", name="Read-ahead: FY2027 priorities (download)")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "read-ahead-2.pdf"
    axe_check(page)


def test_the_agenda_is_proposed_arranged_and_published_in_the_browser(
    live_server, people, page: Page
):
    """DHS proposes an item; the chair's office adds one, accepts the proposal, moves it up by
    keyboard and publishes; every page and state passes axe."""
    from tests.conftest import meeting_on

    day = timezone.localdate() + datetime.timedelta(days=20)
    meeting = meeting_on(people["chairs_office"], Body.objects.get(short_name="spog"), day)
    base = live_server.url
    sign_in(page, live_server, people["representative"])
    open_and_check(page, f"{base}/meetings/{meeting.pk}/agenda/", "Agenda: SPOG quarterly meeting")
    expect(page.get_by_text("No items yet.")).to_be_visible()
    page.get_by_role("link", name="Propose an item").click()
    page.get_by_role("button", name="Propose the item").click()
    expect(page.locator("#id_title-error")).to_be_visible()  # the title is needed
    axe_check(page)
    page.get_by_label("Title").fill("Labor trafficking in supply chains")
    page.get_by_label("Kind").select_option("discussion")
    page.get_by_role("button", name="Propose the item").click()
    expect(page.get_by_role("status")).to_contain_text("is proposed")
    expect(page.get_by_role("heading", name="Your agency's proposals")).to_be_visible()
    axe_check(page)

    page.context.clear_cookies()
    sign_in(page, live_server, people["chairs_office"])
    page.goto(f"{base}/meetings/{meeting.pk}/agenda/")
    page.get_by_role("link", name="Add an item").click()
    page.get_by_label("Title").fill("Welcome and introductions")
    page.get_by_label("Time allotted (minutes)").fill("10")
    page.get_by_role("button", name="Add the item").click()
    expect(page.get_by_role("status")).to_contain_text("is on the agenda")
    page.get_by_role("link", name="Decide on Labor trafficking in supply chains").click()
    axe_check(page)
    # USWDS draws its own radio button; people click the label.
    page.locator("label", has_text="Accept: put it last on the agenda").click()
    page.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_role("heading", level=3).nth(1)).to_have_text(
        "2. Labor trafficking in supply chains"
    )
    axe_check(page)
    move_up = page.get_by_role("button", name=re.compile("^Move up.*Labor trafficking"))
    move_up.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=3).first).to_have_text(
        "1. Labor trafficking in supply chains"
    )
    page.get_by_role("link", name="Publish the agenda").click()
    axe_check(page)
    page.get_by_role("button", name="Publish the agenda").click()
    expect(page.get_by_role("status")).to_contain_text("The agenda is on its way to")
    expect(page.get_by_text("Nothing changed since.")).to_be_visible()
    axe_check(page)


def test_decisions_and_action_items_in_the_browser_pass_axe(live_server, people, page: Page):
    """After the meeting the chair's office records a decision and an action item for DHS (a
    due date before the meeting first, refused); DHS's principal finds it on My page and marks
    it done."""
    import time_machine

    from pitf.workdays import EASTERN
    from tests.conftest import meeting_on

    day = datetime.date(2027, 4, 6)
    base = live_server.url
    with time_machine.travel(datetime.datetime(2027, 4, 1, 9, 0, tzinfo=EASTERN)) as clock:
        meeting = meeting_on(people["chairs_office"], Body.objects.get(short_name="spog"), day)
        clock.move_to(datetime.datetime(2027, 4, 6, 15, 0, tzinfo=EASTERN))
        sign_in(page, live_server, people["chairs_office"])
        open_and_check(page, f"{base}/meetings/{meeting.pk}/", "SPOG quarterly meeting")
        page.get_by_role("link", name="Decisions and action items").click()
        expect(page.get_by_text("No decision recorded.")).to_be_visible()
        axe_check(page)
        page.get_by_role("link", name="Record a decision").click()
        page.get_by_label("Decision").fill("The four priorities stand for FY2028.")
        page.get_by_role("button", name="Record the decision").click()
        expect(page.get_by_role("status")).to_contain_text("The decision is recorded.")
        page.get_by_role("link", name="Add an action item").click()
        page.get_by_label("What is to be done").fill("Send the year's figures")
        page.get_by_label("Owner agency").select_option(
            label="Department of Homeland Security (DHS)"
        )
        page.get_by_label("Due date").fill("2027-04-01")
        page.get_by_role("button", name="Add the action item").click()
        expect(page.locator("#id_due_date-error")).to_contain_text("due on or after its meeting")
        axe_check(page)
        page.get_by_label("Due date").fill("2027-04-20")
        page.get_by_role("button", name="Add the action item").click()
        expect(page.get_by_role("status")).to_contain_text("The action item is DHS's")
        axe_check(page)

        page.context.clear_cookies()
        sign_in(page, live_server, people["representative"])
        page.goto(f"{base}/my/")
        expect(page.get_by_role("heading", name="Open action items")).to_be_visible()
        axe_check(page)
        page.get_by_role("link", name="Send the year's figures").click()
        axe_check(page)
        page.get_by_label("Status").select_option("finish")
        page.get_by_label("Update").fill("Sent on April 15.")
        page.get_by_role("button", name="Save the update").click()
        expect(page.get_by_role("status")).to_contain_text("The update is saved.")
        expect(page.get_by_text("Sent on April 15.")).to_be_visible()
        axe_check(page)
        open_and_check(page, f"{base}/meetings/actions/", "My action items")
        open_and_check(
            page,
            f"{base}/meetings/bodies/{meeting.body_id}/actions/?show=all",
            re.compile("^Action items"),
        )
        expect(page.get_by_role("link", name="Send the year's figures")).to_be_visible()
        open_and_check(
            page, f"{base}/meetings/bodies/{meeting.body_id}/", re.compile("^Meetings of")
        )


def test_minutes_are_drafted_previewed_circulated_and_compared_in_the_browser(
    live_server, people, page: Page
):
    """The chair's office drafts the minutes, previews a change, saves it, circulates them to
    DHS (which attended) and compares the two versions; every page and state passes axe."""
    import time_machine

    from pitf.meetings import services
    from pitf.workdays import EASTERN
    from tests.conftest import meeting_on

    day = datetime.date(2027, 4, 6)
    base = live_server.url
    office = people["chairs_office"]
    with time_machine.travel(datetime.datetime(2027, 4, 1, 9, 0, tzinfo=EASTERN)) as clock:
        meeting = meeting_on(office, Body.objects.get(short_name="spog"), day)
        services.agenda_item_add(actor=office, meeting=meeting, title="FY2028 priorities")
        clock.move_to(datetime.datetime(2027, 4, 6, 15, 0, tzinfo=EASTERN))
        services.attendance_record(
            actor=office,
            meeting=meeting,
            present=[services.Present(person=people["representative"], mode="in_person")],
            expected="none",
        )
        sign_in(page, live_server, office)
        open_and_check(page, f"{base}/meetings/{meeting.pk}/", "SPOG quarterly meeting")
        page.get_by_role("link", name="Minutes").click()
        expect(page.get_by_text("No minutes yet.")).to_be_visible()
        axe_check(page)
        page.get_by_role("button", name="Draft the minutes").click()
        text = page.get_by_label("Minutes")
        expect(text).to_contain_text("## 1. FY2028 priorities")
        axe_check(page)
        text.fill("## 1. FY2028 priorities\n\nThe SPOG **reaffirmed** the four priorities.\n")
        page.get_by_role("button", name="Preview").click()
        preview = page.get_by_role("region", name="Preview of the minutes")
        expect(preview.locator("strong")).to_have_text("reaffirmed")
        axe_check(page)
        page.get_by_role("button", name="Save the draft").click()
        expect(page.get_by_role("status")).to_contain_text("Version 2 is saved.")
        axe_check(page)
        page.get_by_role("link", name="Circulate for concurrence").click()
        page.get_by_label("Concurrence due").fill("2027-04-13")
        page.get_by_role("button", name="Circulate for concurrence").click()
        expect(page.get_by_role("status")).to_contain_text("circulated to 1 agency.")
        expect(page.get_by_text("Circulated for concurrence", exact=True)).to_be_visible()
        axe_check(page)
        page.get_by_role("link", name=re.compile("^Compare with version 1")).click()
        expect(page.locator("ins").first).to_have_text(
            "Added: The SPOG **reaffirmed** the four priorities."
        )
        axe_check(page)
