"""Reads of the core domain that more than one view (or task) needs."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from pitf.models import Agency, Body, Membership, WorkerHeartbeat


def agencies_in_body_on(
    *, body: Body, day: datetime.date, status: str | None = Membership.Status.MEMBER
) -> QuerySet[Agency]:
    """The agencies that belonged to `body` on `day` (members only, unless told otherwise),
    in one query."""
    memberships = Membership.objects.filter(body=body).current_on(day)
    if status is not None:
        memberships = memberships.filter(status=status)
    return Agency.objects.filter(pk__in=memberships.values("agency_id")).order_by(Lower("name"))


def public_directory(*, day: datetime.date | None = None) -> QuerySet[Agency]:
    """Active agencies that are members of, or invited to, the PITF or the SPOG today, each with
    its current memberships of those bodies prefetched (two queries whatever the count)."""
    day = day or timezone.localdate()
    current = (
        Membership.objects.current_on(day)
        .filter(body__kind__in=[Body.Kind.TASK_FORCE, Body.Kind.OPERATING_GROUP])
        .select_related("body")
        .order_by("body__established")
    )
    return (
        Agency.objects.filter(active=True, memberships__in=current)
        .distinct()
        .select_related("parent")
        .prefetch_related(Prefetch("memberships", queryset=current, to_attr="current_memberships"))
        .order_by(Lower("name"))
    )


def active_agencies() -> QuerySet[Agency]:
    """The agencies people are invited into, designated for and made members from."""
    return Agency.objects.filter(active=True).order_by(Lower("name"))


def public_bodies() -> QuerySet[Body]:
    return Body.objects.select_related("parent", "chair_agency").order_by("established", "name")


def latest_worker_heartbeat() -> WorkerHeartbeat | None:
    return WorkerHeartbeat.objects.order_by("-last_seen").first()


def designations_of(*, person, day: datetime.date) -> QuerySet:
    from pitf.models import Designation

    return (
        Designation.objects.filter(person=person)
        .current_on(day)
        .select_related("agency", "body")
        .order_by("body__name")
    )


def body_roles_of(*, person, day: datetime.date) -> QuerySet:
    from pitf.models import BodyRole

    return BodyRole.objects.filter(person=person).current_on(day).select_related("body")


def agency_memberships_of(*, person, day: datetime.date) -> QuerySet[Membership]:
    """The bodies the person's agency belongs to (or observes) on `day`."""
    if person.agency_id is None:
        return Membership.objects.none()
    return (
        Membership.objects.filter(agency_id=person.agency_id)
        .current_on(day)
        .select_related("body")
        .order_by("body__name")
    )
