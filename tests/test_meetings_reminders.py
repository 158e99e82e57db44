"""Reminders that are never lost and never doubled: one row per meeting, invitee and offset,
planned when the meeting is scheduled and moved when it moves, handed to the notification outbox
once when due (rows claimed with SKIP LOCKED; the notice deduplicated), none for a cancelled
meeting or a person who declined; and through a real worker, every reminder reaches the inbox
even when the worker is killed in the middle of the batch."""

from __future__ import annotations

import datetime
import subprocess
import sys
import time
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from pitf.meetings import services
from pitf.meetings.models import BodyMeetingSettings, Invitee, Meeting, Reminder
from pitf.meetings.tasks import send_due_reminders
from pitf.models import Body, Notification
from tests.conftest import ROOT
from tests.factories import DesignationFactory, UserFactory

EASTERN = ZoneInfo("America/New_York")


def schedule(people, *, days_ahead: int = 20, body: str = "spog") -> Meeting:
    start = (timezone.now() + datetime.timedelta(days=days_ahead)).astimezone(EASTERN)
    start = start.replace(hour=10, minute=0, second=0, microsecond=0)
    return services.meeting_schedule(
        actor=people["site_admin"],
        body=Body.objects.get(short_name=body),
        title="SPOG quarterly meeting",
        kind="regular",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        time_zone="America/New_York",
    )


def make_due(meeting: Meeting) -> None:
    Reminder.objects.filter(meeting=meeting).update(
        due_at=timezone.now() - datetime.timedelta(minutes=1)
    )


@pytest.mark.django_db
def test_scheduling_plans_one_row_per_invitee_and_offset(people):
    meeting = schedule(people)
    invitees = list(meeting.invitees.all())
    rows = Reminder.objects.filter(meeting=meeting)
    assert rows.count() == len(invitees) * 2
    for row in rows:
        assert row.due_at == meeting.starts_at - datetime.timedelta(days=row.days_before)
    assert {row.days_before for row in rows} == {7, 1}


@pytest.mark.django_db
def test_a_body_sets_its_own_offsets(people):
    BodyMeetingSettings.objects.create(
        body=Body.objects.get(short_name="spog"), reminder_days=[14, 2]
    )
    meeting = schedule(people)
    assert set(Reminder.objects.filter(meeting=meeting).values_list("days_before", flat=True)) == {
        14,
        2,
    }


@pytest.mark.django_db
def test_rescheduling_moves_the_rows_and_cancelling_removes_them(people):
    meeting = schedule(people)
    later = meeting.starts_at + datetime.timedelta(days=3)
    meeting = services.meeting_reschedule(
        actor=people["site_admin"],
        meeting=meeting,
        expected_version=meeting.version,
        reason="Moved.",
        starts_at=later,
        ends_at=later + datetime.timedelta(hours=2),
    )
    for row in Reminder.objects.filter(meeting=meeting):
        assert row.due_at == later - datetime.timedelta(days=row.days_before)
    services.meeting_cancel(
        actor=people["site_admin"], meeting=meeting, expected_version=meeting.version, reason="No."
    )
    assert not Reminder.objects.filter(meeting=meeting).exists()


@pytest.mark.django_db
def test_brought_forward_past_a_reminders_day_that_reminder_is_not_sent_late(people):
    meeting = schedule(people, days_ahead=20)
    invitees = meeting.invitees.count()
    sooner = meeting.starts_at - datetime.timedelta(days=17)  # three days from now
    meeting = services.meeting_reschedule(
        actor=people["site_admin"],
        meeting=meeting,
        expected_version=meeting.version,
        reason="Brought forward.",
        starts_at=sooner,
        ends_at=sooner + datetime.timedelta(hours=2),
    )
    rows = Reminder.objects.filter(meeting=meeting)
    assert sorted(rows.values_list("days_before", flat=True)) == [1] * invitees
    assert {row.due_at for row in rows} == {sooner - datetime.timedelta(days=1)}


@pytest.mark.django_db
def test_due_reminders_are_handed_on_once_each(people):
    meeting = schedule(people)
    make_due(meeting)
    expected = Reminder.objects.filter(meeting=meeting).count()
    assert send_due_reminders() == expected
    reminders = Notification.objects.filter(kind="meeting.reminder")
    assert reminders.count() == expected
    assert len({n.dedup_key for n in reminders}) == expected
    assert all(row.handed_at and row.notification_id for row in Reminder.objects.all())
    # A second beat finds nothing; asking the outbox again for the same notice records nothing.
    assert send_due_reminders() == 0
    Reminder.objects.update(handed_at=None)
    send_due_reminders()
    assert Notification.objects.filter(kind="meeting.reminder").count() == expected
    notice = reminders.first()
    assert "Reminder: SPOG quarterly meeting" in notice.subject


