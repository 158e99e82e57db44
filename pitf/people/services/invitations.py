"""Invitations: sent, sent again, withdrawn and accepted by their link, the link kept only as a
hash."""

from __future__ import annotations

import datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from pitf.audit import log_event
from pitf.concurrency import save_versioned
from pitf.links import absolute
from pitf.models import Agency, Invitation, Notification, User
from pitf.notifications.services import notification_send
from pitf.people.selectors import email_taken, invitation_link_state
from pitf.people.services.rules import (
    ACCEPT_LINK,
    EMAIL_TAKEN,
    INVITATION_KIND,
    InvitationUnusable,
    _normalise_email,
    _refuse,
    _require_manages,
    inactive_agency_message,
)
from pitf.roles import roles_of
from pitf.tokens import new_token, token_hash

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
