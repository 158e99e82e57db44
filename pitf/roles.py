"""A person's roles, read from the data: site administrator (superuser), chair's office and
chair (BodyRole), agency representative (Designation), agency staff (User.agency) and invited
observer (an agency with only invited memberships)."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.utils import timezone

from pitf.models import BodyRole, Designation, Membership

logger = logging.getLogger(__name__)


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

    def represents_in(self, agency_id: int, body_id: int) -> bool:
        """Designated to `body_id` for `agency_id` today (principal or alternate)."""
        return any(
            (designated, body) == (agency_id, body_id) for designated, body, _ in self.designations
        )

    @property
    def represented_agency_ids(self) -> frozenset[int]:
        """The agencies this person represents in some body today."""
        return frozenset(agency_id for agency_id, _, _ in self.designations)

    def manages_designation(self, agency_id: int | None, role: str) -> bool:
        """Who ends, hands over or makes a designation: site administrators any; a
        representative their agency's alternates only. A principal is the secretariat's to
        manage, so that an alternate cannot take the principal's place."""
        if self.site_admin:
            return True
        return role != Designation.Role.PRINCIPAL and self.manages_agency(agency_id)

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
    # Only the person's designations for their current agency: one moved to another agency
    # never acts for the old one, whatever rows remain.
    designations = frozenset(
        Designation.objects.filter(person=user, agency_id=user.agency_id, agency__active=True)
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


# Roles are kept in the cache between requests under generations that a change to the rows
# they are read from moves on (roles_changed, called by pitf.receivers and save_versioned): the
# person's (their offices and designations) and their agency's (its memberships, whether it is
# active). A role granted or taken away counts from the next request.
ROLES_SECONDS = 600  # a bound on staleness should a change ever bypass both paths


def _person_key(person_id) -> str:
    return f"pitf:roles:person:{person_id}"


def _agency_key(agency_id) -> str:
    return f"pitf:roles:agency:{agency_id}"


def role_sources() -> tuple:
    """The models roles are read from (an agency's deactivation ends its designations' roles)."""
    from pitf.models import Agency

    return (BodyRole, Designation, Membership, Agency)


def roles_changed(row) -> None:
    """Move on the generation of whoever's roles `row` (an office, designation, membership or
    agency) is read into, now and again once the transaction commits (so that roles computed
    meanwhile from the old rows are not kept under the new generation)."""
    from django.core.cache import cache
    from django.db import transaction

    from pitf.models import Agency

    if isinstance(row, (BodyRole, Designation)):
        key = _person_key(row.person_id)
    elif isinstance(row, Membership):
        key = _agency_key(row.agency_id)
    elif isinstance(row, Agency):
        key = _agency_key(row.pk)
    else:
        return

    def bump():
        try:
            cache.add(key, 0, timeout=None)
            cache.incr(key)
        except Exception:  # noqa: BLE001  without a cache nothing is kept to invalidate
            logger.warning("cache unavailable; roles generation not moved on")

    bump()
    transaction.on_commit(bump)


def _cached_roles_of(user) -> Roles:
    from django.core.cache import cache

    if user is None or not user.is_authenticated:
        return ANONYMOUS
    day = timezone.localdate()
    try:
        generations = cache.get_many([_person_key(user.pk), _agency_key(user.agency_id)])
        key = (
            f"pitf:roles:{user.pk}:{generations.get(_person_key(user.pk), 0)}:"
            f"{user.agency_id}:{generations.get(_agency_key(user.agency_id), 0)}:"
            f"{user.is_superuser}:{day}"
        )
        roles = cache.get(key)
    except Exception:  # noqa: BLE001  the cache down: read the rows
        return roles_of(user, day=day)
    if roles is None:
        roles = roles_of(user, day=day)
        try:
            cache.set(key, roles, ROLES_SECONDS)
        except Exception:  # noqa: BLE001
            logger.warning("cache unavailable; roles not kept")
    return roles


def request_roles(request) -> Roles:
    """The roles of the request's user: from the cache, or computed once per request."""
    if not hasattr(request, "_roles"):
        request._roles = _cached_roles_of(getattr(request, "user", None))
    return request._roles


def acts_for(user, agency_id: int | None) -> bool:
    """Whether `user` acts for the agency: its active staff, and no one else (a site
    administrator sees and oversees, but changes an agency's documents and circulations only as
    staff of that agency). Every feature's "only the owner agency" rule asks this."""
    return bool(user.is_active and agency_id is not None and user.agency_id == agency_id)
