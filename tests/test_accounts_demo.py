"""Demo accounts come with an authenticator app enrolled, and `manage.py demo_code EMAIL` (what
`make demo-code` runs) prints the code that signs them in."""

from io import StringIO

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command
from django.urls import reverse

from pitf import demo
from pitf.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "a long demo password"


def demo_code(email: str) -> str:
    out, err = StringIO(), StringIO()
    call_command("demo_code", email, stdout=out, stderr=err)
    assert "valid for" in err.getvalue()
    return out.getvalue().strip()


def test_every_demo_account_has_an_app_and_recovery_codes(reference):
    created = demo.create_accounts(password=PASSWORD)
    for account in created:
        types = set(
            Authenticator.objects.filter(user__email=account.email).values_list("type", flat=True)
        )
        assert types == {"totp", "recovery_codes"}, account.email


def test_the_printed_code_is_the_apps_and_signs_in(reference, client):
    demo.create_accounts(password=PASSWORD)
    email = "representative@demo.pitf.gov"
    totp = Authenticator.objects.get(user__email=email, type="totp")
    app = pyotp.TOTP(totp.data["secret"])
    before = app.now()
    code = demo_code(email)
    assert code in {before, app.now()}  # the same code, unless the app moved on in between
    assert len(code) == 6 and code.isdigit()

    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response["Location"] == reverse("my-page")
    assert client.get(reverse("my-page")).context["user"] == User.objects.get(email=email)


def test_only_demo_accounts(reference):
    demo.create_accounts(password=PASSWORD)
    User.objects.create_user(email="real@dhs.example.gov", password=PASSWORD, full_name="Real")
    with pytest.raises(CommandError, match="Only demo accounts"):
        demo_code("real@dhs.example.gov")


def test_an_account_not_created_yet(db):
    with pytest.raises(CommandError, match="has no authenticator app"):
        demo_code("admin@demo.pitf.gov")


def test_never_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="never shown"):
        demo_code("admin@demo.pitf.gov")
