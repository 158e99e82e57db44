"""The people pages in Chromium: every page passes axe-core (WCAG 2.1 AA) in the states people
meet it in (empty, filled, with errors), keeps to the content security policy, and the invite
form works by keyboard alone."""

from __future__ import annotations

import datetime
import re

from django.utils import timezone
from playwright.sync_api import Page, expect

from pitf.audit import log_event
from pitf.models import Body, BodyRole, Invitation, Notification, User
from pitf.people import services
from tests.e2e.conftest import axe_check, sign_in
from tests.factories import BodyRoleFactory, UserFactory


def open_and_check(page: Page, url: str, heading: str | re.Pattern) -> None:
    response = page.goto(url)
    assert response.ok, f"{url} answered {response.status}"
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    axe_check(page)
    assert page.evaluate("window.__cspViolations") == [], url


def pending_invitee(people) -> User:
    """Someone invited by the site admin who has not accepted yet."""
    invitation = services.invitation_create(
        actor=people["site_admin"],
        email="pending.person@hhs.example.gov",
        full_name="Pat Pending",
        agency=people["staff"].agency,
        base_url="http://testserver/",
    )
    return invitation.user


def test_site_admin_pages_pass_axe(live_server, people, page: Page):
    base = live_server.url
    staff = people["staff"]
    role = BodyRoleFactory(person=staff, body=Body.objects.get(short_name="spog"))
    invitee = pending_invitee(people)
    invitation = Invitation.objects.get(user=invitee)
    sign_in(page, live_server, people["site_admin"])
    expect(page).to_have_url(f"{base}/my/")
    axe_check(page)

    # The invite form, empty and then with errors on it.
    open_and_check(page, f"{base}/people/invite/", "Invite someone")
    page.get_by_label("E-mail address").fill(staff.email)
    page.get_by_role("button", name="Send invitation").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("An account with this e-mail address already exists")
    expect(summary).to_contain_text("Full name: This field is required.")
    axe_check(page)

    open_and_check(page, f"{base}/people/", "People")
    page.get_by_label("Search").fill("Sam")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("link", name="Sam Staff")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Sam Staff").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sam Staff")
    axe_check(page)

    open_and_check(page, f"{base}/people/{staff.pk}/edit/", "Edit Sam Staff")
    page.get_by_label("Full name").fill("")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    axe_check(page)

    open_and_check(page, f"{base}/people/{staff.pk}/deactivate/", "Deactivate Sam Staff")
    open_and_check(page, f"{base}/people/{staff.pk}/offices/grant/", re.compile("Grant Sam Staff"))
    page.get_by_label("Body").select_option(label="Senior Policy Operating Group")
    page.get_by_role("button", name="Grant the role").click()
    expect(page.locator("[data-error-summary]")).to_contain_text("already holds")
    axe_check(page)
    open_and_check(
        page, f"{base}/people/{staff.pk}/offices/{role.pk}/remove/", re.compile("^Remove Sam Staff")
    )
    open_and_check(page, f"{base}/people/{invitee.pk}/", "Pat Pending")
    open_and_check(
        page, f"{base}/people/{invitee.pk}/invitation/resend/", "Send Pat Pending a new invitation"
    )
    open_and_check(
        page,
        f"{base}/people/invitations/{invitation.pk}/withdraw/",
        "Withdraw the invitation of Pat Pending",
    )
    # Withdraw it: the detail page then offers a new invitation.
    page.get_by_role("button", name="Withdraw the invitation").click()
    expect(page.get_by_text("The invitation of Pat Pending was withdrawn.")).to_be_visible()
    expect(page.get_by_role("link", name="Send a new invitation")).to_be_visible()
    axe_check(page)

    staff.is_active = False
    staff.save()
    open_and_check(page, f"{base}/people/{staff.pk}/reactivate/", "Reactivate Sam Staff")


