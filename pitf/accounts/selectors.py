"""Reads of a person's account security: their second factors, sessions and recent sign-ins."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.db.models import Q

from pitf.models import AuditEvent, User

RECENT_SIGN_INS = 10


@dataclass(frozen=True)
class AccountSecurity:
    has_password: bool
    authenticator_app: bool
    recovery_codes_left: int | None  # None: none generated
    security_keys: int
    sessions: int
    sign_ins: list[AuditEvent]


def account_security_of(person: User) -> AccountSecurity:
    authenticators = list(Authenticator.objects.filter(user=person))
    kinds = [authenticator.type for authenticator in authenticators]
    codes = next((a for a in authenticators if a.type == Authenticator.Type.RECOVERY_CODES), None)
    return AccountSecurity(
        has_password=person.has_usable_password(),
        authenticator_app=Authenticator.Type.TOTP in kinds,
        recovery_codes_left=(len(codes.wrap().get_unused_codes()) if codes is not None else None),
        security_keys=kinds.count(Authenticator.Type.WEBAUTHN),
        sessions=UserSession.objects.filter(user=person).count(),
        sign_ins=list(
            AuditEvent.objects.filter(
                Q(actor=person, action="user.login")
                | Q(actor_email__iexact=person.email, action="user.login_failed")
            ).order_by("-created_at")[:RECENT_SIGN_INS]
        ),
    )
