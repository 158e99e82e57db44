"""Request middleware of the hub: sessions that end (idle and absolute limits), a second factor
for every password account, and the response headers every page carries."""

from __future__ import annotations

import time
from urllib.parse import quote

from allauth.usersessions.middleware import UserSessionsMiddleware
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

SIGNED_IN_AT = "pitf_signed_in_at"
LAST_SEEN_AT = "pitf_last_seen_at"
MFA_ENROLLED = "pitf_mfa_enrolled"
# Set when a sign-in without a second factor is sent to enrol one.
MFA_ENROLLING = "pitf_mfa_enrolling"

# A signed-in request records the person's activity (the idle clock, allauth's session list) at
# most once in this many seconds: a page that changes nothing writes nothing.
ACTIVITY_RECORD_SECONDS = 60
ACTIVITY_RECORDED_AT = "pitf_activity_recorded_at"

# What a signed-in person without a second factor may still open: enrolment itself, signing
# out, keeping the session alive while enrolling, and the static files those pages need.
MFA_ENROLMENT_URL_NAMES = {
    "mfa_activate_totp",
    "mfa_index",
    "mfa_add_webauthn",
    "mfa_list_webauthn",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_reauthenticate",
    "account_reauthenticate",
    "account_logout",
    "accounts:keep-alive",
    "accounts:session-timeout",
}


def idle_seconds() -> float:
    return settings.SESSION_IDLE_MINUTES * 60


def idle_message() -> str:
    minutes = settings.SESSION_IDLE_MINUTES
    amount = f"{minutes:g} minute{'s' if minutes != 1 else ''}"
    return f"For your security you were signed out after {amount} without activity. Sign in again to continue."


def absolute_message() -> str:
    hours = settings.SESSION_ABSOLUTE_HOURS
    return f"For your security, sessions end {hours:g} hours after sign-in. Please sign in again."


def end_session(request, *, reason: str, message: str):
    """Sign the person out, tell them why on the login page, and send them there."""
    request.pitf_logout_reason = reason
    logout(request)
    messages.info(request, message)
    return redirect(settings.LOGIN_URL)


class SessionLifetimeMiddleware:
    """Ends a session after SESSION_IDLE_MINUTES without a request, and SESSION_ABSOLUTE_HOURS
    after sign-in however active it is. The session cookie's own age is only a backstop: ending
    the session here lets the login page say why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            signed_in_at = session.setdefault(SIGNED_IN_AT, now)
            last_seen_at = session.get(LAST_SEEN_AT, now)
            if now - signed_in_at > settings.SESSION_ABSOLUTE_HOURS * 3600:
                return end_session(request, reason="absolute limit", message=absolute_message())
            if now - last_seen_at > idle_seconds():
                return end_session(request, reason="idle", message=idle_message())
            if now - last_seen_at >= ACTIVITY_RECORD_SECONDS or LAST_SEEN_AT not in session:
                session[LAST_SEEN_AT] = now
        return self.get_response(request)


class SessionActivityMiddleware(UserSessionsMiddleware):
    """allauth's record of a session's last activity (the "Sessions" page), written at most once
    a minute instead of on every request."""

    def __call__(self, request):
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            now = time.time()
            if now - session.get(ACTIVITY_RECORDED_AT, 0) < ACTIVITY_RECORD_SECONDS:
                return self.get_response(request)
            session[ACTIVITY_RECORDED_AT] = now
        return super().__call__(request)


def enrolling_first_factor(request) -> bool:
    """Whether this session was sent to enrol its first second factor less than
    ACCOUNT_REAUTHENTICATION_TIMEOUT seconds after signing in."""
    if not request.user.is_authenticated or not request.session.get(MFA_ENROLLING):
        return False
    signed_in_at = request.session.get(SIGNED_IN_AT, 0)
    return time.time() - signed_in_at < settings.ACCOUNT_REAUTHENTICATION_TIMEOUT


def signed_in_by_single_sign_on(request) -> bool:
    methods = request.session.get("account_authentication_methods", [])
    return any(method.get("method") == "socialaccount" for method in methods)


def second_factor_checked(request) -> bool:
    """Whether this session's sign-in showed a second factor: the identity provider's answer
    said so (pitf.accounts.assurance), or the person used one of the hub's own."""
    from pitf.accounts.assurance import SSO_MFA_SHOWN

    methods = request.session.get("account_authentication_methods", [])
    return bool(request.session.get(SSO_MFA_SHOWN)) or any(
        method.get("method") == "mfa" for method in methods
    )


class RequireMfaMiddleware:
    """Every session shows a second factor (NIST SP 800-63B AAL2, OMB M-22-09). A password
    account signs in with one of the hub's (allauth's second step), and one without any is sent
    to enrol one. A single sign-on session counts the identity provider's, when its answer shows
    one; otherwise the person confirms with the hub's own (or enrols one)."""

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
        from allauth.mfa.models import Authenticator

        has_factor = Authenticator.objects.filter(
            user=request.user,
            type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN],
        ).exists()
        if signed_in_by_single_sign_on(request) and not second_factor_checked(request):
            if has_factor:
                messages.info(
                    request,
                    "Your sign-in service did not confirm a second factor. Confirm with yours "
                    "to go on.",
                )
                return redirect(
                    f"{reverse('mfa_reauthenticate')}?next={quote(request.get_full_path())}"
                )
        elif has_factor or signed_in_by_single_sign_on(request):
            request.session[MFA_ENROLLED] = True
            return None
        request.session[MFA_ENROLLING] = True
        messages.info(
            request,
            "Every account needs a second factor. Set up an authenticator app (or a security "
            "key) to finish signing in.",
        )
        return redirect("mfa_activate_totp")


# Browser features the hub never uses, turned off for its pages and anything they embed.
# Security keys (publickey-credentials-*) stay allowed: the hub signs in with them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class ResponseHeadersMiddleware:
    """Every page turns off the browser features the hub never uses (Permissions-Policy); a
    page served to a signed-in person is never stored by the browser or a shared cache, so a
    shared computer's history keeps nothing of it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if _signed_in(request):
            add_never_cache_headers(response)
        return response


def _signed_in(request) -> bool:
    try:
        return request.user.is_authenticated
    except Exception:  # noqa: BLE001  the session store is down (/healthz still answers)
        return False
