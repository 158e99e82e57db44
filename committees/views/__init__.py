"""The workspace pages; the My page panel of the person's agency's open deliverables."""

from __future__ import annotations

from pitf import workdays


def my_page_panel(request) -> dict:
    from committees.selectors import deliverables_of_agency

    rows = list(deliverables_of_agency(request.user.agency_id)[:10])
    return {"deliverables": rows, "today": workdays.today_in_washington()}
