"""Benchmark: the background work of meetings on PostgreSQL and Redis.

1. One beat tick over 10,000 due reminders (50 meetings, 100 invitees each, 2 offsets): the time
   to claim every row (FOR UPDATE SKIP LOCKED, 200 a batch), record its notification and queue
   its task.
2. The fan-out of one invitation to 300 invitees through a real Celery worker (started as the
   Procfile starts it, --concurrency=2) to a local SMTP sink: the time the scheduling takes
   (the chair's office's request: the list, the notices recorded with their subjects and
   calendar files; the target is 1 s), then the time until the 300th message is at the sink
   (the worker writes each text and sends it), and messages per second.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pitf_bench .venv/bin/python bench/meetings.py

Creates and drops its own database (test_<name>) and uses its own Celery queue on REDIS_URL.
"""

import datetime
import os
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ["CELERY_QUEUE"] = f"pitf-bench-{os.getpid()}"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

EASTERN = ZoneInfo("America/New_York")
MEETINGS, INVITEES_EACH, OFFSETS = 50, 100, (7, 1)
FAN_OUT = 300  # the target: the chair's office's request within 1 s


def people(count: int, label: str, agencies) -> list:
    from pitf.models import User

    return User.objects.bulk_create(
        User(
            email=f"{label}{n}@bench.example.gov",
            full_name=f"{label.title()} {n}",
            agency=agencies[n % len(agencies)],
            password="!",  # noqa: S106 (an unusable password)
        )
        for n in range(count)
    )


def due_reminders(admin, spog, agencies) -> int:
    """50 meetings a month ahead, 100 invitees each, both reminders due a minute ago."""
    from pitf.meetings.models import Invitee, Meeting, Reminder

    start = timezone.now() + datetime.timedelta(days=30)
    meetings = Meeting.objects.bulk_create(
        Meeting(
            body=spog,
            title=f"Bench meeting {n}",
            starts_at=start + datetime.timedelta(hours=n),
            ends_at=start + datetime.timedelta(hours=n, minutes=90),
            scheduled_by=admin,
        )
        for n in range(MEETINGS)
    )
    invited = people(INVITEES_EACH, "invitee", agencies)
    invitees = Invitee.objects.bulk_create(
        Invitee(meeting=meeting, person=person, agency=person.agency, source="added")
        for meeting in meetings
        for person in invited
    )
    due = timezone.now() - datetime.timedelta(minutes=1)
    rows = Reminder.objects.bulk_create(
        Reminder(
            meeting=invitee.meeting,
            invitee=invitee,
            days_before=days,
            for_start=invitee.meeting.starts_at,
            due_at=due,
        )
        for invitee in invitees
        for days in OFFSETS
    )
    return len(rows)


def purge_queue() -> None:
    from pitf.celery import app

    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(app.conf.task_default_queue)


def beat_tick(admin, spog, agencies) -> None:
    from pitf.meetings.models import Reminder
    from pitf.meetings.tasks import send_due_reminders
    from pitf.models import Notification

    rows = due_reminders(admin, spog, agencies)
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(1)
        return execute(sql, params, many, context)

    began = time.perf_counter()
    with connection.execute_wrapper(count):
        handed = send_due_reminders()
    took = time.perf_counter() - began
    assert handed == rows == Notification.objects.filter(kind="meeting.reminder").count()
    print(f"\n1. One beat tick over {rows:,} due reminders")
    print(
        f"   {took:.1f} s in all: {rows / took:,.0f} reminders a second, {len(queries):,} queries"
    )
    print(f"   ({len(queries) / rows:.2f} queries a reminder, in batches of 200)")
    purge_queue()
    Reminder.objects.all().delete()
    Notification.objects.all().delete()


def start_worker() -> subprocess.Popen:
    from pitf.models import WorkerHeartbeat

    settings_dict = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{settings_dict['USER'] or 'postgres'}@{settings_dict['HOST']}:"
            f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
        ),
        "EMAIL_URL": f"smtp://127.0.0.1:{SINK.port}",
    }
    log = open(ROOT / "var" / "bench-worker.log", "w")  # noqa: SIM115  lives with the worker
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "pitf", "worker", "--concurrency=2"]
        + ["--loglevel=WARNING", "--without-mingle", "--without-gossip"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while not WorkerHeartbeat.objects.exists():
        if worker.poll() is not None or time.monotonic() > deadline:
            worker.kill()
            raise RuntimeError("The worker did not start; see var/bench-worker.log")
        time.sleep(0.1)
    return worker


def fan_out(admin, spog, agencies) -> None:
    from pitf.meetings import services
    from pitf.models import Designation

    invited = people(FAN_OUT - 1, "alternate", agencies)  # with the chair's office: 300
    Designation.objects.bulk_create(
        Designation(
            person=person,
            agency=person.agency,
            body=spog,
            role="alternate",
            start_date=datetime.date(2020, 1, 1),
        )
        for person in invited
    )
    worker = start_worker()
    try:
        start = (timezone.now() + datetime.timedelta(days=30)).astimezone(EASTERN)
        start = start.replace(hour=10, minute=0, second=0, microsecond=0)
        began = time.perf_counter()
        meeting = services.meeting_schedule(
            actor=admin,
            body=spog,
            title="SPOG quarterly meeting",
            kind="regular",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            time_zone="America/New_York",
        )
        committed = time.perf_counter()
        count = meeting.invitees.count()
        deadline = time.monotonic() + 600
        while len(SINK.messages) < count:
            if time.monotonic() > deadline:
                raise RuntimeError(f"only {len(SINK.messages)} of {count} arrived")
            time.sleep(0.05)
        arrived = time.perf_counter()
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    print(f"\n2. One invitation to {count} invitees, through the worker to the SMTP sink")
    print(
        f"   scheduling (the list, {count} notices with their subjects and calendar files, one "
        "task): "
        f"{committed - began:.1f} s"
    )
    print(
        f"   from the commit to the last message at the sink: {arrived - committed:.1f} s, "
        f"{count / (arrived - committed):.0f} messages a second"
    )


def main():
    from pitf import reference_data
    from pitf.models import Agency, Body, BodyRole, Membership, User

    global SINK
    from tests.conftest import SmtpSink

    SINK = SmtpSink().start()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        reference_data.load()
        spog = Body.objects.get(short_name="spog")
        members = Membership.objects.filter(body=spog).values("agency_id")
        agencies = list(Agency.objects.filter(pk__in=members))
        admin = User.objects.create_superuser(
            email="admin@bench.example.gov", password="x" * 20, full_name="Bench Admin"
        )
        BodyRole.objects.create(person=admin, body=spog, start_date=datetime.date(2020, 1, 1))
        beat_tick(admin, spog, agencies)
        fan_out(admin, spog, agencies)
    finally:
        purge_queue()
        SINK.stop()
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
