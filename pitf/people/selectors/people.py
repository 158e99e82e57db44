"""Reads of people management: who a manager may see and manage, and invitation links. Every
list is restricted to what the reader may see before it is filtered."""

from __future__ import annotations

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import (
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.http import Http404
from django.utils import timezone

from pitf.models import (
    Agency,
    Body,
    BodyRole,
    Designation,
    Invitation,
    User,
)
from pitf.roles import Roles
from pitf.tokens import token_hash

# People ------------------------------------------------------------------------------------


def users_visible_to(roles: Roles) -> QuerySet[User]:
    """Everyone for a site administrator; the staff of the agencies a representative represents
    (never a site administrator) for a representative; nobody otherwise."""
    if roles.site_admin:
        return User.objects.all()
    agencies = roles.represented_agency_ids
    if not agencies:
        return User.objects.none()
    return User.objects.filter(agency_id__in=agencies, is_superuser=False)


def _pending_invitations(now: datetime.datetime) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    )


STATUS_CHOICES = [
    ("active", "Active"),
    ("invited", "Invited, not yet accepted"),
    ("lapsed", "Invitation expired or withdrawn"),
    ("deactivated", "Deactivated"),
]
ROLE_CHOICES = [
    ("site_admin", "Site administrator"),
    ("representative", "Agency representative"),
    ("chairs_office", "Chair's office"),
    ("chair", "Chair"),
]


def user_list(
    *,
    roles: Roles,
    search: str = "",
    agency: Agency | None = None,
    status: str = "",
    role: str = "",
    day: datetime.date | None = None,
) -> QuerySet[User]:
    """The people a manager may see, searched and filtered, each with its roles and
    invitation status annotated (one query per page, whatever the number of rows)."""
    day = day or timezone.localdate()
    now = timezone.now()
    designated = Designation.objects.filter(person=OuterRef("pk"), agency__active=True).current_on(
        day
    )
    offices = BodyRole.objects.filter(person=OuterRef("pk")).current_on(day)
    people = (
        users_visible_to(roles)
        .select_related("agency")
        .annotate(
            is_representative=Exists(designated),
            is_chairs_office=Exists(offices.filter(role=BodyRole.Role.CHAIRS_OFFICE)),
            is_chair=Exists(offices.filter(role=BodyRole.Role.CHAIR)),
            has_pending_invitation=Exists(_pending_invitations(now).filter(user=OuterRef("pk"))),
        )
        .order_by("full_name", "email")
    )
    if search:
        people = people.filter(
            Q(full_name__icontains=search)
            | Q(email__icontains=search)
            | Q(job_title__icontains=search)
        )
    if agency is not None:
        people = people.filter(agency=agency)
    never_accepted = Q(password__startswith=UNUSABLE_PASSWORD_PREFIX)
    if status == "active":
        people = people.filter(is_active=True)
    elif status == "invited":
        people = people.filter(never_accepted, is_active=False, has_pending_invitation=True)
    elif status == "lapsed":
        people = people.filter(never_accepted, is_active=False, has_pending_invitation=False)
    elif status == "deactivated":
        people = people.filter(is_active=False).exclude(never_accepted)
    if role == "site_admin":
        people = people.filter(is_superuser=True)
    elif role == "representative":
        people = people.filter(is_representative=True)
    elif role == "chairs_office":
        people = people.filter(is_chairs_office=True)
    elif role == "chair":
        people = people.filter(is_chair=True)
    return people


def person_status(person: User, *, has_pending_invitation: bool) -> str:
    """A person's account status in words, as the list and the detail page show it."""
    if person.is_active:
        return "Active"
    if person.has_usable_password():
        return "Deactivated"
    if has_pending_invitation:
        return "Invited"
    return "Invitation expired or withdrawn"


def user_for_manager(*, roles: Roles, pk: int) -> User:
    """One person the manager may see, with their designations, offices and invitations
    (four queries); another agency's person is a 404, as if they did not exist."""
    person = (
        users_visible_to(roles)
        .select_related("agency")
        .prefetch_related(
            Prefetch(
                "designations",
                queryset=Designation.objects.select_related("agency", "body").order_by(
                    "-start_date"
                ),
            ),
            Prefetch(
                "body_roles",
                queryset=BodyRole.objects.select_related("body").order_by("-start_date"),
            ),
            Prefetch(
                "invitations",
                queryset=Invitation.objects.select_related("invited_by").order_by("-created_at"),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if person is None:
        raise Http404("No such person among the people you manage.")
    return person


def invitation_for_manager(*, roles: Roles, pk: int) -> Invitation:
    invitation = (
        Invitation.objects.select_related("user", "user__agency", "invited_by")
        .filter(pk=pk, user__in=users_visible_to(roles))
        .first()
    )
    if invitation is None:
        raise Http404("No such invitation among the people you manage.")
    return invitation


def body_role_for_manager(*, person: User, pk: int) -> BodyRole:
    role = BodyRole.objects.select_related("body", "person").filter(pk=pk, person=person).first()
    if role is None:
        raise Http404("No such role.")
    return role


def bodies_for_offices() -> QuerySet[Body]:
    return Body.objects.order_by("name")


# Invitations -------------------------------------------------------------------------------


def email_taken(email: str) -> bool:
    """An account, or an address single sign-on matches accounts on, already uses `email`."""
    email = email.strip()
    return (
        User.objects.filter(email__iexact=email).exists()
        or EmailAddress.objects.filter(email__iexact=email).exists()
    )


def invitation_by_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("user", "user__agency", "invited_by")
        .filter(token_hash=token_hash(token))
        .first()
    )


def invitation_link_state(invitation: Invitation | None) -> str:
    """What a link leads to: 'pending' (usable), 'unknown', 'accepted', 'replaced' (a newer
    invitation was sent), 'revoked' or 'expired'."""
    if invitation is None:
        return "unknown"
    state = invitation.state
    if state == "revoked" and (
        Invitation.objects.filter(user_id=invitation.user_id, created_at__gt=invitation.created_at)
        .exclude(pk=invitation.pk)
        .exists()
    ):
        return "replaced"
    return state
