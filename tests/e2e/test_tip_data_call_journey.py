"""The TIP Report data call in Chromium, from assignment to the compiled Word file: the SPOG
chair's office opens the call and assigns a section to DHS (lead) and HHS; DHS's staff write
their contribution with a preview; after the call closes the chair's office reads the compiled
draft and downloads it as Word. Every page and state passes axe-core."""

from __future__ import annotations

import datetime

import docx
import time_machine
from playwright.sync_api import Page, expect

from pitf.models import Agency
from pitf.workdays import EASTERN
from tests.e2e.conftest import axe_check, sign_in
from tests.factories import UserFactory


def test_assignment_contribution_and_compiled_word(live_server, people, page: Page):
    office = people["chairs_office"]
    writer = UserFactory(agency=Agency.objects.get(acronym="DHS"), full_name="Dana Drafter")
    base = live_server.url
    with time_machine.travel(datetime.datetime(2027, 1, 11, 9, 0, tzinfo=EASTERN)):
        sign_in(page, live_server, office)
        page.goto(f"{base}/spog/tip/")
        expect(page.get_by_text("No data call yet.")).to_be_visible()
        page.get_by_role("link", name="Open a data call").click()
        page.get_by_label("Report year").fill("2027")
        page.get_by_label("Contributions due").fill("2027-02-12")
        page.get_by_role("button", name="Open the data call").click()
        expect(page.get_by_role("status")).to_contain_text("assign its sections")
        axe_check(page)
        page.get_by_role("link", name="Assign “Prosecution”").click()
        page.get_by_label("Lead agency").select_option(
            label="Department of Homeland Security (DHS)"
        )
        page.locator("label.usa-checkbox__label", has_text="(HHS)").click()
        axe_check(page)
        page.get_by_role("button", name="Save the assignment").click()
        expect(page.get_by_role("status")).to_contain_text("“Prosecution” is assigned")
        expect(page.get_by_role("cell", name="DHS: not yet; HHS: not yet")).to_be_visible()

        page.context.clear_cookies()
        sign_in(page, live_server, writer)
        page.goto(f"{base}/my/")
        page.get_by_role("link", name="2027 TIP Report, “Prosecution”").click()
        page.get_by_label("Contribution").fill(
            "## Investigations\n\n- 1,200 human trafficking investigations opened\n"
        )
        page.get_by_label("Figures and data").fill("Investigations opened: 1,200 (ICE HSI)")
        page.get_by_role("button", name="Preview").click()
        preview = page.get_by_role("region", name="Preview of the contribution")
        expect(preview.get_by_role("heading", name="Investigations")).to_be_visible()
        axe_check(page)
        page.get_by_role("button", name="Save the contribution").click()
        expect(page.get_by_role("status")).to_contain_text("contribution to “Prosecution”")
        expect(
            page.get_by_role("link", name="Change your contribution to “Prosecution”")
        ).to_be_visible()
        axe_check(page)

        page.context.clear_cookies()
        sign_in(page, live_server, office)
        page.goto(f"{base}/spog/dashboard/")
        expect(page.get_by_text("HHS not started")).to_be_visible()
        axe_check(page)
        page.get_by_role("link", name="2027 TIP Report data call").click()
        page.get_by_role("link", name="Close the data call").click()
        page.get_by_role("button", name="Close the data call").click()
        expect(page.get_by_role("status")).to_contain_text("is closed")
        page.get_by_role("link", name="Compiled draft", exact=True).click()
        expect(
            page.get_by_role("heading", name="Contributed by Department of Homeland Security")
        ).to_be_visible()
        axe_check(page)
        with page.expect_download() as word:
            page.get_by_role("link", name="Download Word").click()
        document = docx.Document(str(word.value.path()))
        headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        assert "Prosecution" in headings
        assert "Contributed by Department of Homeland Security" in headings
        assert "Investigations" in headings
