"""The invitation e-mail travels as a notification row, then a task on Redis, to a real Celery
worker process that sends it over SMTP; the link in the message as received lets the person in."""

import re

import pytest
from django.urls import reverse

from pitf.models import Notification, User

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def test_the_invitation_arrives_by_smtp_and_its_link_works(
    celery_worker_process, smtp_sink, client, people
):
    dhs = people["representative"].agency
    client.force_login(people["representative"])
    response = client.post(
        reverse("people:invitation-create"),
        {"email": "kai.newhire@dhs.example.gov", "full_name": "Kai Newhire", "agency": dhs.pk},
    )
    assert response.status_code == 302

    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "kai.newhire@dhs.example.gov"
    assert message["Subject"] == "Your invitation to the PITF coordination hub"
    # A plain-text and an HTML part; the link is in both.
    body = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Riley Representative has invited you" in body
    assert "Department of Homeland Security" in body
    link = re.search(r"http://testserver(/people/invitations/accept/[\w-]+/)", body)
    assert link, body
    assert "Riley Representative has invited you" in html
    assert f'href="http://testserver{link.group(1)}"' in html and "Accept the invitation" in html
    notification = Notification.objects.get(recipient="kai.newhire@dhs.example.gov")
    assert message["Message-ID"] == notification.message_id

    client.logout()
    password = "seven long words make a passphrase"
    assert client.get(link.group(1)).status_code == 200
    accepted = client.post(link.group(1), {"password": password, "password_again": password})
    assert accepted["Location"] == reverse("mfa_activate_totp")
    person = User.objects.get(email="kai.newhire@dhs.example.gov")
    assert person.is_active and person.check_password(password)
