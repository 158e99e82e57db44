from spog.models.plans import Objective, Plan, Priority
from spog.models.portraits import PortraitFile
from spog.models.reporting import (
    REQUIRED_FIGURES,
    TOTALLED,
    AgencyReport,
    Category,
    CycleReminder,
    Entry,
    EntryPartner,
    ReportingCycle,
    ReportReview,
    ReportVersion,
)
from spog.models.statistics import Indicator, IndicatorValue
from spog.models.tip import Contribution, DataCall, Section

__all__ = [
    "REQUIRED_FIGURES",
    "TOTALLED",
    "AgencyReport",
    "Category",
    "Contribution",
    "CycleReminder",
    "DataCall",
    "Entry",
    "EntryPartner",
    "Indicator",
    "IndicatorValue",
    "Objective",
    "Plan",
    "PortraitFile",
    "Priority",
    "ReportReview",
    "ReportVersion",
    "ReportingCycle",
    "Section",
]
