"""Who may manage whom: the URL rules of pitf.people (merged by pitf.permissions.url_rules)
and the object-level checks its services and selectors apply (own agency's staff only)."""

from __future__ import annotations

from pitf.permissions import MANAGES_OWN_AGENCY, PUBLIC, SITE_ADMIN
from pitf.roles import Roles

URL_RULES = {
    # Site administrators manage everyone; a representative only the staff of the agency they
    # represent (filtered in pitf.people.selectors, refused in pitf.people.services).
    "people:user-list": MANAGES_OWN_AGENCY,
    "people:user-detail": MANAGES_OWN_AGENCY,
    "people:user-edit": MANAGES_OWN_AGENCY,
    "people:user-deactivate": MANAGES_OWN_AGENCY,
    "people:user-reactivate": MANAGES_OWN_AGENCY,
    "people:invitation-create": MANAGES_OWN_AGENCY,
    "people:invitation-resend": MANAGES_OWN_AGENCY,
    "people:invitation-revoke": MANAGES_OWN_AGENCY,
    # The link in the invitation e-mail: the visitor has no account they can sign in with yet.
    "people:invitation-accept": PUBLIC,
    # Roles that reach beyond one agency, and the audit log: site administrators only.
    "people:body-role-grant": SITE_ADMIN,
    "people:body-role-end": SITE_ADMIN,
    "people:audit-log": SITE_ADMIN,
    "people:audit-log-csv": SITE_ADMIN,
}


def may_manage(roles: Roles, person) -> bool:
    """Site administrators manage everyone; a representative manages the staff of the agency
    they represent, but never a site administrator."""
    if roles.site_admin:
        return True
    if person.is_superuser:
        return False
    return person.agency_id is not None and roles.represents(person.agency_id)
