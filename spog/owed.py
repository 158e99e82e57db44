"""What a person's agency owes the SPOG, for their own page: its reports still to submit
(draft or returned), the TIP Report sections it has not contributed to while the call is open,
and other agencies' entries naming it as a partner that await its confirmation."""

from __future__ import annotations

from dataclasses import dataclass, field

from spog.models import AgencyReport, Contribution, DataCall, EntryPartner, Section
from spog.services.cycles import OWED


@dataclass
class Owed:
    reports: list = field(default_factory=list)
    sections: list = field(default_factory=list)
    to_confirm: int = 0

    @property
    def anything(self) -> bool:
        return bool(self.reports or self.sections or self.to_confirm)


def owed_by(agency_id: int | None) -> Owed:
    if agency_id is None:
        return Owed()
    reports = list(
        AgencyReport.objects.filter(agency_id=agency_id, status__in=OWED)
        .select_related("cycle")
        .order_by("cycle__due_date")[:10]
    )
    contributed = Contribution.objects.filter(agency_id=agency_id).values("section_id")
    sections = list(
        Section.objects.filter(agencies=agency_id, call__status=DataCall.Status.OPEN)
        .exclude(pk__in=contributed)
        .select_related("call")
        .order_by("call__deadline", "position")[:10]
    )
    to_confirm = EntryPartner.objects.filter(agency_id=agency_id, confirmed_at__isnull=True).count()
    return Owed(reports=reports, sections=sections, to_confirm=to_confirm)


def my_page_panel(request) -> dict:
    from pitf import workdays

    return {"owed": owed_by(request.user.agency_id), "today": workdays.today_in_washington()}
