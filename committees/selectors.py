"""Reads of the workspaces: the bodies a person sees, one body's workspace in a fixed number of
queries whatever its size, its work plan and an agency's deliverables across bodies."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from committees.access import KINDS, sees
from committees.models import (
    Announcement,
    Charter,
    Deliverable,
    DeliverableUpdate,
    Tracker,
    Workspace,
)
from pitf.directory.selectors import body_designations, body_offices, members_on
from pitf.meetings.models import Meeting
from pitf.models import Body, Membership
from pitf.roles import Roles

ANNOUNCEMENTS_SHOWN = 10
PAST_MEETINGS_SHOWN = 5


def bodies_of(user, roles: Roles, day: datetime.date) -> list[Body]:
    """The committees and working groups the person sees, standing committees first."""
    bodies = Body.objects.filter(kind__in=KINDS).select_related("workspace")
    if not roles.site_admin:
        mine = set(roles.chairs_office_of | roles.chair_of)
        if user.agency_id:
            mine |= set(
                Membership.objects.filter(agency_id=user.agency_id)
                .current_on(day)
                .values_list("body_id", flat=True)
            )
        bodies = bodies.filter(pk__in=mine)
    return sorted(bodies, key=lambda body: (body.kind != Body.Kind.STANDING_COMMITTEE, body.name))


@dataclass
class WorkspaceView:
    body: Body
    workspace: Workspace | None
    charter: Charter | None
    charters: list[Charter]
    offices: list
    members: list
    invited: list
    designations: list
    upcoming: list[Meeting]
    past: list[Meeting]
    deliverables: list[Deliverable]
    announcements: list[Announcement]
    trackers: list
    extra: dict = field(default_factory=dict)

    @property
    def closed(self) -> bool:
        return self.workspace is not None and self.workspace.closed_on is not None


def current_charter(charters: list[Charter]) -> Charter | None:
    approved = [charter for charter in charters if charter.approved_on is not None]
    return max(approved, key=lambda charter: charter.approved_on, default=None)


def workspace_view(*, body: Body, now: datetime.datetime, day: datetime.date) -> WorkspaceView:
    """Everything the workspace page shows (a fixed number of queries)."""
    charters = list(Charter.objects.filter(body=body).defer("text").select_related("added_by"))
    offices, _ = body_offices(body=body, day=day)
    members, invited = members_on(body=body, day=day)
    meetings = Meeting.objects.filter(body=body)
    return WorkspaceView(
        body=body,
        workspace=Workspace.objects.filter(body=body).first(),
        charter=current_charter(charters),
        charters=charters,
        offices=[office for office in offices if office.start_date <= day],
        members=members,
        invited=invited,
        designations=[d for d in body_designations(body=body, day=day) if d.start_date <= day],
        upcoming=list(meetings.filter(ends_at__gte=now).order_by("starts_at")[:3]),
        past=list(meetings.filter(ends_at__lt=now).order_by("-starts_at")[:PAST_MEETINGS_SHOWN]),
        deliverables=list(work_plan(body)),
        announcements=list(
            Announcement.objects.filter(body=body).select_related("posted_by")[:ANNOUNCEMENTS_SHOWN]
        ),
        trackers=list(Tracker.objects.filter(body=body).annotate(row_count=Count("rows"))),
    )


def work_plan(body: Body) -> QuerySet[Deliverable]:
    return Deliverable.objects.filter(body=body).select_related("owner_agency", "owner")


def charter_for(user, roles: Roles, pk: int) -> Charter:
    charter = Charter.objects.select_related("body", "added_by").filter(pk=pk).first()
    if charter is None or not sees(user, roles, charter.body):
        raise Http404("No such charter.")
    return charter


def deliverable_for(user, roles: Roles, pk: int) -> Deliverable:
    """A deliverable of a body the person sees, with its updates and links; 404 otherwise."""
    deliverable = (
        Deliverable.objects.select_related("body", "owner_agency", "owner")
        .prefetch_related(
            Prefetch("updates", DeliverableUpdate.objects.select_related("author")),
            Prefetch("meetings", Meeting.objects.order_by("-starts_at")),
            "action_items",
        )
        .filter(pk=pk)
        .first()
    )
    if deliverable is None or not sees(user, roles, deliverable.body):
        raise Http404("No such deliverable.")
    return deliverable


def deliverables_of_agency(agency_id: int | None, *, open_only: bool = True):
    """An agency's deliverables in every body, soonest due first."""
    if agency_id is None:
        return Deliverable.objects.none()
    rows = Deliverable.objects.filter(owner_agency_id=agency_id).select_related(
        "body", "owner", "owner_agency"
    )
    if open_only:
        rows = rows.filter(status__in=Deliverable.OPEN)
    return rows.order_by("due_date", "pk")
