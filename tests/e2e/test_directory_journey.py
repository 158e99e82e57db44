"""A site administrator's journey through the directory in Chromium, by keyboard: create a
working group with a sunset date under the SPOG, add a member agency, designate its principal,
hand the designation over to a colleague, and read the history for past dates."""

from __future__ import annotations

import datetime
import re

from playwright.sync_api import Locator, Page, expect

from pitf.models import AuditEvent, Body, Designation, Membership
from tests.e2e.conftest import axe_check, sign_in
from tests.factories import UserFactory

D = datetime.date


def type_into(field: Locator, text: str) -> None:
    """Focus a field and type into it key by key, as a keyboard user would."""
    field.focus()
    field.page.keyboard.type(text)


def type_date(field: Locator, day: datetime.date) -> None:
    """A native date input takes its parts as typed digits: month, day, year in en-US."""
    field.focus()
    field.page.keyboard.type(f"{day:%m%d%Y}")
    expect(field).to_have_value(day.isoformat())


def choose(select: Locator, label: str) -> None:
    """Pick an option of a focused drop-down by typing the start of its label."""
    select.focus()
    select.page.keyboard.type(label)
    expect(select.locator("option:checked")).to_have_text(re.compile("^" + re.escape(label)))


def tab_to(target: Locator, most: int = 6) -> None:
    """Press Tab until `target` has the focus (a date input's month, day and year are stops of
    their own)."""
    for _ in range(most):
        target.page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    expect(target).to_be_focused()


def press_enter_on(target: Locator) -> None:
    target.focus()
    expect(target).to_be_focused()
    target.press("Enter")


