"""Who may do what in a committee's or working group's workspace, in one place: the body's
people (its chair and chair's office, the staff of its member and invited agencies, site
administrators) see it, anyone else is answered 404; its chair's office (and site
administrators) keep its charter, work plan, trackers and announcements; an agency's staff
write the progress of the deliverables their agency owns."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from pitf.meetings.selectors import belongs_to_body
from pitf.models import Body
from pitf.roles import Roles, acts_for, roles_of

# The bodies that have a workspace.
KINDS = (Body.Kind.STANDING_COMMITTEE, Body.Kind.WORKING_GROUP)


def sees(user, roles: Roles, body: Body) -> bool:
    return body.kind in KINDS and belongs_to_body(user, roles, body.pk)


def keeps(roles: Roles, body: Body) -> bool:
    """The body's chair's office and site administrators."""
    return roles.site_admin or body.pk in roles.chairs_office_of


def require_keeper(actor, body: Body) -> None:
    if not keeps(roles_of(actor), body):
        raise PermissionDenied(f"Only the {body}'s chair's office does that.")


def require_keeper_request(request, body: Body) -> None:
    """The page's check: the person signed in keeps the body (403 otherwise); it reads the
    request's roles, computed once a request."""
    from pitf.roles import request_roles

    if not keeps(request_roles(request), body):
        raise PermissionDenied(f"Only the {body}'s chair's office does that.")


def workspace_body(user, roles: Roles, short_name: str) -> Body:
    """The body whose workspace the person may see; 404 to anyone outside it."""
    body = Body.objects.select_related("parent", "chair_agency").filter(short_name=short_name)
    body = body.first()
    if body is None or not sees(user, roles, body):
        raise Http404("No such workspace.")
    return body


def writes_progress(user, roles: Roles, deliverable) -> bool:
    """The owner agency's staff and the body's chair's office."""
    return acts_for(user, deliverable.owner_agency_id) or keeps(roles, deliverable.body)
