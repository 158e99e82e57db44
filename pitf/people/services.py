"""Writes of people management: invitations, accounts and the roles site administrators give."""

from __future__ import annotations

import datetime
import re

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from pitf.accounts.sessions import end_sessions
from pitf.audit import log_event
from pitf.concurrency import EditConflict, save_versioned
from pitf.links import absolute
from pitf.models import Agency, Body, BodyRole, Invitation, Notification, User
from pitf.notifications.services import notification_send
from pitf.people.permissions import NOT_YOURS_TO_MANAGE, may_manage
from pitf.people.selectors import email_taken, invitation_link_state
from pitf.permissions import require_site_admin
from pitf.roles import roles_of
from pitf.tokens import new_token, token_hash

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


# Invitations -------------------------------------------------------------------------------


def _invitation_issue(*, user: User, invited_by: User, base_url: str) -> Invitation:
    """A new invitation with a fresh token, and its e-mail queued. The token leaves this
    function only inside the e-mail; the database keeps its SHA-256 hash."""
    token = new_token()
    invitation = Invitation(
        user=user,
        invited_by=invited_by,
        token_hash=token_hash(token),
        expires_at=timezone.now() + datetime.timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    link = absolute(reverse("people:invitation-accept", kwargs={"token": token}), base_url)
    notification_send(
        kind=INVITATION_KIND,
        recipient=user.email,
        about=invitation,
        context={
            "invitation": invitation,
            "person": user,
            "invited_by": invited_by,
            "link": link,
            "valid_days": settings.INVITATION_VALID_DAYS,
        },
    )
    return invitation


def _redact_invitation_links(*, email: str) -> None:
    """Take dead invitation links out of the stored copies of the e-mails already sent, so the
    notifications table holds no token that could still be used. A pending e-mail keeps its
    link: it has yet to reach the person."""
    sent = Notification.objects.filter(
        recipient=email,
        kind=INVITATION_KIND,
        status__in=[Notification.Status.SENT, Notification.Status.FAILED],
    )
    dead = "/people/invitations/accept/(link no longer valid)/"
    for notification in sent.filter(body__contains="/people/invitations/accept/"):
        notification.body = ACCEPT_LINK.sub(dead, notification.body)
        notification.html_body = ACCEPT_LINK.sub(dead, notification.html_body)
        notification.save(update_fields=["body", "html_body"])


def invitation_create(
    *,
    actor: User,
    email: str,
    full_name: str,
    job_title: str = "",
    agency: Agency,
    site_admin: bool = False,
    base_url: str,
) -> Invitation:
    """Invite a person: an inactive account with no usable password, and an invitation e-mail
    whose link lets them set a password. Representatives invite into their own agency only."""
    roles = roles_of(actor)
    if not roles.manages_agency(agency.pk):
        _refuse(f"You may invite staff of the agency you represent only, not of {agency.name}.")
    if site_admin and not roles.site_admin:
        _refuse("Only site administrators may make someone a site administrator.")
    email = _normalise_email(email)
    errors = {}
    if email_taken(email):
        errors["email"] = EMAIL_TAKEN
    if not agency.active:
        errors["agency"] = inactive_agency_message(agency)
    if errors:
        raise ValidationError(errors)
    person = User(
        email=email,
        full_name=full_name.strip(),
        job_title=job_title.strip(),
        agency=agency,
        is_active=False,
        is_superuser=site_admin,
        is_staff=site_admin,
    )
    person.set_unusable_password()
    person.full_clean()
    try:
        with transaction.atomic():
            person.save()
            invitation = _invitation_issue(user=person, invited_by=actor, base_url=base_url)
            log_event(
                "invitation.sent",
                actor=actor,
                target=person,
                email=email,
                agency=agency.acronym,
                site_admin=site_admin,
            )
    except IntegrityError as error:  # the same address invited at the same moment
        raise ValidationError(
            {"email": "An account with this e-mail address already exists."}
        ) from error
    return invitation


def invitation_resend(*, actor: User, person: User, base_url: str) -> Invitation:
    """Send a new link; the earlier links stop working at once."""
    _require_manages(actor, person)
    with transaction.atomic():
        person = (
            User.objects.select_for_update(of=("self",)).select_related("agency").get(pk=person.pk)
        )
        if person.has_usable_password():
            raise ValidationError(
                f"{person} has already accepted an invitation and set a password; they can "
                "reset a forgotten password from the sign-in page."
            )
        if person.agency is not None and not person.agency.active:
            raise ValidationError(
                f"{person.agency.name} is inactive; move {person} to an active agency first."
            )
        now = timezone.now()
        replaced = list(
            Invitation.objects.filter(
                user=person, accepted_at__isnull=True, revoked_at__isnull=True
            )
        )
        for old in replaced:
            old.revoked_at = now
            old.save(update_fields=["revoked_at"])
        invitation = _invitation_issue(user=person, invited_by=actor, base_url=base_url)
        _redact_invitation_links(email=person.email)
        log_event(
            "invitation.resent",
            actor=actor,
            target=person,
            email=person.email,
            replaced=len(replaced),
        )
    return invitation


def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    """Withdraw a pending invitation: its link stops working; the account stays inactive."""
    _require_manages(actor, invitation.user)
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().select_related("user").get(pk=invitation.pk)
        )
        if invitation.state != "pending":
            raise ValidationError(
                f"This invitation is already {invitation.state}; there is nothing to withdraw."
            )
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        _redact_invitation_links(email=invitation.user.email)
        log_event(
            "invitation.revoked",
            actor=actor,
            target=invitation.user,
            email=invitation.user.email,
        )
    return invitation


