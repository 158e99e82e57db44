"""Who may read and change the directory: the URL rules of pitf.directory (merged by
pitf.permissions.url_rules). A representative's designations are checked per agency by
pitf.roles.Roles.manages_agency."""

from __future__ import annotations

from pitf.permissions import MANAGES_OWN_AGENCY, SIGNED_IN, SITE_ADMIN

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
    # Chairs and chair's office staff are appointed by the secretariat.
    "directory:office-appoint": SITE_ADMIN,
    "directory:office-end": SITE_ADMIN,
    # An agency designates its own officials: a representative manages the designations of the
    # agency they represent (checked per designation by Roles.manages_agency).
    "directory:designation-create": MANAGES_OWN_AGENCY,
    "directory:designation-end": MANAGES_OWN_AGENCY,
    "directory:designation-handover": MANAGES_OWN_AGENCY,
}
