"""Writes of people management: invitations, accounts and the roles site administrators give."""

from pitf.people.services.accounts import user_deactivate, user_reactivate, user_update
from pitf.people.services.invitations import (
    invitation_accept,
    invitation_create,
    invitation_resend,
    invitation_revoke,
)
from pitf.people.services.offices import body_role_end, body_role_grant
from pitf.people.services.rules import (
    ACCEPT_LINK,
    EMAIL_TAKEN,
    INVITATION_KIND,
    InvitationUnusable,
    inactive_agency_message,
)

__all__ = [
    "ACCEPT_LINK",
    "EMAIL_TAKEN",
    "INVITATION_KIND",
    "InvitationUnusable",
    "body_role_end",
    "body_role_grant",
    "inactive_agency_message",
    "invitation_accept",
    "invitation_create",
    "invitation_resend",
    "invitation_revoke",
    "user_deactivate",
    "user_reactivate",
    "user_update",
]
