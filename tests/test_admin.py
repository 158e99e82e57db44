"""The Django admin (for emergencies) lists and searches every core model; its search and every
filter narrow the list they are given."""

import pytest
from django.urls import reverse

from tests.factories import DesignationFactory, UserFactory

pytestmark = pytest.mark.django_db
MODELS = [
    "agency",
    "body",
    "membership",
    "designation",
    "bodyrole",
    "notification",
    "user",
    "workerheartbeat",
]


@pytest.mark.parametrize("model", MODELS)
def test_changelist_with_search_and_filters(client, reference, model):
    DesignationFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse(f"admin:pitf_{model}_changelist")
    assert client.get(url).status_code == 200
    assert client.get(url, {"q": "DO"}).status_code == 200


def test_staff_without_superuser_sees_nothing(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("admin:pitf_agency_changelist")).status_code == 403


def test_bad_input_to_the_admin_is_answered_in_words(client, reference):
    """Findings of the form fuzzer (tests/test_fuzz_forms.py walks them all), one of each kind."""
    from allauth.mfa.models import Authenticator

    from pitf.models import Agency

    admin_user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    dhs = Agency.objects.get(acronym="DHS")
    # An autocomplete field given a non-number or a number beyond 64 bits: a form error.
    for parent in ("abc", "99999999999999999999999", "a\x00b"):
        response = client.post(
            reverse("admin:pitf_agency_change", args=[dhs.pk]),
            {"name": dhs.name, "acronym": dhs.acronym, "kind": dhs.kind, "parent": parent},
        )
        assert response.status_code == 200, parent
        assert "parent" in response.context["adminform"].form.errors, parent
    # A year drill-down beyond what a date holds: the list says the lookup is wrong.
    response = client.get(
        reverse("admin:pitf_membership_changelist"), {"start_date__year": "99999999999999999999"}
    )
    assert response.status_code == 302 and "e=1" in response["Location"]
    # Searching django-auditlog's entries and allauth's sessions (their admins name fields of
    # Django's default user, which the hub's lacks).
    for name in ("admin:auditlog_logentry_changelist", "admin:usersessions_usersession_changelist"):
        assert client.get(reverse(name), {"q": "admin"}).status_code == 200
    # Heartbeats are the workers' to write.
    assert client.get(reverse("admin:pitf_workerheartbeat_add")).status_code == 403
    # A second factor's kind cannot be changed (a TOTP secret shown as a security key failed).
    totp = Authenticator.objects.get(user=admin_user, type=Authenticator.Type.TOTP)
    response = client.post(
        reverse("admin:mfa_authenticator_change", args=[totp.pk]),
        {"user": admin_user.pk, "type": "webauthn"},
    )
    assert response.status_code in (200, 302, 403)
    totp.refresh_from_db()
    assert totp.type == Authenticator.Type.TOTP


