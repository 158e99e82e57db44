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
