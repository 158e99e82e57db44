"""The account security page a person can find: linked from the header and My page, it shows
their password, authenticator app, recovery codes, security keys and sessions, each with the page
that changes it, and their recent sign-ins and failed attempts from the audit log (another
person's never), with the time zone."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.test_accounts import password_step, sign_in

pytestmark = pytest.mark.django_db


def test_a_person_finds_the_page_and_sees_their_factors_and_sign_ins(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    person, stranger = UserFactory(), UserFactory()
    password_step(client, person.email, "a wrong password")
    password_step(client, stranger.email, "another wrong password")
    sign_in(client, person)
    my_page = client.get(reverse("my-page")).content.decode()
    security = reverse("accounts:security")
    assert my_page.count(f'href="{security}"') == 2  # the header and the My page card
    page = client.get(security)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    text = page.content.decode()
    assert "Authenticator app: set up" in text
    assert "Security keys: 0" in text
    assert f'href="{reverse("account_change_password")}"' in text
    assert f'href="{reverse("mfa_index")}"' in text
    assert f'href="{reverse("usersessions_list")}"' in text
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</th>\s*<td>(.*?)</td>", text, re.S)
    assert [what for _, what in rows] == ["Signed in", "<strong>A failed attempt</strong>"]
    assert all(re.search(r" [AP]M E[SD]T$", when) for when, _ in rows), rows
    assert "127.0.0.1" in text


def test_an_account_without_a_password_says_so(client):
    person = UserFactory()  # an authenticator app, and no recovery codes made yet
    person.set_unusable_password()
    person.save()
    client.force_login(person)
    text = client.get(reverse("accounts:security")).content.decode()
    assert "you sign in through single sign-on" in text
    assert "Recovery codes: none made yet" in text
    assert "No sign-in is recorded yet." in text
    assert reverse("account_change_password") not in text