def test_audit_log_passes_axe_with_entries_and_pages(live_server, people, page: Page):
    for n in range(60):
        log_event("user.login", actor=people["staff"], note=f"sign-in {n}")
    people["staff"].job_title = "Analyst"
    people["staff"].save()
    sign_in(page, live_server, people["site_admin"])
    open_and_check(page, f"{live_server.url}/people/audit-log/", "Audit log")
    table = page.get_by_role("region", name=re.compile("^Entries"))
    expect(table).to_contain_text("User login")
    nav = page.get_by_role("navigation", name="Pagination")
    expect(nav.get_by_role("link", name="Newer entries")).to_have_count(0)
    nav.get_by_role("link", name="Older entries").click()
    expect(page).to_have_title(re.compile("^Audit log, earlier entries"))
    expect(nav.get_by_role("link", name="Newer entries")).to_be_visible()
    axe_check(page)
    page.get_by_label("Kind of record").select_option(label="Person")
    page.get_by_label("Record", exact=True).fill("Sam Staff")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("region", name=re.compile("^Entries"))).to_contain_text("Analyst")
    axe_check(page)


def test_representative_sees_their_agency_only(live_server, people, page: Page):
    base = live_server.url
    representative = people["representative"]
    UserFactory(agency=representative.agency, full_name="Dana Colleague")
    sign_in(page, live_server, representative)
    nav = page.get_by_role("navigation", name="Primary navigation")
    nav.get_by_role("button", name="Manage").click()
    nav.get_by_role("link", name="People").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
    expect(page.get_by_role("link", name="Dana Colleague")).to_be_visible()
    expect(page.get_by_text("Sam Staff")).to_have_count(0)
    expect(nav.get_by_role("link", name="Audit log")).to_have_count(0)
    axe_check(page)
    response = page.goto(f"{base}/people/{people['staff'].pk}/")
    assert response.status == 404


def test_accept_pages_pass_axe(live_server, people, page: Page):
    invitation = services.invitation_create(
        actor=people["site_admin"],
        email="welcome@dhs.example.gov",
        full_name="Wren Welcome",
        agency=people["representative"].agency,
        base_url=live_server.url,
    )
    token = "not-the-real-token"
    # The token itself is only in the e-mail: read the link from the message, as the person would.
    body = Notification.objects.get(recipient="welcome@dhs.example.gov").body
    path = re.search(r"(/people/invitations/accept/[\w-]+/)", body).group(1)
    open_and_check(page, f"{live_server.url}{path}", "Welcome, Wren Welcome")
    expect(page.get_by_text("At least 15 characters")).to_be_visible()
    page.get_by_label(re.compile(r"^New password\W*$")).fill("too short")
    page.get_by_label("New password again").fill("too short")
    page.get_by_role("button", name="Set password and continue").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("[data-error-summary]")).to_contain_text("at least 15 characters")
    axe_check(page)

    response = page.goto(f"{live_server.url}/people/invitations/accept/{token}/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("This invitation link cannot be used")
    axe_check(page)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(hours=1)
    )
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == 410
    expect(page.get_by_text("The invitation has expired")).to_be_visible()
    axe_check(page)


def test_my_page_passes_axe_for_each_role(live_server, people, page: Page):
    for role in ("site_admin", "chairs_office"):
        sign_in(page, live_server, people[role])
        expect(page).to_have_url(f"{live_server.url}/my/")
        expect(page.get_by_role("heading", name="Next meetings", exact=True)).to_be_visible()
        axe_check(page)
        page.get_by_role("button", name="Sign out").click()
    assert BodyRole.objects.filter(person=people["chairs_office"]).exists()


def test_invite_form_by_keyboard_alone(live_server, people, page: Page):
    sign_in(page, live_server, people["representative"])
    page.goto(f"{live_server.url}/people/invite/")
    email = page.get_by_label("E-mail address")
    email.focus()
    page.keyboard.type("keyboard.person@dhs.example.gov")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Full name")).to_be_focused()
    page.keyboard.type("Kim Keyboard")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Job title")).to_be_focused()
    page.keyboard.type("Analyst")
    page.keyboard.press("Tab")
    agency = page.get_by_role("combobox", name="Agency")
    expect(agency).to_be_focused()
    # A representative's only choice is already selected.
    expect(agency).to_have_value(str(people["representative"].agency_id))
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Send invitation")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kim Keyboard")
    expect(page.get_by_text("Invitation sent to keyboard.person@dhs.example.gov")).to_be_visible()
