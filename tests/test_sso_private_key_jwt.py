"""Single sign-on with private_key_jwt (RFC 7523), the client authentication login.gov asks for,
against panva's `oidc-provider` (Node) started on loopback with the hub registered by its public
key only: the hub signs a client assertion with its private key, and the provider refuses any
other key. The account rules are those of tests/test_sso.py."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import jwt
import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.urls import reverse

from pitf.config import oidc_apps
from pitf.models import AuditEvent, User
from tests.conftest import free_port
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
CALLBACK = "http://testserver/accounts/oidc/oidc/login/callback/"
ACCOUNTS = {
    # rep-1's provider says it checked a second factor (amr), as login.gov does at AAL2.
    "rep-1": {"email": "Rep@DHS.example.gov", "email_verified": True, "amr": ["pwd", "mfa"]},
    "x-1": {"email": "stranger@example.gov", "email_verified": True},
}


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def pem(key: rsa.RSAPrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


class NodeProvider:
    """The provider's process, its issuer URL and the file of what it reported."""

    def __init__(self, process: subprocess.Popen, issuer: str, log: Path):
        self.process = process
        self.issuer = issuer
        self.log = log


@pytest.fixture(scope="module")
def registered_key():
    """The key pair the hub is registered with at the provider (public half only)."""
    return new_key()


@pytest.fixture(scope="module")
def node_provider(registered_key, tmp_path_factory):
    node = shutil.which("node")
    if not (node and (ROOT / "node_modules" / "oidc-provider").exists()):
        pytest.fail("Node and the npm package oidc-provider are needed: run `make setup`")
    public_jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(registered_key.public_key()))
    port = free_port()
    config = {
        "port": port,
        "client": {
            "client_id": "pitf-hub",
            "token_endpoint_auth_method": "private_key_jwt",
            "token_endpoint_auth_signing_alg": "RS256",
            "jwks": {"keys": [{**public_jwk, "kid": "hub-2026", "use": "sig", "alg": "RS256"}]},
            "redirect_uris": [CALLBACK],
            "grant_types": ["authorization_code"],
            "response_types": ["code"],
        },
        "accounts": ACCOUNTS,
    }
    log = tmp_path_factory.mktemp("oidc-provider") / "provider.log"
    with log.open("w") as errors:
        process = subprocess.Popen(
            [node, str(ROOT / "tests" / "oidc" / "provider.mjs")],
            env={**os.environ, "OIDC_TEST_PROVIDER": json.dumps(config)},
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
    line = process.stdout.readline()
    if not line.startswith("listening "):
        process.kill()
        pytest.fail(f"the OpenID Connect provider did not start: {line}{log.read_text()}")
    try:
        yield NodeProvider(process, line.split()[1], log)
    finally:
        process.terminate()
        process.wait(timeout=10)


def configure(settings, provider: NodeProvider, key_pem: str) -> None:
    """The hub configured as these environment variables would configure it."""
    apps = oidc_apps(
        {
            "OIDC_ISSUER_URL": provider.issuer,
            "OIDC_CLIENT_ID": "pitf-hub",
            "OIDC_PRIVATE_KEY": key_pem,
            "OIDC_PRIVATE_KEY_ID": "hub-2026",
            "OIDC_NAME": "login.gov",
        }
    )
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": apps}
    }


class Forms(HTMLParser):
    """The action of each form on a page."""

    def __init__(self):
        super().__init__()
        self.actions: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            self.actions.append(dict(attrs)["action"])


def follow(browser: requests.Session, url: str) -> requests.Response:
    """Follow the provider's redirects until it shows a page or sends the person back."""
    while True:
        response = browser.get(url, allow_redirects=False, timeout=10)
        location = response.headers.get("Location")
        if not location or location.startswith("http://testserver/"):
            return response
        url = urljoin(url, location)


def submit(browser: requests.Session, page: requests.Response, fields: dict) -> requests.Response:
    forms = Forms()
    forms.feed(page.text)
    assert forms.actions, page.text
    action = urljoin(page.url, forms.actions[0])
    response = browser.post(action, data=fields, allow_redirects=False, timeout=10)
    assert response.status_code in (302, 303), response.text
    return follow(browser, urljoin(action, response.headers["Location"]))


def through_provider(client, provider: NodeProvider, sub: str):
    """Start at the hub, sign in as `sub` on the provider's own pages and consent there, and
    bring the answer back to the hub's callback."""
    start = client.post(reverse("openid_connect_login", kwargs={"provider_id": "oidc"}))
    assert start["Location"].startswith(f"{provider.issuer}/auth?")
    browser = requests.Session()
    login_page = follow(browser, start["Location"])
    assert 'name="login"' in login_page.text
    consent_page = submit(browser, login_page, {"prompt": "login", "login": sub, "password": "x"})
    assert 'value="consent"' in consent_page.text
    answer = submit(browser, consent_page, {"prompt": "consent"})
    callback = urlsplit(answer.headers["Location"])
    assert f"http://testserver{callback.path}" == CALLBACK
    return client.get(f"{callback.path}?{callback.query}")


def test_a_person_with_an_account_signs_in_by_private_key_jwt(
    client, settings, node_provider, registered_key
):
    configure(settings, node_provider, pem(registered_key))
    user = UserFactory(email="rep@dhs.example.gov", totp=False)
    response = through_provider(client, node_provider, "rep-1")
    assert response["Location"] == reverse("my-page")
    assert client.get(reverse("my-page")).status_code == 200
    account = SocialAccount.objects.get()
    assert (account.user, account.uid) == (user, "rep-1")
    login = AuditEvent.objects.get(action="user.login")
    assert login.actor == user and login.data["provider"] == "login.gov"


def test_a_stranger_is_refused_and_nothing_is_created(
    client, settings, node_provider, registered_key
):
    configure(settings, node_provider, pem(registered_key))
    response = through_provider(client, node_provider, "x-1")
    assert response.status_code == 403
    assert "No account for this sign-in" in re.sub(r"\s+", " ", response.content.decode())
    assert not User.objects.filter(email__iexact="stranger@example.gov").exists()
    assert not SocialAccount.objects.exists() and not EmailAddress.objects.exists()


def test_the_provider_refuses_a_key_it_does_not_know(client, settings, node_provider):
    """Signed with another key, the client assertion is refused at the token endpoint: the
    person sees that single sign-on did not work and is not signed in."""
    configure(settings, node_provider, pem(new_key()))
    UserFactory(email="rep@dhs.example.gov", totp=False)
    response = through_provider(client, node_provider, "rep-1")
    assert "Single sign-on did not work" in response.content.decode()
    assert client.get(reverse("my-page")).status_code == 302
    assert not SocialAccount.objects.exists()
    assert not AuditEvent.objects.filter(action="user.login").exists()
    assert (
        "grant.error invalid_client client authentication failed" in node_provider.log.read_text()
    )
