"""Request middleware of the hub: sessions that end, and a second factor for every password
account."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect

SIGNED_IN_AT = "pitf_signed_in_at"
MFA_ENROLLED = "pitf_mfa_enrolled"

# What a signed-in person without a second factor may still open: enrolment itself, signing
# out, and the static files those pages need.
MFA_ENROLMENT_URL_NAMES = {
    "mfa_activate_totp",
    "mfa_index",
    "mfa_add_webauthn",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_reauthenticate",
    "account_reauthenticate",
    "account_logout",
}


class SessionLifetimeMiddleware:
    """Ends a session 12 hours (SESSION_ABSOLUTE_HOURS) after sign-in, however active it is.
    The idle limit is the session cookie's age, renewed on every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            signed_in_at = request.session.setdefault(SIGNED_IN_AT, time.time())
            if time.time() - signed_in_at > settings.SESSION_ABSOLUTE_HOURS * 3600:
                logout(request)
                messages.info(
                    request,
                    f"For security, sessions end {settings.SESSION_ABSOLUTE_HOURS} hours after "
                    "sign-in. Please sign in again.",
                )
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)


def signed_in_by_single_sign_on(request) -> bool:
    methods = request.session.get("account_authentication_methods", [])
    return any(method.get("method") == "socialaccount" for method in methods)


class RequireMfaMiddleware:
    """Sends a password-authenticated user with no second factor to enrol one (NIST SP 800-63B
    AAL2, OMB M-22-09). Single sign-on sessions rely on the identity provider's factors."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated or request.session.get(MFA_ENROLLED):
            return None
        match = request.resolver_match
        if match is None or match.view_name in MFA_ENROLMENT_URL_NAMES:
            return None
        if signed_in_by_single_sign_on(request):
            return None
        from allauth.mfa.models import Authenticator

        if Authenticator.objects.filter(
            user=request.user,
            type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN],
        ).exists():
            request.session[MFA_ENROLLED] = True
            return None
        messages.info(request, "Set up a second factor to finish signing in.")
        return redirect("mfa_activate_totp")
