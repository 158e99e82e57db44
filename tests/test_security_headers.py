"""The headers every page carries: a Permissions-Policy that turns off the browser features the
hub never uses (security keys stay allowed), and, on every page served to a signed-in person,
Cache-Control that keeps the browser and shared caches from storing it. Whether
X-Forwarded-Proto is believed depends on a trusted proxy (tests/test_config.py)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db
TURNED_OFF = ("camera", "microphone", "geolocation", "payment", "usb", "display-capture")


def policy_of(response) -> dict[str, str]:
    return dict(part.strip().split("=", 1) for part in response["Permissions-Policy"].split(","))


def test_an_anonymous_page_turns_off_unused_features_and_may_be_cached(client, reference):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    policy = policy_of(response)
    assert all(policy[feature] == "()" for feature in TURNED_OFF)
    assert not any(feature.startswith("publickey-credentials") for feature in policy)
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("name", ["my-page", "people:user-list", "grants:award-list"])
def test_a_signed_in_page_is_never_stored(client, people, name):
    client.force_login(people["site_admin"])
    response = client.get(reverse(name))
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "no-cache", "private"} <= cache_control
    assert all(policy_of(response)[feature] == "()" for feature in TURNED_OFF)


def test_a_redirect_to_sign_in_carries_the_policy_too(client):
    response = client.get(reverse("my-page"))
    assert response.status_code == 302
    assert policy_of(response)["camera"] == "()"


def test_the_csrf_cookie_is_out_of_scripts_reach(client, reference):
    """A scan flagged the CSRF cookie as readable by scripts; no script of the hub reads it."""
    response = client.get(reverse("account_login"))
    cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


@pytest.mark.parametrize("name", ["account_login", "account_reset_password"])
def test_the_sign_in_forms_refuse_a_post_without_the_right_token(reference, name):
    """The scanner reported these forms as having no anti-CSRF token because it does not know
    Django's field name (csrfmiddlewaretoken); a forged token is refused."""
    client = Client(enforce_csrf_checks=True)
    form = client.get(reverse(name))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode())[1]
    data = {"login": "someone@example.gov", "password": "guess", "email": "someone@example.gov"}
    assert client.post(reverse(name), {**data, "csrfmiddlewaretoken": "wapiti"}).status_code == 403
    assert client.post(reverse(name), data).status_code == 403
    assert client.post(reverse(name), {**data, "csrfmiddlewaretoken": token}).status_code != 403
