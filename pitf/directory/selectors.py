"""Reads of the directory pages: agencies, bodies, their memberships and designations, and the
history ("who was a member on date D"), each in a fixed number of queries however much data."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Lower
from django.http import Http404

from pitf.models import Agency, Body, BodyRole, Designation, Membership, User
from pitf.models.dated import day_after
from pitf.selectors import agencies_in_body_on

AGENCY_STATUS_CHOICES = [("active", "Active"), ("inactive", "Inactive")]
# The order bodies are listed in: the task force, the SPOG, then its committees and groups.
BODY_KIND_ORDER = [
    Body.Kind.TASK_FORCE,
    Body.Kind.OPERATING_GROUP,
    Body.Kind.STANDING_COMMITTEE,
    Body.Kind.WORKING_GROUP,
]


def _current_on(prefix: str, day: datetime.date) -> Q:
    """The condition "the related span covers `day`" for an aggregate over `prefix`."""
    return Q(**{f"{prefix}__start_date__lte": day}) & (
        Q(**{f"{prefix}__end_date__isnull": True}) | Q(**{f"{prefix}__end_date__gte": day})
    )


# Agencies ----------------------------------------------------------------------------------


def agency_list(
    *,
    day: datetime.date,
    search: str = "",
    kind: str = "",
    status: str = "",
    parent: Agency | None = None,
) -> QuerySet[Agency]:
    """Agencies with their parent department and the number of bodies they belong to on `day`
    (one query per page)."""
    agencies = (
        Agency.objects.select_related("parent")
        .annotate(
            body_count=Count("memberships", filter=_current_on("memberships", day), distinct=True)
        )
        .order_by(Lower("name"))
    )
    if search:
        agencies = agencies.filter(
            Q(name__icontains=search)
            | Q(acronym__icontains=search)
            | Q(parent__name__icontains=search)
            | Q(parent__acronym__iexact=search)
        )
    if kind:
        agencies = agencies.filter(kind=kind)
    if status == "active":
        agencies = agencies.filter(active=True)
    elif status == "inactive":
        agencies = agencies.filter(active=False)
    if parent is not None:
        agencies = agencies.filter(parent=parent)
    return agencies


def departments() -> QuerySet[Agency]:
    """The agencies that have components, for the list's filter."""
    return Agency.objects.filter(pk__in=Agency.objects.values("parent_id")).order_by(Lower("name"))