def invitation_accept(*, token: str, password: str) -> User:
    """Accept an invitation: set the password, activate the account and record its e-mail
    address as verified (single sign-on matches accounts on it). Raises InvitationUnusable
    for a link that cannot be used and ValidationError for a password the validators refuse."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("user")
            .filter(token_hash=token_hash(token))
            .first()
        )
        state = invitation_link_state(invitation)
        if state != "pending":
            raise InvitationUnusable(state)
        person = invitation.user
        password_validation.validate_password(password, person)
        person.set_password(password)
        person.is_active = True
        save_versioned(
            person, expected_version=person.version, update_fields=["password", "is_active"]
        )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        EmailAddress.objects.filter(user=person).exclude(email__iexact=person.email).update(
            primary=False
        )
        EmailAddress.objects.update_or_create(
            user=person,
            email=person.email,
            defaults={"verified": True, "primary": True},
        )
        _redact_invitation_links(email=person.email)
        log_event("invitation.accepted", actor=person, target=person)
    return person


# Accounts ----------------------------------------------------------------------------------


def _agency_ties(person: User, agency_id: int) -> list[str]:
    """What still lets `person` act for the agency: designations current or to come, in the
    directory, and what each feature holds (pitf.features.agency_ties)."""
    from pitf.features import agency_ties
    from pitf.models import Designation

    today = timezone.localdate()
    designations = (
        Designation.objects.filter(person=person, agency_id=agency_id)
        .exclude(end_date__lt=today)
        .select_related("body")
        .order_by("body__name")
    )
    ties = [
        f"{d.get_role_display().lower()} in the {d.body.name} (end the designation)"
        for d in designations
    ]
    return ties + agency_ties(person, agency_id)


def user_update(
    *,
    actor: User,
    person: User,
    expected_version: int,
    full_name: str,
    job_title: str,
    agency: Agency | None = None,
    site_admin: bool | None = None,
) -> User:
    """Edit a person's details; the agency and the site-administrator role are changed by site
    administrators only (None leaves them as they are)."""
    _require_manages(actor, person)
    roles = roles_of(actor)
    fields = ["full_name", "job_title"]
    person.full_name = full_name.strip()
    person.job_title = job_title.strip()
    old_agency_id, was_site_admin = person.agency_id, person.is_superuser
    errors = {}
    if agency is not None and agency.pk != person.agency_id:
        if not roles.site_admin:
            _refuse("Only site administrators may move a person to another agency.")
        if not agency.active:
            errors["agency"] = f"{agency.name} is inactive; choose an active agency."
        elif person.agency_id is not None:
            ties = _agency_ties(person, person.agency_id)
            if ties:
                errors["agency"] = (
                    f"{person} still acts for {person.agency.acronym}: "
                    + "; ".join(ties)
                    + ". End or remove these first, then move them."
                )
        person.agency = agency
        fields.append("agency")
    if site_admin is not None and site_admin != person.is_superuser:
        if not roles.site_admin:
            _refuse("Only site administrators may grant or remove the site administrator role.")
        if not site_admin and person.pk == actor.pk:
            errors["site_admin"] = (
                "You cannot remove your own site administrator role; ask another site "
                "administrator to do it."
            )
        person.is_superuser = person.is_staff = site_admin
        fields += ["is_superuser", "is_staff"]
    if errors:
        raise ValidationError(errors)
    person.full_clean(exclude=["password"])
    with transaction.atomic():
        save_versioned(person, expected_version=expected_version, update_fields=fields)
        if "agency" in fields:
            log_event(
                "user.agency_changed",
                actor=actor,
                target=person,
                before=old_agency_id,
                after=person.agency_id,
                agency=person.agency.acronym,
            )
        if person.is_superuser != was_site_admin:
            log_event(
                "user.site_admin_granted" if person.is_superuser else "user.site_admin_removed",
                actor=actor,
                target=person,
            )
    return person


def user_deactivate(*, actor: User, person: User, expected_version: int) -> User:
    """Deactivate an account: the person cannot sign in and their sessions end at once; each
    feature ends what it holds for them in the same transaction (pitf.features.DeactivationStep:
    the meetings take them off upcoming lists and their answer links stop working)."""
    from pitf.features import deactivation_apply

    _require_manages(actor, person)
    if person.pk == actor.pk:
        raise ValidationError("You cannot deactivate your own account.")
    if not person.is_active:
        raise ValidationError(f"{person} is already deactivated.")
    person.is_active = False
    with transaction.atomic():
        save_versioned(person, expected_version=expected_version, update_fields=["is_active"])
        end_sessions(person)
        log_event("user.deactivated", actor=actor, target=person)
        deactivation_apply(actor=actor, person=person)
    return person


def user_reactivate(*, actor: User, person: User, expected_version: int) -> User:
    _require_manages(actor, person)
    if person.is_active:
        raise ValidationError(f"{person} is already active.")
    if not person.has_usable_password():
        raise ValidationError(
            f"{person} has not accepted their invitation yet; resend the invitation instead."
        )
    person.is_active = True
    with transaction.atomic():
        save_versioned(person, expected_version=expected_version, update_fields=["is_active"])
        log_event("user.reactivated", actor=actor, target=person)
    return person


# Offices in bodies -------------------------------------------------------------------------


def body_role_grant(
    *, actor: User, person: User, body: Body, start_date: datetime.date
) -> BodyRole:
    """Give a person the chair’s office role of a body from `start_date`."""
    require_site_admin(actor, "grant the chair’s office role")
    role = BodyRole(
        person=person, body=body, role=BodyRole.Role.CHAIRS_OFFICE, start_date=start_date
    )
    role.full_clean()
    with transaction.atomic():
        # Lock the person so that two grants at once cannot both pass the overlap check.
        User.objects.select_for_update().filter(pk=person.pk).first()
        if (
            BodyRole.objects.filter(person=person, body=body, role=BodyRole.Role.CHAIRS_OFFICE)
            .overlapping(start_date, None)
            .exists()
        ):
            raise ValidationError(
                {"body": f"{person} already holds the chair’s office role of {body.name}."}
            )
        role.save()
        log_event(
            "body_role.granted",
            actor=actor,
            target=person,
            body=body.short_name,
            role=role.role,
            start_date=start_date.isoformat(),
        )
    return role


def body_role_end(*, actor: User, role: BodyRole, expected_version: int) -> None:
    """End a chair’s office role at once: its last day becomes yesterday, or, if it began
    today or has yet to begin, it is removed (the audit log keeps it)."""
    require_site_admin(actor, "remove the chair’s office role")
    today = timezone.localdate()
    with transaction.atomic():
        if role.start_date >= today:
            deleted, _ = BodyRole.objects.filter(pk=role.pk, version=expected_version).delete()
            if not deleted:
                current = BodyRole.objects.filter(pk=role.pk).first()
                if current is None:
                    raise ValidationError("This role has already been removed.")
                raise EditConflict(current)
        else:
            if role.end_date is not None and role.end_date < today:
                raise ValidationError("This role has already ended.")
            role.end_date = today - datetime.timedelta(days=1)
            save_versioned(role, expected_version=expected_version, update_fields=["end_date"])
        log_event(
            "body_role.ended",
            actor=actor,
            target=role.person,
            body=role.body.short_name,
            role=role.role,
        )