@pytest.mark.django_db
def test_no_reminder_to_someone_who_declined_or_for_a_cancelled_meeting(people):
    meeting = schedule(people)
    declined = meeting.invitees.get(person=people["representative"])
    Invitee.objects.filter(pk=declined.pk).update(response=Invitee.Response.NOT_ATTENDING)
    make_due(meeting)
    send_due_reminders()
    assert not Notification.objects.filter(
        kind="meeting.reminder", recipient=people["representative"].email
    ).exists()
    assert Notification.objects.filter(
        kind="meeting.reminder", recipient=people["chairs_office"].email
    ).exists()
    other = schedule(people, days_ahead=30)
    Meeting.objects.filter(pk=other.pk).update(status=Meeting.Status.CANCELLED)
    make_due(other)
    before = Notification.objects.filter(kind="meeting.reminder").count()
    send_due_reminders()
    assert Notification.objects.filter(kind="meeting.reminder").count() == before


def reminders_at(sink):
    return [m for m in list(sink.messages) if str(m["Subject"]).startswith("Reminder:")]


def a_batch_due(people) -> tuple[Meeting, int]:
    """A SPOG meeting with 30 invitees whose two reminders (7 and 1 days before) are due: 60
    and more reminders, the invitations cleared so only reminders are counted."""
    dhs = people["representative"].agency
    spog = Body.objects.get(short_name="spog")
    for index in range(28):
        DesignationFactory(
            person=UserFactory(agency=dhs, email=f"alt{index}@dhs.example.gov"),
            agency=dhs,
            body=spog,
            role="alternate",
            start_date=datetime.date(2020, 1, 1),
        )
    meeting = schedule(people)
    make_due(meeting)
    expected = Reminder.objects.filter(meeting=meeting).count()
    assert expected == meeting.invitees.count() * 2 >= 60
    return meeting, expected