def agency_detail(*, pk: int) -> Agency:
    """One agency with its parent, components, memberships and designations (four queries)."""
    agency = (
        Agency.objects.select_related("parent")
        .prefetch_related(
            Prefetch("components", queryset=Agency.objects.order_by(Lower("name"))),
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("body").order_by(
                    "body__name", "-start_date"
                ),
            ),
            Prefetch(
                "designations",
                queryset=Designation.objects.select_related("person", "body").order_by(
                    "body__name", "role", "-start_date"
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if agency is None:
        raise Http404("No such agency.")
    return agency


def agency_for_update(*, pk: int) -> Agency:
    agency = Agency.objects.select_related("parent").filter(pk=pk).first()
    if agency is None:
        raise Http404("No such agency.")
    return agency


def agency_people_counts(*, agency: Agency, day: datetime.date) -> dict[str, int]:
    """What deactivating an agency touches: its active staff and current designations."""
    return {
        "staff": User.objects.filter(agency=agency, is_active=True).count(),
        "designations": Designation.objects.filter(agency=agency).current_on(day).count(),
    }


def agency_name_taken(name: str, *, exclude: Agency | None = None) -> bool:
    others = Agency.objects.exclude(pk=exclude.pk) if exclude else Agency.objects.all()
    return others.filter(name__iexact=name).exists()


def agency_acronym_taken(acronym: str, *, exclude: Agency | None = None) -> bool:
    others = Agency.objects.exclude(pk=exclude.pk) if exclude else Agency.objects.all()
    return others.filter(acronym__iexact=acronym).exists()


# Bodies ------------------------------------------------------------------------------------


def body_list(*, day: datetime.date) -> list[tuple[str, list[Body]]]:
    """Every body, grouped by kind, with its parent, chair agency, and the number of members
    and invited agencies on `day` (one query)."""
    bodies = list(
        Body.objects.select_related("parent", "chair_agency").annotate(
            member_count=Count(
                "memberships",
                filter=_current_on("memberships", day)
                & Q(memberships__status=Membership.Status.MEMBER),
                distinct=True,
            ),
            invited_count=Count(
                "memberships",
                filter=_current_on("memberships", day)
                & Q(memberships__status=Membership.Status.INVITED),
                distinct=True,
            ),
        )
    )
    labels = dict(Body.Kind.choices)
    return [
        (labels[kind], [body for body in bodies if body.kind == kind]) for kind in BODY_KIND_ORDER
    ]


def body_detail(*, pk: int) -> Body:
    body = Body.objects.select_related("parent", "chair_agency").filter(pk=pk).first()
    if body is None:
        raise Http404("No such body.")
    return body


def body_offices(*, body: Body, day: datetime.date) -> tuple[list[BodyRole], list[BodyRole]]:
    """A body's terms of office: those current on `day` or beginning later, chairs first, and
    the earlier ones, latest first (one query)."""
    terms = list(
        BodyRole.objects.filter(body=body)
        .select_related("person__agency")
        .order_by("role", "start_date", "person__full_name")
    )
    now = [term for term in terms if term.end_date is None or term.end_date >= day]
    earlier = sorted(
        (term for term in terms if term.end_date is not None and term.end_date < day),
        key=lambda term: (term.end_date, term.start_date),
        reverse=True,
    )
    return now, earlier


def office_for_update(*, pk: int) -> BodyRole:
    office = BodyRole.objects.select_related("person", "body").filter(pk=pk).first()
    if office is None:
        raise Http404("No such term of office.")
    return office


def body_for_update(*, pk: int) -> Body:
    return body_detail(pk=pk)


def body_memberships(*, body: Body) -> list[Membership]:
    """All of a body's memberships, past, present and future, with their agencies (one query)."""
    return list(
        Membership.objects.filter(body=body)
        .select_related("agency")
        .order_by("agency__name", "start_date")
    )


def body_designations(*, body: Body, day: datetime.date) -> list[Designation]:
    """The designations of a body current on `day` or starting later (one query)."""
    return list(
        Designation.objects.filter(body=body)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .select_related("person", "agency")
        .order_by("agency__name", "role", "start_date")
    )


def agencies_in_body(*, body: Body, day: datetime.date) -> QuerySet[Agency]:
    """The active agencies that belong to `body` on `day`, as members or invited."""
    return agencies_in_body_on(body=body, day=day, status=None).filter(active=True)


def bodies() -> QuerySet[Body]:
    return Body.objects.order_by("name")


def spog() -> Body | None:
    return Body.objects.filter(kind=Body.Kind.OPERATING_GROUP).order_by("pk").first()


# Memberships and designations --------------------------------------------------------------


def membership_for_update(*, pk: int) -> Membership:
    membership = Membership.objects.select_related("agency", "body").filter(pk=pk).first()
    if membership is None:
        raise Http404("No such membership.")
    return membership


def designation_for_update(*, pk: int) -> Designation:
    designation = (
        Designation.objects.select_related("person", "agency", "body").filter(pk=pk).first()
    )
    if designation is None:
        raise Http404("No such designation.")
    return designation


def designatable_people(*, agency_ids: frozenset[int] | None = None) -> QuerySet[User]:
    """Active people with an agency (of `agency_ids` if given), who can be designated."""
    people = User.objects.filter(is_active=True, agency__isnull=False).select_related("agency")
    if agency_ids is not None:
        people = people.filter(agency_id__in=agency_ids)
    return people.order_by("full_name", "email")


# History -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MembershipChange:
    """One line of a body's membership history: an agency joined, changed status or left."""

    day: datetime.date
    agency: Agency
    change: str


def members_on(*, body: Body, day: datetime.date) -> tuple[list[Agency], list[Agency]]:
    """The member and the invited agencies of `body` on `day`, each agency with the membership
    that covers the day as `membership` (two queries)."""
    agencies = list(
        agencies_in_body_on(body=body, day=day, status=None)
        .select_related("parent")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(body=body).current_on(day),
                to_attr="memberships_on_day",
            )
        )
    )
    members, invited = [], []
    for agency in agencies:
        agency.membership = agency.memberships_on_day[0]
        if agency.membership.status == Membership.Status.MEMBER:
            members.append(agency)
        else:
            invited.append(agency)
    return members, invited


def membership_changes(*, body: Body) -> list[MembershipChange]:
    """Every change in a body's membership, oldest first (one query). Two memberships of one
    agency that meet (the second starts the day after the first ends) are a change of status,
    not a departure and a return."""
    rows = list(
        Membership.objects.filter(body=body)
        .select_related("agency")
        .order_by("agency_id", "start_date")
    )
    changes = []
    for index, row in enumerate(rows):
        before = rows[index - 1] if index > 0 else None
        after = rows[index + 1] if index + 1 < len(rows) else None
        continues = (
            before is not None
            and before.agency_id == row.agency_id
            and before.end_date is not None
            and day_after(before.end_date) == row.start_date
        )
        if continues:
            changes.append(
                MembershipChange(
                    row.start_date,
                    row.agency,
                    f"Changed from {before.get_status_display().lower()} to "
                    f"{row.get_status_display().lower()}",
                )
            )
        else:
            joined = "Joined as a member" if row.status == Membership.Status.MEMBER else "Invited"
            changes.append(MembershipChange(row.start_date, row.agency, joined))
        continued = (
            after is not None
            and after.agency_id == row.agency_id
            and row.end_date is not None
            and day_after(row.end_date) == after.start_date
        )
        if row.end_date is not None and not continued:
            changes.append(MembershipChange(row.end_date, row.agency, "Left (last day)"))
    changes.sort(key=lambda change: (change.day, change.agency.name))
    return changes


def representatives_on(
    *, body: Body, day: datetime.date, agency: Agency | None = None
) -> list[Designation]:
    """Who represented each agency (or `agency`) in `body` on `day` (one query)."""
    designations = Designation.objects.filter(body=body).current_on(day)
    if agency is not None:
        designations = designations.filter(agency=agency)
    return list(
        designations.select_related("person", "agency").order_by(
            "agency__name", "role", "person__full_name"
        )
    )


def designation_timeline(*, body: Body, agency: Agency) -> list[Designation]:
    """Every designation of `agency` in `body`, newest first (one query)."""
    return list(
        Designation.objects.filter(body=body, agency=agency)
        .select_related("person")
        .order_by("-start_date", "role")
    )
