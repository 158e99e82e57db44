"""A person's roles, read from the data: site administrator (superuser), chair's office and
chair (BodyRole), agency representative (Designation), agency staff (User.agency) and invited
observer (an agency with only invited memberships)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from pitf.models import BodyRole, Designation, Membership


@dataclass(frozen=True)
class Roles:
    site_admin: bool = False
    agency_id: int | None = None
    chairs_office_of: frozenset[int] = field(default_factory=frozenset)  # body ids
    chair_of: frozenset[int] = field(default_factory=frozenset)  # body ids
    # (agency id, body id, "principal" | "alternate") of each current designation
    designations: frozenset[tuple[int, int, str]] = field(default_factory=frozenset)
    observer: bool = False

    @property
    def chairs_office(self) -> bool:
        return bool(self.chairs_office_of)

    @property
    def chair(self) -> bool:
        return bool(self.chair_of)

    @property
    def representative(self) -> bool:
        return bool(self.designations)

    def represents(self, agency_id: int) -> bool:
        return any(designated == agency_id for designated, _, _ in self.designations)

    @property
    def represented_agency_ids(self) -> frozenset[int]:
        """The agencies this person represents in some body today."""
        return frozenset(agency_id for agency_id, _, _ in self.designations)

    def manages_agency(self, agency_id: int | None) -> bool:
        """Site administrators manage every agency's staff and designations; a representative
        those of the agency they represent."""
        if self.site_admin:
            return True
        return agency_id is not None and self.represents(agency_id)

    @property
    def names(self) -> list[str]:
        """The roles in words, most senior first, for the person's own page."""
        names = []
        if self.site_admin:
            names.append("Site administrator")
        if self.chairs_office:
            names.append("Chair's office")
        if self.chair:
            names.append("Chair")
        if self.representative:
            names.append("Agency representative")
        if self.observer:
            names.append("Invited agency (observer)")
        elif self.agency_id:
            names.append("Agency staff")
        return names


ANONYMOUS = Roles()


def roles_of(user, *, day: datetime.date | None = None) -> Roles:
    """Compute a user's roles on `day` (today by default) in three queries."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    day = day or timezone.localdate()
    body_roles = list(
        BodyRole.objects.filter(person=user).current_on(day).values_list("body_id", "role")
    )
    designations = frozenset(
        Designation.objects.filter(person=user, agency__active=True)
        .current_on(day)
        .values_list("agency_id", "body_id", "role")
    )
    observer = False
    if user.agency_id:
        statuses = set(
            Membership.objects.filter(agency_id=user.agency_id)
            .current_on(day)
            .values_list("status", flat=True)
        )
        observer = statuses == {Membership.Status.INVITED}
    return Roles(
        site_admin=user.is_superuser,
        agency_id=user.agency_id,
        chairs_office_of=frozenset(b for b, r in body_roles if r == BodyRole.Role.CHAIRS_OFFICE),
        chair_of=frozenset(b for b, r in body_roles if r == BodyRole.Role.CHAIR),
        designations=designations,
        observer=observer,
    )


def request_roles(request) -> Roles:
    """The roles of the request's user, computed once per request."""
    if not hasattr(request, "_roles"):
        request._roles = roles_of(getattr(request, "user", None))
    return request._roles
