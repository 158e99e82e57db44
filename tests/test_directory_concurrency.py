"""Two requests at once on PostgreSQL: the overlap checks of memberships and designations hold
when two connections try to save clashing rows at the same moment. Each writer locks the
body's row (SELECT ... FOR UPDATE) before it checks, so the second waits for the first to
commit, then sees its row and refuses. Without the lock both checks would pass."""

from __future__ import annotations

import datetime
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from pitf.directory import services
from pitf.models import Agency, Body, Designation, Membership
from tests.factories import AgencyFactory, UserFactory

D = datetime.date


def second_waits_on_a_lock(second_done: threading.Event, timeout: float = 30) -> bool:
    """Whether the second writer is seen waiting on a row lock in PostgreSQL (the positive
    signal) while it has not finished; False as soon as it finishes without having waited."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline and not second_done.is_set():
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0] >= 1:
                return not second_done.is_set()
            time.sleep(0.02)  # polling for the positive signal, not timing the outcome
    return False


def race(first, second) -> tuple[bool, Exception | None]:
    """Run `first` in a transaction that stays open, then `second` in another connection while
    it is open; commit `first` once `second` is seen waiting for its lock (or has finished
    without waiting). Returns whether `second` waited, and what `second` raised."""
    first_saved, release, second_done = threading.Event(), threading.Event(), threading.Event()
    outcome: dict[str, Exception | None] = {"first": None, "second": None}

    def run_first():
        try:
            with transaction.atomic():
                first()
                first_saved.set()
                release.wait(timeout=30)
        except Exception as error:  # noqa: BLE001  reported below
            outcome["first"] = error
            first_saved.set()
        finally:
            connection.close()

    def run_second():
        first_saved.wait(timeout=30)
        try:
            second()
        except Exception as error:  # noqa: BLE001  the expected refusal, checked by the test
            outcome["second"] = error
        finally:
            second_done.set()
            connection.close()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    first_saved.wait(timeout=30)
    was_blocked = second_waits_on_a_lock(second_done)
    release.set()
    for thread in threads:
        thread.join(timeout=30)
    assert outcome["first"] is None, f"the first writer failed: {outcome['first']!r}"
    return was_blocked, outcome["second"]


@pytest.fixture
def setting(transactional_db, people):
    hhs = Agency.objects.get(acronym="HHS")
    return {
        "admin": people["site_admin"],
        "spog": Body.objects.get(short_name="spog"),
        "hhs": hhs,
        "first": UserFactory(agency=hhs, full_name="First Person", totp=False),
        "second": UserFactory(agency=hhs, full_name="Second Person", totp=False),
    }


def designate(setting, person_key, *, role, start):
    return lambda: services.designation_create(
        actor=setting["admin"],
        person=setting[person_key],
        agency=setting["hhs"],
        body=setting["spog"],
        role=role,
        start_date=start,
    )


def test_two_principals_for_one_agency_at_once(setting):
    blocked, refusal = race(
        designate(setting, "first", role="principal", start=D(2024, 1, 1)),
        designate(setting, "second", role="principal", start=D(2024, 6, 1)),
    )
    assert blocked, "the second request did not wait for the first one's lock"
    assert isinstance(refusal, ValidationError)
    assert "HHS already has a principal" in str(refusal)
    principals = Designation.objects.filter(agency=setting["hhs"], role="principal")
    assert [d.person.full_name for d in principals] == ["First Person"]


def test_one_person_designated_twice_at_once(setting):
    blocked, refusal = race(
        designate(setting, "first", role="alternate", start=D(2024, 1, 1)),
        designate(setting, "first", role="alternate", start=D(2024, 2, 1)),
    )
    assert blocked
    assert isinstance(refusal, ValidationError)
    assert "is already designated in the Senior Policy Operating Group" in str(refusal)
    assert Designation.objects.filter(person=setting["first"]).count() == 1


def test_one_agency_joining_a_body_twice_at_once(setting):
    newcomer = AgencyFactory(acronym="NEW", name="New Agency")

    def join(start):
        return lambda: services.membership_join(
            actor=setting["admin"],
            agency=newcomer,
            body=setting["spog"],
            status="member",
            start_date=start,
        )

    blocked, refusal = race(join(D(2024, 1, 1)), join(D(2024, 3, 1)))
    assert blocked
    assert isinstance(refusal, ValidationError)
    assert "NEW already belongs to the Senior Policy Operating Group" in str(refusal)
    assert Membership.objects.filter(agency=newcomer).count() == 1


def test_a_designation_while_the_agency_leaves(setting):
    """Leaving and designating at once: the designation, checked after the membership's end is
    committed, is refused for a date the agency no longer belongs."""
    membership = Membership.objects.get(agency=setting["hhs"], body=setting["spog"])
    blocked, refusal = race(
        lambda: services.membership_end(
            actor=setting["admin"],
            membership=membership,
            expected_version=membership.version,
            end_date=D(2023, 12, 31),
        ),
        designate(setting, "first", role="alternate", start=D(2024, 1, 1)),
    )
    assert blocked
    assert isinstance(refusal, ValidationError)
    assert "HHS does not belong to the Senior Policy Operating Group on January 1, 2024" in str(
        refusal
    )
    assert not Designation.objects.filter(person=setting["first"]).exists()
