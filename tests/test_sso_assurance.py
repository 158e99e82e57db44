"""Single sign-on and the second factor, against the real OpenID Connect provider on loopback:
the hub asks for login.gov's AAL2; an answer that shows a second factor (an `amr` of a
multi-factor method, or an accepted `acr`) lets the person in; one that does not asks for the
hub's own second factor (or its enrolment); and single sign-on never opens a site
administrator's account unless a setting allows it."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pyotp
import pytest
from django.urls import reverse

from pitf.config import LOGIN_GOV_AAL2, oidc_apps
from pitf.models import AuditEvent
from tests.factories import UserFactory
from tests.test_sso import oidc_provider, sso_login_url, through_provider  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_hub_asks_the_provider_for_a_second_factor():
    [app] = oidc_apps(
        {"OIDC_ISSUER_URL": "https://idp.int.identitysandbox.gov", "OIDC_CLIENT_ID": "hub"}
    )
    assert app["settings"]["auth_params"] == {"acr_values": LOGIN_GOV_AAL2}


def test_the_request_to_the_provider_carries_the_asked_assurance(client, oidc_provider, settings):  # noqa: F811
    app = settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"][0]
    app["settings"]["auth_params"] = {"acr_values": LOGIN_GOV_AAL2}
    start = client.post(sso_login_url())
    query = parse_qs(urlsplit(start["Location"]).query)
    assert query["acr_values"] == [LOGIN_GOV_AAL2]


@pytest.mark.parametrize(
    "claims", [{"amr": ["pwd", "otp"]}, {"acr": LOGIN_GOV_AAL2}, {"amr": "hwk"}]
)
def test_an_answer_that_shows_a_second_factor_lets_the_person_in(client, oidc_provider, claims):  # noqa: F811
    UserFactory(email="rep@dhs.example.gov", totp=False)
    oidc_provider.person("rep-1", email="rep@dhs.example.gov", email_verified=True, **claims)
    assert through_provider(client, oidc_provider, "rep-1")["Location"] == reverse("my-page")
    assert client.get(reverse("my-page")).status_code == 200


def test_an_answer_without_one_asks_for_the_hubs_own(client, oidc_provider):  # noqa: F811
    user = UserFactory(email="rep@dhs.example.gov")  # with an authenticator app
    oidc_provider.person("rep-2", email=user.email, email_verified=True, amr=["pwd"])
    stepped_up = through_provider(client, oidc_provider, "rep-2")
    assert stepped_up["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("my-page")).status_code == 302  # not signed in until then
    code = pyotp.TOTP(user.totp_secret).now()
    confirmed = client.post(reverse("mfa_authenticate"), {"code": code})
    assert confirmed.status_code == 302, confirmed.content.decode()[:500]
    assert client.get(reverse("my-page")).status_code == 200


def test_an_answer_without_one_and_no_factor_of_the_hubs_sends_to_enrolment(
    client,
    oidc_provider,  # noqa: F811
):
    user = UserFactory(email="rep@dhs.example.gov", totp=False)
    oidc_provider.person("rep-3", email=user.email, email_verified=True)
    through_provider(client, oidc_provider, "rep-3")
    assert client.get(reverse("my-page"))["Location"] == reverse("mfa_activate_totp")


def test_a_site_administrators_account_is_not_opened_unless_allowed(
    client,
    oidc_provider,  # noqa: F811
    settings,
):
    admin = UserFactory(email="admin@dos.example.gov", is_staff=True, is_superuser=True)
    oidc_provider.person("adm-1", email=admin.email, email_verified=True, amr=["mfa"])
    refused = through_provider(client, oidc_provider, "adm-1")
    assert refused.status_code == 403
    assert "site administrator's account" in refused.content.decode()
    assert client.get(reverse("my-page")).status_code == 302
    assert (
        AuditEvent.objects.get(action="sso.refused")
        .data["reason"]
        .startswith("a site administrator's account")
    )
    settings.SSO_ADMITS_SITE_ADMINS = True  # then on to the account's own second factor
    admitted = through_provider(client, oidc_provider, "adm-1")
    assert admitted["Location"] == reverse("mfa_authenticate")
