"""Demo accounts, one per role, so a newcomer can try every role of the hub on the embedded default.
Each comes with an authenticator app (TOTP) enrolled; `make demo-code EMAIL=...` shows its code."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from pitf.models import Agency, Body, BodyRole, Designation, Membership, User

DEMO_START = datetime.date(2026, 1, 1)


@dataclass
class DemoAccount:
    email: str
    role: str


def enrol_totp(user) -> str:
    """Give a demo account an authenticator app (TOTP) and recovery codes, as if the person had
    enrolled at first sign-in; returns the TOTP secret."""
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


def current_code(email: str) -> tuple[str, int]:
    """The demo account's current TOTP code and the seconds it stays valid, computed from the
    stored secret as an authenticator app would."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.filter(
        user__email__iexact=email, type=Authenticator.Type.TOTP
    ).first()
    if authenticator is None:
        raise LookupError(f"{email} has no authenticator app enrolled.")
    secret = decrypt(authenticator.data["secret"])
    now = time.time()
    period = app_settings.TOTP_PERIOD
    code = format_hotp_value(hotp_value(secret, int(now // period)))
    return code, int(period - now % period)


# Fictional people (on demo.pitf.gov) who represent the SPOG's member agencies in the demo, so a
# newcomer sees a hub in use: circulating reaches someone everywhere.
FIRST_NAMES = (
    "Morgan",
    "Taylor",
    "Jamie",
    "Robin",
    "Quinn",
    "Drew",
    "Emerson",
    "Hayden",
    "Kendall",
    "Logan",
    "Parker",
    "Reese",
    "Rowan",
    "Sage",
    "Skyler",
    "Tatum",
    "Blair",
    "Cameron",
)
LAST_NAMES = (
    "Alvarez",
    "Brooks",
    "Chen",
    "Dawson",
    "Ellis",
    "Foster",
    "Garcia",
    "Hughes",
    "Ibarra",
    "Jensen",
    "Kim",
    "Lopez",
    "Murphy",
    "Nguyen",
    "Okafor",
    "Patel",
    "Reyes",
    "Sullivan",
)


def _representatives(spog, *, already: dict) -> None:
    """A principal and an alternate designated to the SPOG for each of its member agencies
    (people without a password: they are seen in the hub, not signed in as)."""
    members = (
        Membership.objects.filter(body=spog, status=Membership.Status.MEMBER)
        .current_on(DEMO_START)
        .select_related("agency")
        .order_by("agency__acronym")
    )
    for index, membership in enumerate(members):
        agency = membership.agency
        for offset, role in enumerate((Designation.Role.PRINCIPAL, Designation.Role.ALTERNATE)):
            if role == Designation.Role.PRINCIPAL and agency.pk in already:
                continue
            first = FIRST_NAMES[(2 * index + offset) % len(FIRST_NAMES)]
            last = LAST_NAMES[(3 * index + offset) % len(LAST_NAMES)]
            user = User.objects.create_user(
                email=f"{agency.acronym.lower()}.{role}@demo.pitf.gov",
                password=None,
                full_name=f"{first} {last}",
                job_title=f"SPOG {role}",
                agency=agency,
            )
            Designation.objects.create(
                person=user, agency=agency, body=spog, role=role, start_date=DEMO_START
            )


def create_accounts(*, password: str) -> list[DemoAccount]:
    """Create the demo accounts (after the reference data); does nothing if they exist."""
    if User.objects.filter(email__endswith="@demo.pitf.gov").exists():
        return []
    agency = {a.acronym: a for a in Agency.objects.all()}
    body = {b.short_name: b for b in Body.objects.all()}
    if "spog" not in body or "DOS" not in agency:
        raise ValueError("Load the reference data first (manage.py load_reference_data).")

    # A demo observer: HUD invited to the SPOG (demo data, not reference data).
    hud, _ = Agency.objects.get_or_create(
        acronym="HUD",
        defaults={
            "name": "Department of Housing and Urban Development",
            "kind": Agency.Kind.EXECUTIVE_DEPARTMENT,
            "website": "https://www.hud.gov",
        },
    )
    Membership.objects.get_or_create(
        agency=hud,
        body=body["spog"],
        start_date=DEMO_START,
        defaults={"status": Membership.Status.INVITED},
    )

    def person(email, name, agency_acronym, title, **extra):
        user = User.objects.create_user(
            email=email,
            password=password,
            full_name=name,
            job_title=title,
            agency=agency.get(agency_acronym) or hud,
            **extra,
        )
        enrol_totp(user)
        return user

    person(
        "admin@demo.pitf.gov", "Avery Admin", "DOS", "Secretariat", is_staff=True, is_superuser=True
    )
    chair_office = person(
        "chair-office@demo.pitf.gov",
        "Casey Chair-Office",
        "DOS",
        "Office to Monitor and Combat Trafficking in Persons",
    )
    BodyRole.objects.create(
        person=chair_office,
        body=body["spog"],
        role=BodyRole.Role.CHAIRS_OFFICE,
        start_date=DEMO_START,
    )
    committee_chair = person(
        "committee-chair@demo.pitf.gov",
        "Jordan Committee-Chair",
        "DOJ",
        "Grantmaking Committee chair",
    )
    BodyRole.objects.create(
        person=committee_chair,
        body=body["grantmaking"],
        role=BodyRole.Role.CHAIR,
        start_date=DEMO_START,
    )
    principal = person(
        "representative@demo.pitf.gov", "Riley Representative", "DHS", "SPOG principal"
    )
    Designation.objects.create(
        person=principal,
        agency=agency["DHS"],
        body=body["spog"],
        role=Designation.Role.PRINCIPAL,
        start_date=DEMO_START,
    )
    person("staff@demo.pitf.gov", "Sam Staff", "HHS", "Program analyst")
    _representatives(body["spog"], already={agency["DHS"].pk: principal})
    # Staff of an invited agency, without a designation: an observer, who invites nobody.
    person("observer@demo.pitf.gov", "Oakley Observer", "HUD", "Observer")
    return [
        DemoAccount("admin@demo.pitf.gov", "site administrator (secretariat)"),
        DemoAccount("chair-office@demo.pitf.gov", "chair's office (SPOG)"),
        DemoAccount("committee-chair@demo.pitf.gov", "committee chair (Grantmaking)"),
        DemoAccount("representative@demo.pitf.gov", "agency representative (DHS principal)"),
        DemoAccount("staff@demo.pitf.gov", "agency staff (HHS)"),
        DemoAccount("observer@demo.pitf.gov", "invited agency observer (HUD)"),
    ]
