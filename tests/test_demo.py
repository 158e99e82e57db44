"""Demo accounts: one per role, only on the embedded default, never twice."""

import pytest
from django.core.management import CommandError, call_command

from pitf import demo
from pitf.models import BodyRole, Designation, User
from pitf.roles import roles_of

pytestmark = pytest.mark.django_db


def test_one_account_per_role(reference):
    created = demo.create_accounts(password="a long demo password")
    assert len(created) == 6
    assert User.objects.get(email="admin@demo.pitf.gov").is_superuser
    assert (
        BodyRole.objects.get(person__email="chair-office@demo.pitf.gov").body.short_name == "spog"
    )
    principal = Designation.objects.get(person__email="representative@demo.pitf.gov")
    assert (principal.agency.acronym, principal.role) == ("DHS", "principal")
    observer = User.objects.get(email="observer@demo.pitf.gov")
    assert observer.agency.memberships.get().status == "invited"
    assert roles_of(observer).observer and not roles_of(observer).representative
    assert User.objects.get(email="staff@demo.pitf.gov").check_password("a long demo password")
    assert demo.create_accounts(password="another") == []


def test_refused_on_postgres_without_the_flag(reference):
    with pytest.raises(CommandError, match="embedded SQLite default"):
        call_command("create_demo_accounts")


def test_needs_the_reference_data_first():
    with pytest.raises(ValueError, match="Load the reference data first"):
        demo.create_accounts(password="a long demo password")


def test_every_spog_member_agency_has_a_principal_and_an_alternate(reference):
    """A newcomer sees a hub in use: circulating to the SPOG reaches someone at every agency."""
    import datetime

    from pitf.models import Body, Designation, Membership

    demo.create_accounts(password="a long demo password")
    spog = Body.objects.get(short_name="spog")
    today = datetime.date.today()
    members = set(
        Membership.objects.filter(body=spog, status="member")
        .current_on(today)
        .values_list("agency__acronym", flat=True)
    )
    designated = set(
        Designation.objects.filter(body=spog)
        .current_on(today)
        .values_list("agency__acronym", "role")
    )
    assert len(members) >= 15
    for acronym in members:
        assert (acronym, "principal") in designated, acronym
        assert (acronym, "alternate") in designated, acronym
    principal = Designation.objects.get(body=spog, agency__acronym="DHS", role="principal")
    assert principal.person.email == "representative@demo.pitf.gov"
    alternate = Designation.objects.get(body=spog, agency__acronym="DOJ", role="alternate")
    assert alternate.person.email.endswith("@demo.pitf.gov")
    assert not alternate.person.has_usable_password()
