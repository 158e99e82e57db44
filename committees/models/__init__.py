from committees.models.legislation import AgencyView, Bill
from committees.models.messaging import Communication, Observance
from committees.models.trackers import (
    Status,
    Tracker,
    TrackerCell,
    TrackerCellChange,
    TrackerRow,
)
from committees.models.workplans import Deliverable, DeliverableUpdate
from committees.models.workspaces import Announcement, Charter, Workspace

__all__ = [
    "AgencyView",
    "Announcement",
    "Bill",
    "Charter",
    "Communication",
    "Deliverable",
    "DeliverableUpdate",
    "Observance",
    "Status",
    "Tracker",
    "TrackerCell",
    "TrackerCellChange",
    "TrackerRow",
    "Workspace",
]
