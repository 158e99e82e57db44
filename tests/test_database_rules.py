"""Rules the database keeps, so that a script, a raw ORM call or the Django admin cannot write
around the services: no overlapping memberships of one agency in one body, one principal per
agency and body at a time, one designation per person and body at a time, one account per
e-mail address whatever its case, and an audit log that refuses UPDATE and DELETE."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.db import IntegrityError, InternalError, ProgrammingError, connection, transaction
from django.urls import reverse

from pitf.audit import log_event
from pitf.models import AuditEvent, Designation, Membership, User
from tests.factories import (
    AgencyFactory,
    BodyFactory,
    DesignationFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def refused(write):
    """True when the database refuses `write` (its transaction is rolled back)."""
    try:
        with transaction.atomic():
            write()
    except (IntegrityError, InternalError, ProgrammingError):
        return True
    return False


def test_overlapping_memberships_are_refused_by_the_database():
    membership = MembershipFactory(start_date=D(2010, 1, 1), end_date=D(2012, 12, 31))
    same = {"agency": membership.agency, "body": membership.body}
    assert refused(lambda: Membership.objects.create(**same, start_date=D(2012, 12, 31)))
    assert refused(lambda: Membership.objects.create(**same, start_date=D(2009, 1, 1)))
    # The day after the end is free, and so is another body or another agency.
    Membership.objects.create(**same, start_date=D(2013, 1, 1))
    Membership.objects.create(
        agency=membership.agency, body=BodyFactory(), start_date=D(2011, 1, 1)
    )
    Membership.objects.create(
        agency=AgencyFactory(), body=membership.body, start_date=D(2011, 1, 1)
    )
    assert Membership.objects.count() == 4


def test_a_second_principal_at_the_same_time_is_refused_but_an_alternate_is_not():
    principal = DesignationFactory(start_date=D(2014, 1, 1))
    colleague = UserFactory(agency=principal.agency)
    second = {
        "person": colleague,
        "agency": principal.agency,
        "body": principal.body,
        "start_date": D(2015, 6, 1),
    }
    assert refused(lambda: Designation.objects.create(**second, role="principal"))
    Designation.objects.create(**second, role="alternate")
    # Once the first principal's designation has ended, another may begin.
    Designation.objects.filter(pk=principal.pk).update(end_date=D(2015, 5, 31))
    other = UserFactory(agency=principal.agency)
    Designation.objects.create(
        person=other,
        agency=principal.agency,
        body=principal.body,
        role="principal",
        start_date=D(2015, 6, 1),
    )


def test_one_person_holds_one_designation_per_body_at_a_time():
    first = DesignationFactory(role="alternate", start_date=D(2014, 1, 1), end_date=D(2014, 12, 31))
    again = {"person": first.person, "agency": first.agency, "body": first.body}
    assert refused(
        lambda: Designation.objects.create(**again, role="alternate", start_date=D(2014, 6, 1))
    )
    Designation.objects.create(**again, role="alternate", start_date=D(2015, 1, 1))


def test_an_address_differing_only_in_case_is_refused():
    UserFactory(email="jane.doe@dhs.example.gov")
    assert refused(lambda: User.objects.bulk_create([User(email="Jane.Doe@DHS.example.gov")]))


def test_the_admin_cannot_add_an_overlapping_membership(client, reference):
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    membership = MembershipFactory(start_date=D(2010, 1, 1))
    before = Membership.objects.count()
    response = client.post(
        reverse("admin:pitf_membership_add"),
        {
            "agency": membership.agency.pk,
            "body": membership.body.pk,
            "status": "member",
            "start_date": "2020-01-01",
            "end_date": "",
        },
    )
    assert response.status_code == 200
    assert "This agency already belongs to this body on some of these dates." in (
        response.content.decode()
    )
    assert Membership.objects.count() == before


def test_the_admin_cannot_add_a_second_principal(client, reference):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    principal = DesignationFactory(start_date=D(2014, 1, 1))
    colleague = UserFactory(agency=principal.agency)
    before = Designation.objects.count()
    response = client.post(
        reverse("admin:pitf_designation_add"),
        {
            "person": colleague.pk,
            "agency": principal.agency.pk,
            "body": principal.body.pk,
            "role": "principal",
            "start_date": "2016-01-01",
            "end_date": "",
        },
    )
    assert response.status_code == 200
    assert "This agency already has a principal in this body on some of these dates." in (
        response.content.decode()
    )
    assert Designation.objects.count() == before


def test_the_admin_cannot_add_an_address_differing_only_in_case(client, reference):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    UserFactory(email="jane.doe@dhs.example.gov")
    response = client.post(
        reverse("admin:pitf_user_add"),
        {
            "email": "JANE.DOE@dhs.example.gov",
            "full_name": "Jane Doe",
            "agency": "",
            "password1": "a long and unusual passphrase",
            "password2": "a long and unusual passphrase",
        },
    )
    assert response.status_code == 200
    assert "An account with this e-mail address already exists." in response.content.decode()
    assert User.objects.filter(email__iexact="jane.doe@dhs.example.gov").count() == 1


def test_the_audit_log_refuses_update_and_delete(people):
    event = log_event("user.login", actor=people["staff"])
    entry = LogEntry.objects.get_for_object(people["staff"]).first()
    assert entry is not None
    for model, pk, change in (
        (AuditEvent, event.pk, {"action": "user.logout"}),
        (LogEntry, entry.pk, {"remote_addr": "10.9.9.9"}),
    ):
        rows = model.objects.filter(pk=pk)
        assert refused(lambda rows=rows, change=change: rows.update(**change))
        assert refused(lambda rows=rows: rows.delete())
        delete = f"DELETE FROM {model._meta.db_table} WHERE id = %s"  # noqa: S608  (a model's table)
        with (
            pytest.raises((InternalError, ProgrammingError), match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(delete, [pk])
        assert rows.exists()
    assert AuditEvent.objects.get(pk=event.pk).action == "user.login"
