"""An agency's grant contacts and delegates, kept on its page by its designated representatives
(and the secretariat): a grant contact receives the documents circulated to the agency; a
delegate may submit its answers. Another agency's representative is refused; a person of
another agency cannot be added."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from pitf.circulation.models import Contact, Delegate
from pitf.models import Agency, Body
from tests.factories import DesignationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_representative_keeps_the_agencys_grant_contacts_and_delegates(client, people):
    dhs = Agency.objects.get(acronym="DHS")
    colleague = UserFactory(agency=dhs, full_name="Gale Grants")
    outsider = UserFactory(agency=Agency.objects.get(acronym="DOJ"), full_name="Out Sider")
    page_url = reverse("circulation:agency-contacts", args=[dhs.pk])
    client.force_login(people["representative"])
    page = client.get(page_url).content.decode()
    assert "No grant contacts" in page and "Add the grant contact" in page
    response = client.post(
        reverse("circulation:contact-add", args=[dhs.pk, "grants"]), {"grants-person": colleague.pk}
    )
    assert response.status_code == 302
    assert Contact.objects.filter(topic="grants", agency=dhs, person=colleague).exists()
    again = client.post(
        reverse("circulation:contact-add", args=[dhs.pk, "grants"]), {"grants-person": colleague.pk}
    )
    assert "is already a grant contact" in again.content.decode()
    wrong = client.post(
        reverse("circulation:contact-add", args=[dhs.pk, "grants"]), {"grants-person": outsider.pk}
    )
    assert "Out Sider is not on DHS&#x27;s staff." in wrong.content.decode()
    assert not Contact.objects.filter(topic="grants", person=outsider).exists()
    response = client.post(
        reverse("circulation:delegate-add", args=[dhs.pk]), {"delegate-person": colleague.pk}
    )
    assert response.status_code == 302
    assert Delegate.objects.get(agency=dhs).named_by == people["representative"]
    page = client.get(page_url).content.decode()
    assert "Gale Grants" in page and "named by Riley Representative" in page
    # Removing asks first.
    contact = Contact.objects.get(topic="grants", person=colleague)
    remove = reverse("circulation:contact-remove", args=[dhs.pk, contact.pk])
    assert "Remove the grant contact" in client.get(remove).content.decode()
    assert client.post(remove).status_code == 302
    assert not Contact.objects.filter(topic="grants", pk=contact.pk).exists()


def test_another_agencys_representative_and_its_staff_are_refused(client, people):
    dhs = Agency.objects.get(acronym="DHS")
    hhs = Agency.objects.get(acronym="HHS")
    hhs_representative = UserFactory(agency=hhs)
    DesignationFactory(
        person=hhs_representative,
        agency=hhs,
        body=Body.objects.get(short_name="spog"),
        start_date=datetime.date(2020, 1, 1),
    )
    colleague = UserFactory(agency=dhs)
    for person in (hhs_representative, people["staff"]):
        client.force_login(person)
        response = client.post(
            reverse("circulation:contact-add", args=[dhs.pk, "grants"]),
            {"grants-person": colleague.pk},
        )
        assert response.status_code == 403
        page = client.get(reverse("circulation:agency-contacts", args=[dhs.pk])).content.decode()
        assert "Add the grant contact" not in page
    assert not Contact.objects.exists()
    client.force_login(people["site_admin"])
    response = client.post(
        reverse("circulation:contact-add", args=[dhs.pk, "grants"]), {"grants-person": colleague.pk}
    )
    assert response.status_code == 302


def test_a_list_no_kind_of_document_declares_is_not_found_and_nothing_is_saved(client, people):
    """Contacts are kept only on the lists the kinds of document declare (grants' "grants")."""
    dhs = Agency.objects.get(acronym="DHS")
    colleague = UserFactory(agency=dhs, full_name="Gale Grants")
    client.force_login(people["representative"])
    response = client.post(
        reverse("circulation:contact-add", args=[dhs.pk, "minutes"]),
        {"minutes-person": colleague.pk},
    )
    assert response.status_code == 404
    assert not Contact.objects.exists()
    page = client.get(reverse("circulation:agency-contacts", args=[dhs.pk])).content.decode()
    assert page.count("<h2>") == 2  # the one declared list, "Grant contacts", and the delegates
    assert "<h2>Grant contacts</h2>" in page
