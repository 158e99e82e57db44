"""Who may manage whom: the URL rules of pitf.people (merged by pitf.permissions.url_rules)
and the object-level rule its services and views apply (may_manage)."""

from __future__ import annotations

from pitf.permissions import MANAGES_OWN_AGENCY, PUBLIC, SITE_ADMIN
from pitf.roles import Roles, roles_of

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


NOT_YOURS_TO_MANAGE = (
    "Only a site administrator manages a principal, a chair or a member of a chair's office; a "
    "principal manages their alternates, and a representative the other staff of their agency."
)


def may_manage(roles: Roles, person) -> bool:
    """Site administrators manage everyone. Nobody else manages a site administrator, a
    principal, a chair or a chair's office member; an alternate is managed by a principal of
    the same agency in the same body; other staff by a representative of their agency."""
    if roles.site_admin:
        return True
    if person.is_superuser:
        return False
    theirs = roles_of(person)
    if theirs.chair or theirs.chairs_office:
        return False
    held = {role for _, _, role in theirs.designations}
    if "principal" in held:
        return False
    if "alternate" in held:
        principal_of = {(a, b) for a, b, role in roles.designations if role == "principal"}
        return any((a, b) in principal_of for a, b, _ in theirs.designations)
    return person.agency_id is not None and roles.represents(person.agency_id)
