"""Who may manage whom: the URL rules of pitf.people (merged by pitf.permissions.url_rules)
and the object-level checks its services and selectors apply (own agency's staff only)."""

from __future__ import annotations

from pitf.permissions import MANAGES_STAFF, PUBLIC, SITE_ADMIN
from pitf.roles import Roles

URL_RULES = {
    # Site administrators manage everyone; a representative only the staff of the agency they
    # represent (filtered in pitf.people.selectors, refused in pitf.people.services).
    "people:user-list": MANAGES_STAFF,
    "people:user-detail": MANAGES_STAFF,
    "people:user-edit": MANAGES_STAFF,
    "people:user-deactivate": MANAGES_STAFF,
    "people:user-reactivate": MANAGES_STAFF,
    "people:invitation-create": MANAGES_STAFF,
    "people:invitation-resend": MANAGES_STAFF,
    "people:invitation-revoke": MANAGES_STAFF,
    # The link in the invitation e-mail: the visitor has no account they can sign in with yet.
    "people:invitation-accept": PUBLIC,
    # Roles that reach beyond one agency, and the audit log: site administrators only.
    "people:body-role-grant": SITE_ADMIN,
    "people:body-role-end": SITE_ADMIN,
    "people:audit-log": SITE_ADMIN,
}


def managed_agency_ids(roles: Roles) -> frozenset[int]:
    """The agencies whose staff a representative manages (every agency for a site admin is
    not listed here: check `roles.site_admin` first)."""
    return frozenset(agency_id for agency_id, _, _ in roles.designations)


def may_invite_into(roles: Roles, agency_id: int | None) -> bool:
    if roles.site_admin:
        return True
    return agency_id is not None and roles.represents(agency_id)


def may_manage(roles: Roles, person) -> bool:
    """Site administrators manage everyone; a representative manages the staff of the agency
    they represent, but never a site administrator."""
    if roles.site_admin:
        return True
    if person.is_superuser:
        return False
    return person.agency_id is not None and roles.represents(person.agency_id)