def test_site_admin_builds_a_working_group_and_reads_its_history(live_server, people, page: Page):
    base = live_server.url
    representative = people["representative"]
    colleague = UserFactory(agency=representative.agency, full_name="Dana Colleague", totp=False)
    sign_in(page, live_server, people["site_admin"])
    expect(page).to_have_url(f"{base}/my/")

    # The navigation's Directory drop-down, by keyboard.
    nav = page.get_by_role("navigation", name="Primary navigation")
    press_enter_on(nav.get_by_role("button", name="Directory"))
    expect(nav.get_by_role("button", name="Directory")).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(nav.get_by_role("link", name="Bodies")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bodies")

    # A working group with a sunset date, under the SPOG (offered first).
    press_enter_on(page.get_by_role("link", name="Create a committee or working group"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Create a committee or working group")
    expect(page.get_by_label(re.compile("^Ad hoc working group"))).to_be_checked()
    type_into(
        page.get_by_role("textbox", name=re.compile("^Name")), "Labor Trafficking Working Group"
    )
    page.keyboard.press("Tab")
    expect(page.get_by_role("textbox", name=re.compile("^Short name"))).to_be_focused()
    page.keyboard.type("labor")
    page.keyboard.press("Tab")
    reports_to = page.get_by_role("combobox", name=re.compile("^Reports to"))
    expect(reports_to).to_be_focused()
    expect(reports_to.locator("option:checked")).to_have_text("Senior Policy Operating Group")
    page.keyboard.press("Tab")
    page.keyboard.type("Deputy Under Secretary for International Affairs")
    choose(page.get_by_role("combobox", name="Chair's agency"), "Department of Labor")
    choose(page.get_by_role("combobox", name=re.compile("^Meets")), "Monthly")
    type_into(page.get_by_label("Purpose"), "Forced labor in supply chains.")
    type_date(page.get_by_label("Established"), D(2025, 1, 15))
    type_date(page.get_by_label("Sunset", exact=True), D(2027, 12, 31))
    tab_to(page.get_by_role("button", name="Create body"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Labor Trafficking Working Group")
    expect(page.get_by_text("The Labor Trafficking Working Group was created.")).to_be_visible()
    expect(page.get_by_text("December 31, 2027")).to_be_visible()
    axe_check(page)
    group = Body.objects.get(short_name="labor")
    assert group.parent.short_name == "spog" and group.sunset == D(2027, 12, 31)

    # DHS joins from February 2025.
    press_enter_on(page.get_by_role("link", name="Add an agency"))
    choose(page.get_by_role("combobox", name=re.compile("^Agency")), "Department of Homeland")
    expect(page.get_by_label("Member", exact=True)).to_be_checked()
    type_date(page.get_by_label("From"), D(2025, 2, 1))
    press_enter_on(page.get_by_role("button", name="Add the membership"))
    expect(
        page.get_by_text(
            "Department of Homeland Security belongs to the Labor Trafficking Working Group from "
            "February 1, 2025 (member)."
        )
    ).to_be_visible()
    axe_check(page)

    # Riley Representative becomes DHS's principal from March 2025.
    press_enter_on(page.get_by_role("link", name="Designate a representative"))
    agency = page.get_by_role("combobox", name=re.compile("^Agency"))
    expect(agency.locator("option:checked")).to_have_text("Department of Homeland Security (DHS)")
    choose(page.get_by_role("combobox", name=re.compile("^Person")), "Riley Representative")
    # A radio group by keyboard: Tab into it (Alternate is chosen), arrow up to Principal.
    page.keyboard.press("Tab")
    expect(page.get_by_label("Alternate")).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(page.get_by_label("Principal")).to_be_checked()
    type_date(page.get_by_label("From"), D(2025, 3, 1))
    press_enter_on(page.get_by_role("button", name="Designate"))
    expect(
        page.get_by_text(
            "Riley Representative represents DHS in the Labor Trafficking Working Group as "
            "principal from March 1, 2025."
        )
    ).to_be_visible()

    # Handed over to Dana Colleague on September 1, 2025, in one step.
    press_enter_on(page.get_by_role("link", name="Hand over Riley Representative’s designation"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Hand over Riley Representative's designation"
    )
    choose(page.get_by_role("combobox", name=re.compile("^Hand over to")), "Dana Colleague")
    type_date(page.get_by_label("From"), D(2025, 9, 1))
    tab_to(page.get_by_role("button", name="Hand over"))
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile("^Dana Colleague is principal for DHS"))).to_be_visible()
    axe_check(page)
    riley = Designation.objects.get(body=group, person=representative)
    dana = Designation.objects.get(body=group, person=colleague)
    assert riley.end_date == D(2025, 8, 31)
    # Designated without an end, in a group with a sunset: it ends with the group.
    assert (dana.start_date, dana.end_date, dana.role) == (
        D(2025, 9, 1),
        D(2027, 12, 31),
        "principal",
    )
    assert AuditEvent.objects.filter(action="designation.handed_over").count() == 1

    # Who represented DHS there at the end of June 2025? Riley, then Dana from September.
    press_enter_on(page.get_by_role("link", name="Who represented an agency on another date"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Who represented an agency in a body on a date"
    )
    expect(
        page.get_by_role("combobox", name=re.compile("^Body")).locator("option:checked")
    ).to_have_text("Labor Trafficking Working Group")
    choose(page.get_by_role("combobox", name=re.compile("^Agency")), "Department of Homeland")
    type_date(page.get_by_label("On the date"), D(2025, 6, 30))
    press_enter_on(page.get_by_role("button", name="Show the representatives"))
    answer = page.get_by_role("table").first
    expect(answer).to_contain_text("Riley Representative")
    expect(answer).not_to_contain_text("Dana Colleague")
    expect(page.get_by_role("heading", name=re.compile("Every designation of DHS"))).to_be_visible()
    axe_check(page)
    type_date(page.get_by_label("On the date"), D(2025, 9, 1))
    press_enter_on(page.get_by_role("button", name="Show the representatives"))
    expect(page.get_by_role("table").first).to_contain_text("Dana Colleague")

    # Which agencies belonged to the group the day before DHS joined, and the day it did.
    page.goto(f"{base}/manage/bodies/{group.pk}/")
    press_enter_on(page.get_by_role("link", name="Who was a member on another date"))
    type_date(page.get_by_label("On the date"), D(2025, 1, 31))
    press_enter_on(page.get_by_role("button", name="Show the members"))
    expect(
        page.get_by_text("The Labor Trafficking Working Group had no member agencies on January 31")
    ).to_be_visible()
    axe_check(page)
    type_date(page.get_by_label("On the date"), D(2025, 2, 1))
    press_enter_on(page.get_by_role("button", name="Show the members"))
    expect(page.get_by_role("table").first).to_contain_text("Department of Homeland Security")
    assert Membership.objects.filter(body=group).count() == 1