def hand_on_in_a_process(env: dict) -> None:
    """One beat tick, run as beat runs it: in its own process, publishing to env's Redis."""
    script = "from pitf.meetings.tasks import send_due_reminders\nsend_due_reminders()\n"
    subprocess.run(
        [sys.executable, "manage.py", "shell", "--verbosity", "0", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
    )


def wait_for_reminders(sink, expected: int, timeout: float) -> float:
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        if len({m["Message-ID"] for m in reminders_at(sink)}) >= expected:
            return time.monotonic() - began
        time.sleep(0.1)
    got = len({m["Message-ID"] for m in reminders_at(sink)})
    raise AssertionError(f"only {got} of {expected} reminders arrived in {timeout} s")


@pytest.mark.django_db(transaction=True)
@pytest.mark.worker
def test_every_reminder_arrives_once_though_the_worker_is_killed_mid_batch(people):
    """A batch of reminders (30 invitees, two offsets due) through a real worker to the SMTP
    sink, which takes 50 ms a message; the worker is SIGKILLed after a few and restarted:
    every reminder arrives, and a second copy, if any, carries the same Message-ID."""
    from tests.processes import Worker
    from tests.test_outbox_faults import CountingSink, process_env

    meeting, expected = a_batch_due(people)
    sink = CountingSink(delay=0.05).start()
    try:
        env = process_env(sink)
        Notification.objects.all().delete()  # the invitations: only reminders are counted
        send_due_reminders()
        first = Worker(env, "reminders").start()
        deadline = time.monotonic() + 60
        while len(sink.messages) < 10 and time.monotonic() < deadline:
            time.sleep(0.02)
        first.kill()
        second = Worker(env, "reminders-restarted").start()
        try:
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                ids = {m["Message-ID"] for m in reminders_at(sink)}
                if len(ids) >= expected:
                    break
                time.sleep(0.1)
        finally:
            second.stop()
        ids = [m["Message-ID"] for m in reminders_at(sink)]
        assert len(set(ids)) == expected
        assert len(ids) - len(set(ids)) <= 1
        print(
            f"\n[reminders] {expected} reminders, {len(ids)} messages at the sink, "
            f"{len(ids) - len(set(ids))} duplicates"
        )
    finally:
        sink.stop()


@pytest.mark.django_db(transaction=True)
@pytest.mark.worker
def test_every_reminder_arrives_once_though_redis_restarts_mid_batch(people):
    """Redis (the test's own server) is stopped with the batch half sent and comes back empty:
    the worker's reconnection sweep queues the rest; every reminder arrives once, a second copy
    only of the message in flight."""
    from tests.processes import RedisServer, Worker
    from tests.test_outbox_faults import CountingSink, process_env

    meeting, expected = a_batch_due(people)
    Notification.objects.all().delete()
    redis = RedisServer().start()
    sink = CountingSink(delay=0.05).start()
    worker = None
    try:
        env = process_env(sink, REDIS_URL=redis.url)
        worker = Worker(env, "reminders-redis").start()
        hand_on_in_a_process(env)
        assert Notification.objects.filter(kind="meeting.reminder").count() == expected
        deadline = time.monotonic() + 60
        while len(reminders_at(sink)) < 10 and time.monotonic() < deadline:
            time.sleep(0.02)
        redis.stop()
        at_stop = len(reminders_at(sink))
        assert at_stop < expected, "the batch finished before Redis was stopped"
        time.sleep(2)  # Redis stays down a moment: the worker notices the lost connection
        redis.start()
        took = wait_for_reminders(sink, expected, timeout=90)
        ids = [m["Message-ID"] for m in reminders_at(sink)]
        print(
            f"\n[reminders] Redis restarted mid-batch: {expected} reminders, {at_stop} before the "
            f"stop, all {round(took, 1)} s after it was back, {len(ids) - len(set(ids))} duplicates"
        )
        assert len(set(ids)) == expected
        assert len(ids) - len(set(ids)) <= 1
        assert Reminder.objects.filter(meeting=meeting, handed_at__isnull=True).count() == 0
    finally:
        if worker is not None:
            worker.stop()
        sink.stop()
        redis.stop()


@pytest.mark.django_db(transaction=True)
@pytest.mark.worker
def test_every_reminder_arrives_once_after_the_mail_server_refuses_for_a_while(people):
    """The mail server answers 451 to every reminder until each has been refused at least once,
    then accepts: each reminder is retried with back-off and arrives exactly once."""
    from tests.processes import Worker
    from tests.test_outbox_faults import CountingSink, process_env

    meeting, expected = a_batch_due(people)
    Notification.objects.all().delete()
    sink = CountingSink().start()
    sink.refusing = True
    worker = None
    try:
        env = process_env(sink)
        worker = Worker(env, "reminders-451").start()
        send_due_reminders()
        reminders = Notification.objects.filter(kind="meeting.reminder")
        assert reminders.count() == expected
        deadline = time.monotonic() + 120
        while reminders.filter(last_error="").exists():
            assert time.monotonic() < deadline, "not every reminder was tried"
            time.sleep(0.1)
        sink.refusing = False
        took = wait_for_reminders(sink, expected, timeout=90)
        ids = [m["Message-ID"] for m in reminders_at(sink)]
        print(
            f"\n[reminders] mail server refusing with 451: {expected} reminders, {sink.refused} "
            f"refusals, all {round(took, 1)} s after it accepted, "
            f"{len(ids) - len(set(ids))} duplicates"
        )
        assert len(ids) == len(set(ids)) == expected
        assert reminders.filter(attempts__gte=2).count() == expected
        assert Reminder.objects.filter(meeting=meeting).count() == expected  # one row each
    finally:
        if worker is not None:
            worker.stop()
        sink.stop()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("starts", "seven_days_before", "one_day_before"),
    [
        # After November's change (Sunday 7 November 2027): the meeting is at 10:00 EST
        # (15:00 UTC); a week before, 10:00 was EDT (14:00 UTC).
        (
            datetime.datetime(2027, 11, 11, 15, 0, tzinfo=datetime.UTC),
            datetime.datetime(2027, 11, 4, 14, 0, tzinfo=datetime.UTC),
            datetime.datetime(2027, 11, 10, 15, 0, tzinfo=datetime.UTC),
        ),
        # After March's change (Sunday 14 March 2027): the meeting is at 10:00 EDT
        # (14:00 UTC); a week before, 10:00 was EST (15:00 UTC).
        (
            datetime.datetime(2027, 3, 16, 14, 0, tzinfo=datetime.UTC),
            datetime.datetime(2027, 3, 9, 15, 0, tzinfo=datetime.UTC),
            datetime.datetime(2027, 3, 15, 14, 0, tzinfo=datetime.UTC),
        ),
    ],
    ids=["november", "march"],
)
def test_a_reminder_keeps_the_meetings_local_time_across_a_daylight_saving_change(
    people, starts, seven_days_before, one_day_before
):
    """Planned when scheduled (the form's local time) and planned again from the stored UTC
    time (any later change), the reminders are due at 10:00 in Washington."""
    import time_machine

    with time_machine.travel(datetime.datetime(2026, 12, 7, 12, 0, tzinfo=datetime.UTC)):
        meeting = services.meeting_schedule(
            actor=people["site_admin"],
            body=Body.objects.get(short_name="spog"),
            title="SPOG quarterly meeting",
            kind="regular",
            starts_at=starts.astimezone(EASTERN),
            ends_at=starts.astimezone(EASTERN) + datetime.timedelta(hours=2),
            time_zone="America/New_York",
        )

        def due() -> dict[int, set[datetime.datetime]]:
            rows = Reminder.objects.filter(meeting=meeting)
            return {
                days: set(rows.filter(days_before=days).values_list("due_at", flat=True))
                for days in (7, 1)
            }

        expected = {7: {seven_days_before}, 1: {one_day_before}}
        assert due() == expected
        # Planned again from the row as stored (UTC), as every later change does.
        services.reminders_plan(meeting=Meeting.objects.get(pk=meeting.pk))
        assert due() == expected


