"""Invitations are the only way in: who may invite whom, the e-mail and its single-use link,
resend and withdraw, accepting with a password the validators accept, and every bad link."""

import datetime
import hashlib
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from pitf.models import Agency, AuditEvent, Invitation, Notification, User
from pitf.people.views import invitations as people_views
from pitf.permissions import rule_for
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "quarterly agenda lantern harbor"
LINK = re.compile(r"https?://[^/\s]+(/people/invitations/accept/([A-Za-z0-9_-]+)/)")


@pytest.fixture(autouse=True)
def fresh_link_counter():
    """The unknown-link counter is kept per client address in the shared cache."""
    cache.delete("people:unknown-invitation-links:127.0.0.1")
    yield
    cache.delete("people:unknown-invitation-links:127.0.0.1")


def invite(client, actor, **fields):
    client.force_login(actor)
    data = {"email": "new.person@dhs.example.gov", "full_name": "Nia Newcomer", "job_title": ""}
    data.update(fields)
    return client.post(reverse("people:invitation-create"), data)


def link_of(notification: Notification) -> tuple[str, str]:
    """The accept path and its token, read from the e-mail's text as a person would."""
    match = LINK.search(notification.body)
    assert match, notification.body
    return match.group(1), match.group(2)


@pytest.fixture
def dhs(people):
    return people["representative"].agency


@pytest.fixture
def invited(client, people, dhs, django_capture_on_commit_callbacks):
    """A person invited by the site admin; returns (user, accept path)."""
    with django_capture_on_commit_callbacks(execute=False):
        response = invite(client, people["site_admin"], agency=dhs.pk)
    assert response.status_code == 302
    client.logout()
    person = User.objects.get(email="new.person@dhs.example.gov")
    path, _ = link_of(Notification.objects.get(recipient=person.email))
    return person, path


# Who may invite whom -----------------------------------------------------------------------


def test_site_admin_invites_anyone_into_any_agency(
    client, people, django_capture_on_commit_callbacks
):
    hhs = Agency.objects.get(acronym="HHS")
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = invite(
            client,
            people["site_admin"],
            email="Ada.Lovelace@HHS.example.gov",
            full_name="Ada Lovelace",
            job_title="Program analyst",
            agency=hhs.pk,
            site_admin="on",
        )
    person = User.objects.get(email="ada.lovelace@hhs.example.gov")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:user-detail", kwargs={"pk": person.pk})
    # An inactive account that nobody can sign in to until the invitation is accepted.
    assert not person.is_active and not person.has_usable_password()
    assert person.agency == hhs and person.job_title == "Program analyst"
    assert person.is_superuser and person.is_staff
    invitation = Invitation.objects.get(user=person)
    assert invitation.invited_by == people["site_admin"]
    assert invitation.state == "pending"
    valid_for = invitation.expires_at - invitation.created_at
    assert datetime.timedelta(days=7) - valid_for < datetime.timedelta(seconds=5)
    # The e-mail is a notification row first; its task is queued only when the change commits.
    notification = Notification.objects.get(recipient=person.email)
    assert notification.status == Notification.Status.PENDING
    assert len(queued) == 1
    assert "Ada Lovelace" in notification.body and "Department of Health" in notification.body
    event = AuditEvent.objects.get(action="invitation.sent")
    assert event.actor == people["site_admin"] and event.target_id == str(person.pk)


def test_only_a_hash_of_the_token_is_stored(client, invited):
    person, path = invited
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 43  # 32 random bytes, URL-safe base64
    invitation = Invitation.objects.get(user=person)
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in invitation.token_hash
    assert not Invitation.objects.filter(token_hash=token).exists()


