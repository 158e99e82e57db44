"""The way in, end to end in Chromium: a site admin invites someone; the e-mail travels through
the real Celery worker to the SMTP sink; the invited person opens the link from it, chooses a
password by keyboard, enrols an authenticator app, signs out, and signs in again with password
and code. A representative who tries to invite into another agency is refused."""

from __future__ import annotations

import re
from types import SimpleNamespace

from playwright.sync_api import Page, expect

from pitf.models import Agency, AuditEvent, User
from tests.conftest import text_of
from tests.e2e.conftest import axe_check, sign_in, totp_code

PASSWORD = "lanterns over the harbor at dusk"


def test_invited_person_accepts_enrols_totp_and_signs_in_again(
    live_server, people, celery_worker_process, smtp_sink, page: Page
):
    base = live_server.url
    sign_in(page, live_server, people["site_admin"])
    expect(page).to_have_url(f"{base}/my/")

    # The site admin invites a new member of DHS's staff from their page.
    page.get_by_role("link", name="Invite someone").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invite someone")
    page.get_by_label("E-mail address").fill("quinn.newcomer@dhs.example.gov")
    page.get_by_label("Full name").fill("Quinn Newcomer")
    page.get_by_label("Job title").fill("Program specialist")
    page.get_by_role("combobox", name="Agency").select_option(
        label="Department of Homeland Security (DHS)"
    )
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quinn Newcomer")
    expect(page.get_by_text("Invitation sent to quinn.newcomer@dhs.example.gov")).to_be_visible()
    expect(page.get_by_text("Waiting to be accepted")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Sign out").click()

    # The e-mail arrives through the worker and the SMTP sink.
    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "quinn.newcomer@dhs.example.gov"
    body = text_of(message)
    link = re.search(r"https?://\S+/people/invitations/accept/[\w-]+/", body).group(0)
    assert link.startswith(base)

    # The invited person opens the link and sets a password, by keyboard alone.
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Quinn Newcomer")
    axe_check(page)
    new_password = page.get_by_label(re.compile(r"^New password\W*$"))
    new_password.focus()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    expect(page.get_by_label(re.compile(r"^New password again"))).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Set password and continue")).to_be_focused()
    page.keyboard.press("Enter")

    # Straight on to enrol the authenticator app, signed in.
    expect(page).to_have_url(f"{base}/accounts/2fa/totp/activate/")
    expect(page.get_by_text("Your password is set.")).to_be_visible()
    secret = page.locator("#authenticator_secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]{16,}", secret), secret
    page.get_by_label("Authentication code").fill(totp_code(secret))
    page.get_by_role("button", name="Turn on the authenticator app").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    page.get_by_role("link", name="I have saved them: continue").click()
    expect(page).to_have_url(f"{base}/my/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Quinn Newcomer")
    expect(page.get_by_text("Department of Homeland Security")).to_be_visible()

    person = User.objects.get(email="quinn.newcomer@dhs.example.gov")
    assert person.is_active
    # The link worked once.
    page.get_by_role("button", name="Sign out").click()
    page.goto(link)
    expect(page.get_by_text("The invitation has already been used")).to_be_visible()

    # Back again another day: password, then the code from the app.
    sign_in(page, live_server, SimpleNamespace(email=person.email, totp_secret=secret), PASSWORD)
    expect(page).to_have_url(f"{base}/my/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Quinn Newcomer")


def test_representative_cannot_invite_into_another_agency(live_server, people, page: Page):
    base = live_server.url
    hhs = Agency.objects.get(acronym="HHS")
    sign_in(page, live_server, people["representative"])
    page.goto(f"{base}/people/invite/")
    agency = page.get_by_role("combobox", name="Agency")
    # Only their own agency is offered...
    expect(agency.locator("option:not([value=''])")).to_have_count(1)
    expect(agency).to_have_value(str(people["representative"].agency_id))

    # ...and a request for another one, by address or by a tampered form, is refused.
    response = page.goto(f"{base}/people/invite/?agency={hhs.pk}")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You do not have permission to see this page"
    )
    expect(
        page.get_by_text("You may invite staff of the agency you represent only.")
    ).to_be_visible()
    axe_check(page)

    page.goto(f"{base}/people/invite/")
    page.get_by_label("E-mail address").fill("someone@hhs.example.gov")
    page.get_by_label("Full name").fill("Somebody Else")
    agency.evaluate("(select, value) => { select.options[1].value = value; }", str(hhs.pk))
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You do not have permission to see this page"
    )
    assert not User.objects.filter(email="someone@hhs.example.gov").exists()
    refusals = AuditEvent.objects.filter(action="permission.denied", actor=people["representative"])
    assert refusals.count() == 2
