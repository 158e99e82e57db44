"""The Django admin (for emergencies) lists and searches every core model."""

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
