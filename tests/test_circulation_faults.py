"""A circulation's reminders through a real worker to the SMTP sink survive faults: beat runs
twice and the worker is SIGKILLed in the middle of the batch, yet each person of each agency that
has not answered gets the reminder once (a second copy, if the kill lands between the send and
its record, carries the same Message-ID), and nobody of an agency that answered gets one."""

from __future__ import annotations

import datetime
import time

import pytest
import time_machine

from pitf import workdays
from pitf.circulation import services
from pitf.circulation.models import Contact, Delegate
from pitf.circulation.tasks import remind_and_close
from pitf.models import Agency, Body, Notification
from tests.factories import UserFactory

NOW = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=workdays.EASTERN)
REMINDER_TIME = datetime.datetime(2026, 12, 16, 9, 0, 1, tzinfo=workdays.EASTERN)
ANSWERING = ("DHS", "DOJ", "DOL")


def reminders_at(sink):
    return [m for m in list(sink.messages) if str(m["Subject"]).startswith("Reminder:")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.worker
def test_each_silent_agency_is_reminded_once_though_beat_runs_twice_and_the_worker_is_killed(
    people, reference
):
    from tests.processes import Worker
    from tests.test_outbox_faults import CountingSink, process_env

    spog = Body.objects.get(short_name="spog")
    hhs = Agency.objects.get(acronym="HHS")
    recipients = [
        agency
        for agency in Agency.objects.filter(memberships__body=spog).distinct()
        if agency != hhs
    ]
    # Five grant contacts in every agency asked: 60 and more people to remind.
    for agency in recipients:
        for index in range(5):
            Contact.objects.create(
                topic="grants",
                agency=agency,
                person=UserFactory(
                    agency=agency, email=f"grants{index}@{agency.acronym.lower()}.example.gov"
                ),
                added_by=people["site_admin"],
            )
    sink = CountingSink(delay=0.05).start()
    try:
        env = process_env(sink)
        with time_machine.travel(NOW, tick=False) as clock:
            circulation = services.circulation_start(
                actor=people["staff"],
                document=spog,
                owner_agency=hhs,
                title="FY2027 NOFO: Services for Victims of Human Trafficking",
                deadline=datetime.date(2026, 12, 18),
                message="Please comment.",
            )
            for recipient in circulation.recipients.filter(agency__acronym__in=ANSWERING):
                delegate = Delegate.objects.create(
                    agency=recipient.agency,
                    person=UserFactory(agency=recipient.agency),
                    named_by=people["site_admin"],
                ).person
                services.answer_submit(
                    actor=delegate,
                    recipient=recipient,
                    expected_version=recipient.version,
                    answer="no_comment",
                )
            Notification.objects.all().delete()  # the requests: only reminders are counted
            clock.move_to(REMINDER_TIME)
            assert remind_and_close() == {"reminded": 1, "closed": 0}
            assert remind_and_close() == {"reminded": 0, "closed": 0}  # beat again
        expected = set(
            Notification.objects.filter(kind="circulation.reminder").values_list(
                "recipient", flat=True
            )
        )
        assert len(expected) >= 60
        assert not {e for e in expected if e.split("@")[1].split(".")[0] in {"dhs", "doj", "dol"}}
        first = Worker(env, "circulation-reminders").start()
        deadline = time.monotonic() + 60
        while len(reminders_at(sink)) < 10 and time.monotonic() < deadline:
            time.sleep(0.02)
        first.kill()
        assert len(reminders_at(sink)) < len(expected)  # killed in the middle of the batch
        second = Worker(env, "circulation-reminders-restarted").start()
        try:
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                if len({m["Message-ID"] for m in reminders_at(sink)}) >= len(expected):
                    break
                time.sleep(0.1)
        finally:
            second.stop()
        arrived = reminders_at(sink)
        ids = [m["Message-ID"] for m in arrived]
        assert {str(m["To"]) for m in arrived} == expected
        assert len(set(ids)) == len(expected)
        assert len(ids) - len(set(ids)) <= 1
        print(
            f"\n[circulation reminders] {len(expected)} people reminded, {len(ids)} messages at "
            f"the sink, {len(ids) - len(set(ids))} duplicates"
        )
    finally:
        sink.stop()
