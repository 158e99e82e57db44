"""Who may do what in the SPOG's reporting, in one place: the SPOG chair's office (and site
administrators) run cycles and review reports; an agency's staff draft its report; its
representatives to the SPOG submit it. Views, services and templates ask these questions."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from pitf.models import Body
from pitf.roles import Roles, acts_for, roles_of

SPOG = "spog"


def spog_id() -> int:
    return Body.objects.only("pk").get(short_name=SPOG).pk


def is_office(roles: Roles) -> bool:
    """The SPOG chair's office or a site administrator."""
    return roles.site_admin or bool(roles.chairs_office_of) and spog_id() in roles.chairs_office_of


def require_office(actor) -> None:
    if not is_office(roles_of(actor)):
        raise PermissionDenied("Only the SPOG chair's office does that.")


def may_draft(user, report) -> bool:
    """The agency's active staff draft its report."""
    return acts_for(user, report.agency_id)


def may_submit(user, roles: Roles, report) -> bool:
    """The agency's representatives to the SPOG (principal or alternate) submit it."""
    return acts_for(user, report.agency_id) and roles.represents_in(report.agency_id, spog_id())


def may_see(user, roles: Roles, report) -> bool:
    return acts_for(user, report.agency_id) or is_office(roles)
