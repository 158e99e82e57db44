"""Demo accounts, one per role, so a newcomer can try every role of the hub on the embedded default."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from pitf.models import Agency, Body, BodyRole, Designation, Membership, User

DEMO_START = datetime.date(2026, 1, 1)


@dataclass
class DemoAccount:
    email: str
    role: str


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
        return User.objects.create_user(
            email=email,
            password=password,
            full_name=name,
            job_title=title,
            agency=agency.get(agency_acronym) or hud,
            **extra,
        )

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
    observer = person("observer@demo.pitf.gov", "Oakley Observer", "HUD", "Observer")
    Designation.objects.create(
        person=observer,
        agency=hud,
        body=body["spog"],
        role=Designation.Role.PRINCIPAL,
        start_date=DEMO_START,
    )
    return [
        DemoAccount("admin@demo.pitf.gov", "site administrator (secretariat)"),
        DemoAccount("chair-office@demo.pitf.gov", "chair's office (SPOG)"),
        DemoAccount("committee-chair@demo.pitf.gov", "committee chair (Grantmaking)"),
        DemoAccount("representative@demo.pitf.gov", "agency representative (DHS principal)"),
        DemoAccount("staff@demo.pitf.gov", "agency staff (HHS)"),
        DemoAccount("observer@demo.pitf.gov", "invited agency observer (HUD)"),
    ]
