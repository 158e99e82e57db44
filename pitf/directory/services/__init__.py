"""Writes of the directory: agencies, bodies, memberships, designations and offices, a module each. Each
function checks everything before it writes, writes all or nothing in one transaction, and
leaves an explicit audit entry beside the field history django-auditlog keeps."""

from pitf.directory.services.agencies import (
    agency_create,
    agency_deactivate,
    agency_reactivate,
    agency_update,
)
from pitf.directory.services.bodies import body_create, body_update
from pitf.directory.services.designations import (
    designation_create,
    designation_end,
    designation_handover,
)
from pitf.directory.services.memberships import (
    membership_change_status,
    membership_end,
    membership_join,
)
from pitf.directory.services.offices import office_appoint, office_end

__all__ = [
    "agency_create",
    "agency_deactivate",
    "agency_reactivate",
    "agency_update",
    "body_create",
    "body_update",
    "designation_create",
    "designation_end",
    "designation_handover",
    "membership_change_status",
    "membership_end",
    "membership_join",
    "office_appoint",
    "office_end",
]
