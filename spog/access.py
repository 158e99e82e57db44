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


def require_office_request(request) -> None:
    """The page's check: the person signed in is of the SPOG chair's office (403 otherwise)."""
    from pitf.roles import request_roles

    if not is_office(request_roles(request)):
        raise PermissionDenied("Only the SPOG chair's office does that.")


def may_draft(user, report) -> bool:
    """The agency's active staff draft its report."""
    return acts_for(user, report.agency_id)


def may_submit(user, roles: Roles, report) -> bool:
    """The agency's representatives to the SPOG (principal or alternate) submit it."""
    return acts_for(user, report.agency_id) and roles.represents_in(report.agency_id, spog_id())


def may_see(user, roles: Roles, report) -> bool:
    return acts_for(user, report.agency_id) or is_office(roles)


RESEARCH_DATA = "research-data"


def defines_statistics(roles: Roles) -> bool:
    """Who defines indicators and imports values: the Research & Data Committee's chair and
    chair's office, the SPOG chair's office and site administrators."""
    if is_office(roles):
        return True
    committee = Body.objects.only("pk").filter(short_name=RESEARCH_DATA).first()
    return committee is not None and committee.pk in (roles.chair_of | roles.chairs_office_of)


def enters_values_for(user, roles: Roles, agency_id: int) -> bool:
    """An agency's staff enter its values; those who define the statistics enter any agency's."""
    return acts_for(user, agency_id) or defines_statistics(roles)