def test_representative_invites_staff_of_their_own_agency(
    client, people, dhs, django_capture_on_commit_callbacks
):
    client.force_login(people["representative"])
    page = client.get(reverse("people:invitation-create")).content.decode()
    options = re.findall(r'<option value="(\d+)"', page)
    assert options == [str(dhs.pk)], "a representative is offered their own agency only"
    assert "site administrator" not in page.lower()
    with django_capture_on_commit_callbacks(execute=False):
        response = invite(client, people["representative"], agency=dhs.pk, site_admin="on")
    assert response.status_code == 302
    person = User.objects.get(email="new.person@dhs.example.gov")
    assert person.agency == dhs
    assert not person.is_superuser, "a representative cannot make a site administrator"


def test_representative_inviting_into_another_agency_is_refused(client, people):
    hhs = Agency.objects.get(acronym="HHS")
    response = invite(client, people["representative"], agency=hhs.pk)
    assert response.status_code == 403
    assert "agency you represent" in response.content.decode()
    assert not User.objects.filter(email="new.person@dhs.example.gov").exists()
    assert not Notification.objects.exists()
    event = AuditEvent.objects.get(action="permission.denied")
    assert event.actor == people["representative"]
    assert event.ip_address == "127.0.0.1"


def test_representative_opening_the_form_for_another_agency_is_refused(client, people):
    hhs = Agency.objects.get(acronym="HHS")
    client.force_login(people["representative"])
    response = client.get(reverse("people:invitation-create"), {"agency": hhs.pk})
    assert response.status_code == 403
    assert AuditEvent.objects.filter(action="permission.denied").count() == 1


@pytest.mark.parametrize("role", ["staff", "observer", "chair", "chairs_office"])
def test_other_roles_may_not_invite(client, people, role, dhs):
    response = invite(client, people[role], agency=dhs.pk)
    assert response.status_code == 403
    assert not User.objects.filter(email="new.person@dhs.example.gov").exists()


# Bad input ---------------------------------------------------------------------------------


def test_duplicate_email_is_refused_on_the_form(client, people, dhs):
    existing = people["staff"]
    response = invite(client, people["site_admin"], email=existing.email.upper(), agency=dhs.pk)
    assert response.status_code == 200
    page = response.content.decode()
    assert "An account with this e-mail address already exists" in page
    assert 'aria-invalid="true"' in page
    assert User.objects.filter(email__iexact=existing.email).count() == 1
    assert not Invitation.objects.exists() and not Notification.objects.exists()


def test_inviting_into_an_inactive_agency_is_refused_on_the_form(client, people):
    closed = AgencyFactory(name="Closed Office", acronym="CLO", active=False)
    response = invite(client, people["site_admin"], agency=closed.pk)
    assert response.status_code == 200
    assert "Closed Office is inactive" in response.content.decode()
    assert not User.objects.filter(email="new.person@dhs.example.gov").exists()
    assert not Notification.objects.exists()


def test_inactive_agencies_are_not_offered(client, people):
    AgencyFactory(name="Closed Office", acronym="CLO", active=False)
    client.force_login(people["site_admin"])
    page = client.get(reverse("people:invitation-create")).content.decode()
    assert "Closed Office" not in page
    assert "Department of Homeland Security" in page


def test_missing_fields_are_named(client, people):
    response = invite(client, people["site_admin"], email="not-an-address", full_name="")
    page = response.content.decode()
    assert response.status_code == 200
    assert "There are 3 problems" in page
    assert "Enter a valid email address." in page
    assert not User.objects.filter(full_name="").exists()


# Accepting ---------------------------------------------------------------------------------