@pytest.mark.django_db
def test_a_postponed_meeting_gets_its_week_ahead_reminder_again(people):
    """The week-ahead reminder went out for the first date; the meeting is then postponed by a
    fortnight: the new date is a new occasion, so every invitee gets a week-ahead reminder for
    it too (and a place change alone, the same date, plans nothing new)."""
    import time_machine

    with time_machine.travel(datetime.datetime(2026, 12, 7, 12, 0, tzinfo=datetime.UTC)) as clock:
        first = datetime.datetime(2027, 1, 14, 10, 0, tzinfo=EASTERN)
        meeting = services.meeting_schedule(
            actor=people["site_admin"],
            body=Body.objects.get(short_name="spog"),
            title="SPOG quarterly meeting",
            kind="regular",
            starts_at=first,
            ends_at=first + datetime.timedelta(hours=2),
            time_zone="America/New_York",
        )
        on_list = meeting.invitees.count()
        clock.move_to(datetime.datetime(2027, 1, 7, 15, 1, tzinfo=datetime.UTC))  # 10:01 EST
        send_due_reminders()
        week_ahead = Notification.objects.filter(kind="meeting.reminder")
        assert week_ahead.count() == on_list

        later = datetime.datetime(2027, 1, 28, 10, 0, tzinfo=EASTERN)
        meeting = services.meeting_reschedule(
            actor=people["site_admin"],
            meeting=meeting,
            expected_version=meeting.version,
            reason="Postponed a fortnight.",
            starts_at=later,
            ends_at=later + datetime.timedelta(hours=2),
        )
        waiting = Reminder.objects.filter(meeting=meeting, handed_at__isnull=True)
        assert set(waiting.values_list("days_before", "due_at")) == {
            (7, datetime.datetime(2027, 1, 21, 15, 0, tzinfo=datetime.UTC)),
            (1, datetime.datetime(2027, 1, 27, 15, 0, tzinfo=datetime.UTC)),
        }
        assert waiting.filter(days_before=7).count() == on_list
        clock.move_to(datetime.datetime(2027, 1, 21, 15, 1, tzinfo=datetime.UTC))
        send_due_reminders()
        assert week_ahead.count() == 2 * on_list
        # Sent again for the same date: nothing new is planned, nothing goes twice.
        services.reminders_plan(meeting=Meeting.objects.get(pk=meeting.pk))
        send_due_reminders()
        assert week_ahead.count() == 2 * on_list


@pytest.mark.django_db
def test_reminders_waiting_in_the_outbox_when_the_meeting_is_cancelled_are_dropped_unsent(
    people, mailoutbox
):
    """The mail server refused for a moment, so the reminders were still in the outbox when the
    chair's office cancelled: when their turn comes, the outbox asks whether each is still
    wanted and drops it, recorded with the reason; only the cancellations go out."""
    from pitf.models import AuditEvent
    from pitf.notifications.tasks import send_notification

    meeting = schedule(people)
    make_due(meeting)
    send_due_reminders()
    reminders = Notification.objects.filter(kind="meeting.reminder")
    assert reminders.count() == 2 * meeting.invitees.count()  # the week's and the day's
    assert set(reminders.values_list("status", flat=True)) == {Notification.Status.PENDING}
    services.meeting_cancel(
        actor=people["site_admin"], meeting=meeting, expected_version=meeting.version, reason="No."
    )
    mailoutbox.clear()
    for notification in reminders:
        assert send_notification(notification.pk) == "skipped"
    assert set(reminders.values_list("status", flat=True)) == {Notification.Status.DROPPED}
    assert all("the meeting was cancelled" in n.last_error for n in reminders.all())
    assert AuditEvent.objects.filter(action="notification.dropped").count() == reminders.count()
    assert not any("Reminder" in message.subject for message in mailoutbox)
    # The cancellations themselves still go.
    cancellation = Notification.objects.filter(kind="meeting.cancelled").first()
    assert send_notification(cancellation.pk) == "sent"


@pytest.mark.django_db
def test_a_failed_notice_is_not_claimed_again_until_a_person_sends_it_again(people):
    from pitf.notifications.tasks import send_notification

    meeting = schedule(people)
    notification = Notification.objects.filter(kind="meeting.invitation").first()
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.FAILED, attempts=8
    )
    assert send_notification(notification.pk) == "skipped"
    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED and notification.attempts == 8
    assert meeting.pk
