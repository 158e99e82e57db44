"""Single sign-on against a real OpenID Connect provider (oidc-provider-mock, authlib and Flask)
started on loopback: people with an account get in by their verified e-mail address, anyone else
is refused with nothing created, and a tampered state is refused."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from pitf.models import AuditEvent, User
from tests.conftest import free_port
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PROVIDER_NAME = "Agency ID"


class OidcProvider:
    """The running provider, and its way of saying who a person is there."""

    def __init__(self, server):
        self.server = server
        self.url = f"http://localhost:{server.server_port}"

    def person(self, sub: str, **claims) -> str:
        response = requests.put(f"{self.url}/users/{sub}", json=claims, timeout=5)
        response.raise_for_status()
        return sub


@pytest.fixture
def oidc_provider(settings):
    """A real OpenID Connect provider on a free loopback port, and the hub configured for it as
    the environment variables OIDC_ISSUER_URL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_NAME
    would configure it."""
    from oidc_provider_mock import run_server_in_thread

    with run_server_in_thread(port=free_port()) as server:
        provider = OidcProvider(server)
        settings.SOCIALACCOUNT_PROVIDERS = {
            "openid_connect": {
                "OAUTH_PKCE_ENABLED": True,
                "APPS": [
                    {
                        "provider_id": "oidc",
                        "name": PROVIDER_NAME,
                        "client_id": "pitf-hub",
                        "secret": "test-client-secret",
                        "settings": {"server_url": provider.url, "scope": ["openid", "email"]},
                    }
                ],
            }
        }
        settings.SECURE_CSP = {
            **settings.SECURE_CSP,
            "form-action": [*settings.SECURE_CSP["form-action"], provider.url],
        }
        yield provider


def sso_login_url() -> str:
    return reverse("openid_connect_login", kwargs={"provider_id": "oidc"})


def through_provider(client, provider: OidcProvider, sub: str):
    """Start single sign-on at the hub, choose `sub` at the provider's own form (a real HTTP
    POST to it), and bring the answer back to the hub's callback."""
    start = client.post(sso_login_url())
    authorize_url = start["Location"]
    assert authorize_url.startswith(f"{provider.url}/oauth2/authorize?")
    answer = requests.post(authorize_url, data={"sub": sub}, allow_redirects=False, timeout=5)
    assert answer.status_code == 302, answer.text
    callback = urlsplit(answer.headers["Location"])
    assert callback.path == reverse("openid_connect_callback", kwargs={"provider_id": "oidc"})
    return client.get(f"{callback.path}?{callback.query}")


def nothing_created(email: str) -> bool:
    return (
        not User.objects.filter(email__iexact=email).exists()
        and not SocialAccount.objects.exists()
        and not EmailAddress.objects.filter(email__iexact=email).exists()
    )


def test_the_login_page_offers_the_provider(client, oidc_provider):
    html = client.get(reverse("account_login")).content.decode()
    assert f"Sign in with {PROVIDER_NAME}" in html
    assert f'action="{sso_login_url()}"' in html


def test_no_button_without_a_provider(client):
    assert "Sign in with" not in client.get(reverse("account_login")).content.decode()


def test_a_person_with_an_account_gets_in_without_a_local_second_factor(client, oidc_provider):
    user = UserFactory(email="rep@dhs.example.gov", totp=False)
    oidc_provider.person(
        "rep-123", email="Rep@DHS.example.gov", email_verified=True, amr=["pwd", "mfa"]
    )
    response = through_provider(client, oidc_provider, "rep-123")
    assert response["Location"] == reverse("my-page")
    # The identity provider's factors, shown in its answer, count: no local enrolment.
    assert client.get(reverse("my-page")).status_code == 200
    account = SocialAccount.objects.get()
    assert (account.user, account.uid) == (user, "rep-123")
    login = AuditEvent.objects.get(action="user.login")
    assert login.actor == user and login.data["provider"] == PROVIDER_NAME
    user.refresh_from_db()
    assert user.check_password("correct horse battery staple"), "the password stays usable"

    # The second time the link made the first time is used.
    client.post(reverse("account_logout"))
    assert through_provider(client, oidc_provider, "rep-123")["Location"] == reverse("my-page")
    assert SocialAccount.objects.count() == 1


def test_a_stranger_is_refused_and_nothing_is_created(client, oidc_provider):
    oidc_provider.person("x-1", email="stranger@example.gov", email_verified=True)
    response = through_provider(client, oidc_provider, "x-1")
    assert response.status_code == 403
    text = re.sub(r"\s+", " ", response.content.decode())
    assert "No account for this sign-in" in text
    assert "The hub has no account with this e-mail address" in text
    assert nothing_created("stranger@example.gov")
    assert client.get(reverse("my-page")).status_code == 302
    refused = AuditEvent.objects.get(action="sso.refused")
    assert refused.data == {
        "email": "stranger@example.gov",
        "reason": "no account with this e-mail address",
    }


def test_an_unverified_address_is_refused_even_if_it_matches(client, oidc_provider):
    UserFactory(email="rep@dhs.example.gov")
    oidc_provider.person("rep-9", email="rep@dhs.example.gov", email_verified=False)
    response = through_provider(client, oidc_provider, "rep-9")
    assert response.status_code == 403
    assert "did not confirm that it has verified your e-mail address" in response.content.decode()
    assert not SocialAccount.objects.exists() and not EmailAddress.objects.exists()


def test_a_deactivated_account_is_refused(client, oidc_provider):
    UserFactory(email="gone@dhs.example.gov", is_active=False)
    oidc_provider.person("gone-1", email="gone@dhs.example.gov", email_verified=True)
    response = through_provider(client, oidc_provider, "gone-1")
    assert response.status_code == 403
    assert "is deactivated" in response.content.decode()
    assert not SocialAccount.objects.exists()
    assert AuditEvent.objects.get(action="sso.refused").data["reason"] == "account deactivated"


def test_a_tampered_state_is_refused(client, oidc_provider):
    user = UserFactory(email="rep@dhs.example.gov")
    oidc_provider.person("rep-1", email=user.email, email_verified=True)
    start = client.post(sso_login_url())
    answer = requests.post(start["Location"], data={"sub": "rep-1"}, allow_redirects=False)
    callback = urlsplit(answer.headers["Location"])
    query = parse_qs(callback.query)
    tampered = f"{callback.path}?code={query['code'][0]}&state=forged-{query['state'][0]}"
    response = client.get(tampered)
    assert "Single sign-on did not work" in response.content.decode()
    assert client.get(reverse("my-page")).status_code == 302
    assert not SocialAccount.objects.exists()
    assert AuditEvent.objects.filter(action="sso.error").exists()


def test_a_cancelled_sign_in_says_so(client, oidc_provider):
    start = client.post(sso_login_url())
    answer = requests.post(
        start["Location"], data={"action": "deny"}, allow_redirects=False, timeout=5
    )
    callback = urlsplit(answer.headers["Location"])
    response = client.get(f"{callback.path}?{callback.query}")
    assert response["Location"] == reverse("socialaccount_login_cancelled")
    page = client.get(response["Location"])
    assert "You cancelled signing in at the identity provider" in page.content.decode()
    assert client.get(reverse("my-page")).status_code == 302
