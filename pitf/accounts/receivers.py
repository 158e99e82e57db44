"""Audit events of signing in and out, failed sign-ins, MFA and password changes, from Django's
and django-allauth's signals (connected by AccountsConfig.ready)."""

from __future__ import annotations

import time

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from django.contrib.auth import signals as auth_signals
from django.dispatch import receiver

from pitf.accounts import lockout
from pitf.audit import log_event
from pitf.middleware import LAST_SEEN_AT, MFA_ENROLLED, MFA_ENROLLING, SIGNED_IN_AT

AUTHENTICATOR_NAMES = {
    Authenticator.Type.TOTP: "authenticator app",
    Authenticator.Type.RECOVERY_CODES: "recovery codes",
    Authenticator.Type.WEBAUTHN: "security key",
}


def sign_in_methods(request) -> list[str]:
    return [
        step.get("method", "")
        for step in request.session.get("account_authentication_methods", [])
        if step.get("method")
    ]


@receiver(account_signals.user_logged_in, dispatch_uid="pitf.accounts.login")
def on_login(sender, request, user, **kwargs):
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN_AT] = now
    sociallogin = kwargs.get("sociallogin")
    if (
        sociallogin is None
        and not Authenticator.objects.filter(
            user_id=user.pk, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
        ).exists()
    ):
        request.session[MFA_ENROLLING] = True
    data = {"methods": sign_in_methods(request)}
    if sociallogin is not None:
        data["provider"] = sociallogin.account.get_provider().name
    log_event("user.login", request=request, actor=user, **data)


@receiver(auth_signals.user_logged_out, dispatch_uid="pitf.accounts.logout")
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        reason = getattr(request, "pitf_logout_reason", "signed out")
        log_event("user.logout", request=request, actor=user, reason=reason)


@receiver(auth_signals.user_login_failed, dispatch_uid="pitf.accounts.login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in `credentials`; only the address is kept.
    email = credentials.get("email") or credentials.get("username") or ""
    log_event("user.login_failed", request=request, actor_email=email, email=email)


@receiver(mfa_signals.authentication_failed, dispatch_uid="pitf.accounts.mfa_failed")
def on_mfa_failed(sender, request, user, authenticator, **kwargs):
    log_event(
        "user.mfa_failed",
        request=request,
        actor=user,
        authenticator=AUTHENTICATOR_NAMES.get(authenticator.type, authenticator.type),
        reauthentication=bool(kwargs.get("reauthentication")),
    )


def authenticator_data(authenticator: Authenticator) -> dict:
    """What an MFA event says of the factor: its kind, and a security key's own name, since a
    person may have several."""
    data = {"authenticator": AUTHENTICATOR_NAMES.get(authenticator.type, authenticator.type)}
    if authenticator.type == Authenticator.Type.WEBAUTHN and authenticator.data.get("name"):
        data["name"] = authenticator.data["name"]
    return data


@receiver(mfa_signals.authenticator_added, dispatch_uid="pitf.accounts.mfa_added")
def on_authenticator_added(sender, request, user, authenticator, **kwargs):
    log_event("mfa.enrolled", request=request, actor=user, **authenticator_data(authenticator))


@receiver(mfa_signals.authenticator_removed, dispatch_uid="pitf.accounts.mfa_removed")
def on_authenticator_removed(sender, request, user, authenticator, **kwargs):
    log_event("mfa.removed", request=request, actor=user, **authenticator_data(authenticator))
    if request is not None and hasattr(request, "session"):
        # RequireMfaMiddleware checks again on the next request.
        request.session.pop(MFA_ENROLLED, None)


@receiver(mfa_signals.authenticator_reset, dispatch_uid="pitf.accounts.mfa_reset")
def on_authenticator_reset(sender, request, user, authenticator, **kwargs):
    if authenticator.type == Authenticator.Type.RECOVERY_CODES:
        log_event("mfa.recovery_codes_regenerated", request=request, actor=user)
    else:
        log_event(
            "mfa.reset",
            request=request,
            actor=user,
            authenticator=AUTHENTICATOR_NAMES.get(authenticator.type, authenticator.type),
        )


@receiver(account_signals.password_changed, dispatch_uid="pitf.accounts.password_changed")
def on_password_changed(sender, request, user, **kwargs):
    log_event("user.password_changed", request=request, actor=user, target=user)


@receiver(account_signals.password_set, dispatch_uid="pitf.accounts.password_set")
def on_password_set(sender, request, user, **kwargs):
    log_event("user.password_set", request=request, actor=user, target=user)


@receiver(account_signals.password_reset, dispatch_uid="pitf.accounts.password_reset")
def on_password_reset(sender, request, user, **kwargs):
    # A reset proves control of the address: it also lifts a sign-in lockout (allauth clears
    # only the addresses it has EmailAddress rows for).
    unlocked = lockout.lockout_clear(email=user.email)
    log_event("user.password_reset", request=request, actor=user, target=user, unlocked=unlocked)