def test_second_factors_and_single_sign_on_accounts_are_made_by_their_flows_only(client, people):
    """The admin shows them and may delete one; it adds or edits none: an authenticator without
    its data, one moved onto a person who already has that kind, or a social account whose data
    PostgreSQL refuses each answered 500 before."""
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialAccount

    admin_user = people["site_admin"]
    client.force_login(admin_user)
    staff_factor = Authenticator.objects.get(user=people["staff"], type=Authenticator.Type.TOTP)
    account = SocialAccount.objects.create(
        user=people["staff"], provider="openid_connect", uid="sso-1", extra_data={"a": 1}
    )
    assert client.get(reverse("admin:mfa_authenticator_add")).status_code == 403
    assert (
        client.post(
            reverse("admin:mfa_authenticator_add"), {"user": admin_user.pk, "type": "totp"}
        ).status_code
        == 403
    )
    assert client.get(reverse("admin:socialaccount_socialaccount_add")).status_code == 403
    change = reverse("admin:mfa_authenticator_change", args=[staff_factor.pk])
    assert client.get(change).status_code == 200  # shown, read-only
    response = client.post(change, {"user": people["representative"].pk, "type": "totp"})
    assert response.status_code == 403
    staff_factor.refresh_from_db()
    assert staff_factor.user == people["staff"]
    social = reverse("admin:socialaccount_socialaccount_change", args=[account.pk])
    response = client.post(
        social,
        {
            "user": people["staff"].pk,
            "provider": "openid_connect",
            "uid": "sso-1",
            "extra_data": "1e309",
        },
    )
    assert response.status_code == 403
    account.refresh_from_db()
    assert account.extra_data == {"a": 1}
    # Deleting one stays possible (a lost phone).
    delete = reverse("admin:mfa_authenticator_delete", args=[staff_factor.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not Authenticator.objects.filter(pk=staff_factor.pk).exists()


@pytest.mark.parametrize("model", ["admin:pitf_agency_add", "admin:auth_group_add"])
def test_a_popup_naming_no_model_is_refused_before_anything_is_saved(client, people, model):
    from django.contrib.auth.models import Group

    from pitf.models import Agency

    client.force_login(people["site_admin"])
    agencies, groups = Agency.objects.count(), Group.objects.count()
    data = {"name": "Popup Office", "acronym": "POP", "kind": "independent_agency", "website": ""}
    response = client.post(
        reverse(model) + "?_popup=1&_to_field=id",
        {**data, "_popup": "1", "_to_field": "id", "_source_model": "nonsense"},
    )
    assert response.status_code == 400
    assert (Agency.objects.count(), Group.objects.count()) == (agencies, groups)
    # A known model is still followed: the popup saves and answers.
    response = client.post(
        reverse(model) + "?_popup=1&_to_field=id",
        {**data, "_popup": "1", "_to_field": "id", "_source_model": "pitf.agency"},
    )
    assert response.status_code == 200
    assert Agency.objects.count() + Group.objects.count() == agencies + groups + 1


def test_json_beyond_what_postgresql_stores_is_a_form_error():
    from django.core.exceptions import ValidationError

    from pitf.admin import StrictJSONField

    field = StrictJSONField()
    assert field.clean('{"a": 1.5}') == {"a": 1.5}
    for value in ('{"a": 1e309}', "-1e999", "NaN"):
        with pytest.raises(ValidationError):
            field.clean(value)


@pytest.fixture
def rows_everywhere(people):
    """At least two rows of every model the admin lists, so that a search or filter that
    works shows fewer rows than it was given."""
    from django.utils import timezone

    from pitf.models import Notification, WorkerHeartbeat

    for index, status in enumerate(("sent", "failed")):
        Notification.objects.create(
            recipient=f"person{index}@example.gov",
            subject=f"Notice {index}",
            body="Text.",
            kind="meeting.invitation",
            status=status,
        )
        WorkerHeartbeat.objects.create(hostname=f"celery@host{index}", last_seen=timezone.now())
    DesignationFactory()  # the representative's, and another
    return people


@pytest.mark.parametrize("model", MODELS)
def test_search_and_every_filter_narrow_the_list(client, rows_everywhere, model):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse(f"admin:pitf_{model}_changelist")
    listing = client.get(url).context["cl"]
    total = listing.result_count  # unfiltered: every row (no second count of the table)
    assert total >= 2, model
    if listing.search_fields:
        assert client.get(url, {"q": "no-such-thing-anywhere"}).context["cl"].result_count == 0
        first = listing.result_list[0]
        term = str(getattr(first, listing.search_fields[0].split("__")[0]))[:6]
        found = client.get(url, {"q": term}).context["cl"]
        assert 1 <= found.result_count <= total, (model, term)
    narrowed = False
    for spec in listing.filter_specs:
        for choice in list(spec.choices(listing))[1:]:  # after "All"
            response = client.get(url + choice["query_string"])
            assert response.status_code == 200, (model, choice["query_string"])
            count = response.context["cl"].result_count
            assert count <= total
            narrowed |= count < total
    assert narrowed or not listing.filter_specs, f"no filter of {model} narrowed its list"
