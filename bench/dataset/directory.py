"""The directory's rows: components of the departments, people, memberships, principals and
alternates handed over, chairs and chair's office staff."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from bench.dataset.common import FIRST_NAMES, LAST_NAMES, ONE_DAY, _terms


def _agencies(rng, scale, report):
    from pitf.models import Agency

    departments = list(Agency.objects.filter(parent__isnull=True).order_by("pk"))
    missing = max(0, scale.of(scale.agencies) - Agency.objects.count())
    components = []
    for n in range(missing):
        parent = departments[n % len(departments)]
        components.append(
            Agency(
                name=f"{parent.name}, Office {n + 1:03}",
                acronym=f"{parent.acronym[:8]}-{n + 1:03}",
                parent=parent,
                kind=Agency.Kind.COMPONENT,
                website=f"https://www.example.gov/{parent.acronym.lower()}/{n + 1:03}",
            )
        )
    with transaction.atomic():
        Agency.objects.bulk_create(components, batch_size=1_000)
    report.add("agencies", len(components))
    return list(Agency.objects.order_by("pk"))


def _people(rng, scale, agencies, until, report):
    from pitf.models import User

    people = []
    for n in range(scale.of(scale.people, least=len(agencies) * 6)):
        agency = agencies[n % len(agencies)]
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        person = User(
            email=f"{first}.{last}.{n:05}@{agency.acronym.lower()}.example.gov",
            full_name=f"{first} {last}",
            job_title=rng.choice(["Program analyst", "Senior advisor", "Grants officer", ""]),
            agency=agency,
            is_active=rng.random() > 0.05,
            date_joined=timezone.make_aware(
                datetime.datetime.combine(until - ONE_DAY * rng.randint(0, 5000), datetime.time())
            ),
        )
        person.set_unusable_password()
        people.append(person)
    with transaction.atomic():
        User.objects.bulk_create(people, batch_size=1_000)
    report.add("people", len(people))
    by_agency: dict[int, list] = {}
    for person in User.objects.filter(is_active=True, agency__isnull=False).order_by("pk"):
        by_agency.setdefault(person.agency_id, []).append(person)
    return by_agency


def _memberships(rng, bodies, agencies, start, report):
    """Bodies with no members yet (committees, working groups) get a share of the agencies."""
    from pitf.models import Membership

    new = []
    for body in bodies:
        if Membership.objects.filter(body=body).exists():
            continue
        begin = max(body.established or start, start)
        for agency in rng.sample(agencies, k=min(len(agencies), rng.randint(6, 15))):
            joined = begin + ONE_DAY * rng.randint(0, 700)
            left = body.sunset
            if left is None and rng.random() < 0.15:
                left = joined + ONE_DAY * rng.randint(400, 2500)
            if left is not None and left < joined:
                continue
            new.append(
                Membership(
                    agency=agency,
                    body=body,
                    status=rng.choice([Membership.Status.MEMBER] * 4 + [Membership.Status.INVITED]),
                    start_date=joined,
                    end_date=left,
                )
            )
    with transaction.atomic():
        Membership.objects.bulk_create(new, batch_size=1_000)
    report.add("memberships", len(new))


def _designations(rng, memberships, people, start, until, report):
    """For each membership: principals handed over every few years, and up to two alternates,
    each person of the agency used once per body."""
    from pitf.models import Designation

    rows, used = [], set()
    for membership in memberships:
        pool = [
            p
            for p in people.get(membership.agency_id, [])
            if (p.pk, membership.body_id) not in used
        ]
        rng.shuffle(pool)
        begin = max(membership.start_date, start)
        end = min(membership.end_date or until, until)
        if begin > end:
            continue
        for role, seats in ((Designation.Role.PRINCIPAL, 1), (Designation.Role.ALTERNATE, 2)):
            for _ in range(seats if role == Designation.Role.PRINCIPAL else rng.randint(0, seats)):
                for term_start, term_end in _terms(begin, end, rng):
                    if not pool:
                        break
                    person = pool.pop()
                    used.add((person.pk, membership.body_id))
                    last = term_end if term_end is not None else membership.end_date
                    rows.append(
                        Designation(
                            person=person,
                            agency_id=membership.agency_id,
                            body_id=membership.body_id,
                            role=role,
                            start_date=term_start,
                            end_date=last,
                        )
                    )
    with transaction.atomic():
        Designation.objects.bulk_create(rows, batch_size=2_000)
    report.add("designations", len(rows))


def _offices(rng, bodies, people, start, until, report):
    from pitf.models import BodyRole

    rows = []
    everyone = [person for group in people.values() for person in group]
    for body in bodies:
        if BodyRole.objects.filter(body=body).exists():
            continue
        begin = max(body.established or start, start)
        end = min(body.sunset or until, until)
        pool = people.get(body.chair_agency_id) or everyone
        for term_start, term_end in _terms(begin, end, rng, years=(2, 3)):
            last = term_end if term_end is not None else body.sunset
            rows.append(
                BodyRole(
                    person=rng.choice(pool),
                    body=body,
                    role=BodyRole.Role.CHAIR,
                    start_date=term_start,
                    end_date=last,
                )
            )
            for person in rng.sample(pool, k=min(2, len(pool))):
                rows.append(
                    BodyRole(
                        person=person,
                        body=body,
                        role=BodyRole.Role.CHAIRS_OFFICE,
                        start_date=term_start,
                        end_date=last,
                    )
                )
    with transaction.atomic():
        BodyRole.objects.bulk_create(rows, batch_size=1_000)
    report.add("body roles", len(rows))
