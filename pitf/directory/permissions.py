"""Who may read and change the directory: the URL rules of pitf.directory (merged by
pitf.permissions.url_rules) and the object-level check its services apply to designations."""

from __future__ import annotations

from pitf.permissions import MANAGES_DESIGNATIONS, SIGNED_IN, SITE_ADMIN
from pitf.roles import Roles

URL_RULES = {
    # The directory is not secret: every signed-in person reads agencies, bodies and history.
    "directory:agency-list": SIGNED_IN,
    "directory:agency-detail": SIGNED_IN,
    "directory:body-list": SIGNED_IN,
    "directory:body-detail": SIGNED_IN,
    "directory:membership-history": SIGNED_IN,
    "directory:designation-history": SIGNED_IN,
    # Agencies, bodies and memberships are the secretariat's to change.
    "directory:agency-create": SITE_ADMIN,
    "directory:agency-edit": SITE_ADMIN,
    "directory:agency-deactivate": SITE_ADMIN,
    "directory:agency-reactivate": SITE_ADMIN,
    "directory:body-create": SITE_ADMIN,
    "directory:body-edit": SITE_ADMIN,
    "directory:membership-create": SITE_ADMIN,
    "directory:membership-end": SITE_ADMIN,
    "directory:membership-change-status": SITE_ADMIN,
    # An agency designates its own officials: a representative manages the designations of the
    # agency they represent (checked per designation by may_manage_designations_of).
    "directory:designation-create": MANAGES_DESIGNATIONS,
    "directory:designation-end": MANAGES_DESIGNATIONS,
    "directory:designation-handover": MANAGES_DESIGNATIONS,
}


def may_manage_designations_of(roles: Roles, agency_id: int) -> bool:
    """Site administrators manage every agency's designations; a representative those of the
    agency they represent."""
    return roles.site_admin or roles.represents(agency_id)


def designating_agency_ids(roles: Roles) -> frozenset[int]:
    """The agencies a representative designates for (a site admin: check roles.site_admin)."""
    return frozenset(agency_id for agency_id, _, _ in roles.designations)
