"""What people management's writes share: who may manage whom, e-mail addresses taken, and the
words of a refusal."""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied

from pitf.models import Agency, User
from pitf.people.permissions import NOT_YOURS_TO_MANAGE, may_manage
from pitf.roles import roles_of

INVITATION_KIND = "account.invitation"
# The accept link's path with its token, as written in the invitation e-mail.
ACCEPT_LINK = re.compile(r"/people/invitations/accept/[A-Za-z0-9_-]+/")


class InvitationUnusable(Exception):
    """The link's invitation cannot be accepted; `state` says why (see
    pitf.people.selectors.invitation_link_state)."""

    def __init__(self, state: str):
        self.state = state
        super().__init__(state)


def _refuse(message: str) -> None:
    raise PermissionDenied(message)


def _require_manages(actor: User, person: User) -> None:
    if not may_manage(roles_of(actor), person):
        _refuse(NOT_YOURS_TO_MANAGE)


def _normalise_email(email: str) -> str:
    return User.objects.normalize_email(email.strip()).lower()


EMAIL_TAKEN = (
    "An account with this e-mail address already exists. Find the person in the list of "
    "people to resend their invitation or reactivate them."
)


def inactive_agency_message(agency: Agency) -> str:
    return (
        f"{agency.name} is inactive, so nobody can be invited into it. Choose another agency, "
        "or ask a site administrator to reactivate it first."
    )