def test_the_link_is_public_and_shows_the_password_hint(client, invited):
    person, path = invited
    assert rule_for("people:invitation-accept").public
    response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Welcome, Nia Newcomer" in page
    assert "At least 15 characters" in page and "NIST SP 800-63B" in page
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_accepting_sets_the_password_signs_in_and_sends_to_mfa(client, invited):
    person, path = invited
    response = client.post(path, {"password": GOOD_PASSWORD, "password_again": GOOD_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    person.refresh_from_db()
    assert person.is_active and person.check_password(GOOD_PASSWORD)
    assert Invitation.objects.get(user=person).state == "accepted"
    address = EmailAddress.objects.get(user=person)
    assert (address.email, address.verified, address.primary) == (person.email, True, True)
    assert client.session[SESSION_KEY] == str(person.pk)
    assert AuditEvent.objects.filter(action="invitation.accepted", actor=person).exists()
    # The enrolment page opens at once: no second password prompt right after choosing one.
    enrol = client.get(reverse("mfa_activate_totp"))
    assert enrol.status_code == 200
    # Anything else waits until a second factor is enrolled.
    assert client.get(reverse("my-page"))["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize(
    ("password", "again", "message"),
    [
        ("short phrase", "short phrase", "at least 15 characters"),
        ("1q2w3e4r5t6y7u8i9o0p", "1q2w3e4r5t6y7u8i9o0p", "too common"),
        ("123456789012345678", "123456789012345678", "entirely numeric"),
        (GOOD_PASSWORD, GOOD_PASSWORD + "x", "The two passwords are not the same."),
    ],
)
def test_a_refused_password_changes_nothing(client, invited, password, again, message):
    person, path = invited
    response = client.post(path, {"password": password, "password_again": again})
    assert response.status_code == 200
    assert message in response.content.decode()
    person.refresh_from_db()
    assert not person.is_active and not person.has_usable_password()
    assert Invitation.objects.get(user=person).state == "pending"
    assert not EmailAddress.objects.filter(user=person).exists()
    assert SESSION_KEY not in client.session


def test_a_used_link_cannot_be_used_again(client, invited):
    person, path = invited
    client.post(path, {"password": GOOD_PASSWORD, "password_again": GOOD_PASSWORD})
    client.logout()
    response = client.get(path)
    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    response = client.post(path, {"password": "another long passphrase", "password_again": "x"})
    assert response.status_code == 410
    person.refresh_from_db()
    assert person.check_password(GOOD_PASSWORD)
    assert AuditEvent.objects.filter(
        action="invitation.link_refused", data__state="accepted"
    ).exists()


def test_an_expired_link_says_so_and_names_who_can_help(client, invited, people):
    person, path = invited
    Invitation.objects.filter(user=person).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = client.get(path)
    assert response.status_code == 410
    page = response.content.decode()
    assert "The invitation has expired" in page
    assert people["site_admin"].full_name in page
    response = client.post(path, {"password": GOOD_PASSWORD, "password_again": GOOD_PASSWORD})
    assert response.status_code == 410
    person.refresh_from_db()
    assert not person.is_active


def test_unknown_links_all_get_the_same_page(client, invited):
    _, path = invited
    pages = []
    real = path.split("/")[-2]
    one_character_off = real[:-1] + ("B" if real.endswith("A") else "A")
    for token in ["x" * 43, "short", one_character_off]:
        response = client.get(reverse("people:invitation-accept", kwargs={"token": token}))
        assert response.status_code == 404
        pages.append(
            re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
        )
    assert "The link is not valid" in pages[0]
    assert pages[0] == pages[1] == pages[2]


def test_many_unknown_links_from_one_address_are_turned_away(client, invited, monkeypatch):
    _, path = invited
    monkeypatch.setattr(people_views, "UNKNOWN_LINKS_ALLOWED", 3)
    for n in range(3):
        unknown = reverse("people:invitation-accept", kwargs={"token": f"guess{n}"})
        assert client.get(unknown).status_code == 404
    response = client.get(path)
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


# Resend and withdraw -----------------------------------------------------------------------


def test_resend_sends_a_new_link_and_the_old_one_stops_working(
    client, invited, people, django_capture_on_commit_callbacks
):
    person, old_path = invited
    client.force_login(people["site_admin"])
    url = reverse("people:invitation-resend", kwargs={"pk": person.pk})
    assert "stops working" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(url)
    assert response.status_code == 302
    client.logout()
    newest = Notification.objects.filter(recipient=person.email).order_by("-pk").first()
    new_path, _ = link_of(newest)
    assert new_path != old_path
    assert [i.state for i in Invitation.objects.filter(user=person)] == ["pending", "revoked"]
    replaced = client.get(old_path)
    assert replaced.status_code == 410
    assert "A newer invitation was sent to you" in replaced.content.decode()
    assert client.get(new_path).status_code == 200
    assert AuditEvent.objects.filter(action="invitation.resent").count() == 1


def test_sent_copies_of_dead_links_are_redacted(
    client, invited, people, django_capture_on_commit_callbacks
):
    person, old_path = invited
    Notification.objects.filter(recipient=person.email).update(status=Notification.Status.SENT)
    client.force_login(people["site_admin"])
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("people:invitation-resend", kwargs={"pk": person.pk}))
    old_copy = Notification.objects.filter(recipient=person.email).order_by("pk").first()
    assert old_path not in old_copy.body
    assert "link no longer valid" in old_copy.body


def test_resend_to_someone_who_accepted_is_refused_with_a_message(client, invited, people):
    person, path = invited
    client.post(path, {"password": GOOD_PASSWORD, "password_again": GOOD_PASSWORD})
    client.force_login(people["site_admin"])
    response = client.post(reverse("people:invitation-resend", kwargs={"pk": person.pk}))
    assert response.status_code == 200
    assert "has already accepted an invitation" in response.content.decode()
    assert Invitation.objects.filter(user=person).count() == 1


def test_withdrawing_asks_first_then_the_link_stops_working(client, invited, people):
    person, path = invited
    invitation = Invitation.objects.get(user=person)
    client.force_login(people["representative"])  # DHS's representative, and the person is DHS
    url = reverse("people:invitation-revoke", kwargs={"pk": invitation.pk})
    confirmation = client.get(url)
    assert confirmation.status_code == 200
    assert "stops working at once" in confirmation.content.decode()
    assert Invitation.objects.get(pk=invitation.pk).state == "pending"
    response = client.post(url)
    assert response.status_code == 302
    assert Invitation.objects.get(pk=invitation.pk).state == "revoked"
    client.logout()
    withdrawn = client.get(path)
    assert withdrawn.status_code == 410
    assert "The invitation was withdrawn" in withdrawn.content.decode()
    assert AuditEvent.objects.filter(action="invitation.revoked").exists()


def test_withdrawing_twice_says_there_is_nothing_to_withdraw(client, invited, people):
    person, _ = invited
    invitation = Invitation.objects.get(user=person)
    client.force_login(people["site_admin"])
    url = reverse("people:invitation-revoke", kwargs={"pk": invitation.pk})
    client.post(url)
    response = client.post(url)
    assert response.status_code == 200
    assert "already revoked" in response.content.decode()


def test_another_agencys_representative_cannot_see_or_withdraw(client, invited, people):
    person, _ = invited
    invitation = Invitation.objects.get(user=person)
    other = UserFactory(agency=Agency.objects.get(acronym="HHS"))
    from tests.factories import DesignationFactory

    DesignationFactory(
        person=other, agency=other.agency, body=people["representative"].designations.first().body
    )
    client.force_login(other)
    url = reverse("people:invitation-revoke", kwargs={"pk": invitation.pk})
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert Invitation.objects.get(pk=invitation.pk).state == "pending"
    resend = reverse("people:invitation-resend", kwargs={"pk": person.pk})
    assert client.post(resend).status_code == 404
    assert Invitation.objects.filter(user=person).count() == 1


def test_a_signed_in_person_is_told_to_sign_out_first(client, invited, people):
    person, path = invited
    client.force_login(people["staff"])
    page = client.get(path).content.decode()
    assert "You are signed in as someone else" in page
    client.post(path, {"password": GOOD_PASSWORD, "password_again": GOOD_PASSWORD})
    person.refresh_from_db()
    assert not person.is_active
