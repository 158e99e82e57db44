"""Whether single sign-on showed a second factor: the identity provider's answer (its ID token
and user info) says so with an `acr` the hub accepts as multi-factor (login.gov's AAL2 and up),
or an `amr` naming a multi-factor method (RFC 8176). A session whose provider did not show one
is asked for the hub's own second factor (pitf.middleware.RequireMfaMiddleware)."""

from __future__ import annotations

from django.conf import settings

# RFC 8176 authentication method references that mean more than a password was checked.
MFA_AMR = frozenset({"mfa", "otp", "hwk", "swk", "sc", "phr", "phrh", "fpt", "face", "iris"})
# Kept in the session when the provider showed a second factor.
SSO_MFA_SHOWN = "pitf_sso_mfa_shown"


def claims_of(extra_data: dict) -> dict:
    return {**(extra_data.get("userinfo") or {}), **(extra_data.get("id_token") or {})}


def provider_showed_mfa(extra_data: dict) -> bool:
    claims = claims_of(extra_data or {})
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = amr.split()
    if MFA_AMR & {str(method).lower() for method in amr}:
        return True
    return claims.get("acr") in settings.OIDC_MFA_ACR_VALUES
