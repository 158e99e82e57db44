"""Single sign-on through one OpenID Connect provider: allauth's views, with the client able to
prove itself to the token endpoint by a signed JWT (private_key_jwt, RFC 7523) as login.gov asks,
besides a client secret."""

from __future__ import annotations

import secrets
import time

import jwt
from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from allauth.utils import get_request_param
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from django.http import Http404
from django.urls import include, path

CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
ASSERTION_LIFETIME_SECONDS = 300


def client_assertion(app: SocialApp, token_endpoint: str) -> str:
    """A short-lived JWT by which the hub, as client `app.client_id`, proves itself to the
    provider's token endpoint: signed with the configured private key, for that endpoint only,
    and never reusable (a fresh jti each time)."""
    key = load_pem_private_key(app.settings["private_key"].encode(), password=None)
    algorithm = "ES256" if isinstance(key, ec.EllipticCurvePrivateKey) else "RS256"
    now = int(time.time())
    claims = {
        "iss": app.client_id,
        "sub": app.client_id,
        "aud": token_endpoint,
        "jti": secrets.token_urlsafe(32),
        "iat": now,
        "exp": now + ASSERTION_LIFETIME_SECONDS,
    }
    headers = (
        {"kid": app.settings["private_key_id"]} if app.settings.get("private_key_id") else None
    )
    return jwt.encode(claims, key, algorithm=algorithm, headers=headers)


class HubOidcAdapter(OpenIDConnectOAuth2Adapter):
    """allauth's OpenID Connect adapter, signing a client assertion when so configured."""

    def get_access_token_data(self, request, app, client, pkce_code_verifier=None):
        if app.settings.get("token_auth_method") != "private_key_jwt":
            return super().get_access_token_data(
                request, app, client, pkce_code_verifier=pkce_code_verifier
            )
        # No secret with private_key_jwt: an empty value is left out of the request.
        client.consumer_secret = ""  # nosec B105
        data = client.get_access_token(
            get_request_param(request, "code"),
            pkce_code_verifier=pkce_code_verifier,
            extra_data={
                "client_assertion_type": CLIENT_ASSERTION_TYPE,
                "client_assertion": client_assertion(app, self.access_token_url),
            },
        )
        self.did_fetch_access_token = True
        return data


@login_not_required
def login(request, provider_id):
    try:
        return OAuth2LoginView.adapter_view(HubOidcAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None


@login_not_required
def callback(request, provider_id):
    try:
        return OAuth2CallbackView.adapter_view(HubOidcAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None


# The paths and names of allauth's openid_connect URLs, served by the views above.
urlpatterns = [
    path(
        "<str:provider_id>/",
        include(
            [
                path("login/", login, name="openid_connect_login"),
                path("login/callback/", callback, name="openid_connect_callback"),
            ]
        ),
    )
]
