"""Shared fixtures: reference data, people, a local SMTP sink and a real Celery worker process."""

from __future__ import annotations

import contextlib
import datetime
import email.policy
import os
import socket
import threading
from email import message_from_bytes
from email.message import Message
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from pitf import reference_data
from pitf.models import Agency, Body, BodyRole, Membership
from tests.factories import (
    AgencyFactory,
    BodyRoleFactory,
    DesignationFactory,
    MembershipFactory,
    UserFactory,
)

ROOT = Path(__file__).resolve().parent.parent
# Fixtures of a feature, kept in its own module.
pytest_plugins = ["tests.spog_fixtures", "tests.committee_fixtures"]


@pytest.fixture
def reference(db):
    """The shipped reference data, loaded into the test database."""
    reference_data.load()


@pytest.fixture
def user(db):
    return UserFactory()


ROLES = (
    "anonymous",
    "staff",
    "observer",
    "representative",
    "chair",
    "chairs_office",
    "site_admin",
)


@pytest.fixture
def people(reference):
    """One person per role (None for the anonymous visitor), each with TOTP enrolled:
    staff of HHS; an observer from an agency invited to the SPOG; DHS's principal to the SPOG;
    the Grantmaking Committee's chair (DOJ); the SPOG chair's office (DOS); a site admin."""
    agency = {a.acronym: a for a in Agency.objects.all()}
    body = {b.short_name: b for b in Body.objects.all()}
    start = datetime.date(2020, 1, 1)
    observer_agency = AgencyFactory(acronym="OBS", name="Observer Agency")
    MembershipFactory(
        agency=observer_agency,
        body=body["spog"],
        status=Membership.Status.INVITED,
        start_date=start,
    )
    representative = UserFactory(agency=agency["DHS"], full_name="Riley Representative")
    DesignationFactory(
        person=representative, agency=agency["DHS"], body=body["spog"], start_date=start
    )
    chair = UserFactory(agency=agency["DOJ"], full_name="Jordan Chair")
    BodyRoleFactory(
        person=chair, body=body["grantmaking"], role=BodyRole.Role.CHAIR, start_date=start
    )
    chairs_office = UserFactory(agency=agency["DOS"], full_name="Casey Chairs-Office")
    BodyRoleFactory(person=chairs_office, body=body["spog"], start_date=start)
    return {
        "anonymous": None,
        "staff": UserFactory(agency=agency["HHS"], full_name="Sam Staff"),
        "observer": UserFactory(agency=observer_agency, full_name="Oakley Observer"),
        "representative": representative,
        "chair": chair,
        "chairs_office": chairs_office,
        "site_admin": UserFactory(
            agency=agency["DOS"], full_name="Avery Admin", is_staff=True, is_superuser=True
        ),
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpSink:
    """A real SMTP server on loopback that keeps every message it receives."""

    def __init__(self):
        self.messages: list[Message] = []
        self._arrived = threading.Condition()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802  (aiosmtpd's hook name)
        with self._arrived:
            self.messages.append(message_from_bytes(envelope.content, policy=email.policy.default))
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    def start(self):
        self.controller.start()
        self.running = True
        return self

    def stop(self):
        """Stop answering (a test may stop the mail server before its teardown does)."""
        if getattr(self, "running", False):
            self.controller.stop()
            self.running = False

    def wait_for(self, count: int = 1, timeout: float = 30) -> list[Message]:
        with self._arrived:
            self._arrived.wait_for(lambda: len(self.messages) >= count, timeout=timeout)
        return list(self.messages)


@pytest.fixture
def smtp_sink():
    sink = SmtpSink().start()
    yield sink
    sink.stop()


@pytest.fixture
def celery_worker_process(transactional_db, smtp_sink):
    """A real Celery worker process consuming this run's queue on Redis, writing to the test
    database and sending mail through Django's SMTP backend to the sink. Yields the `Worker`,
    whose `reported_done(task_id)` is the positive signal to wait for before asserting that
    nothing (more) arrived. The worker's sweep of the outbox on connecting has finished by the
    time the test starts, so it never races the test for a row the test writes. It stores files
    in this test's MEDIA_ROOT (a test that asks for `media` asks for it first)."""
    from django.conf import settings as django_settings

    settings_dict = connection.settings_dict
    database_url = (
        f"postgres://{settings_dict['USER'] or 'postgres'}:{settings_dict['PASSWORD'] or ''}"
        f"@{settings_dict['HOST'] or '127.0.0.1'}:{settings_dict['PORT'] or 5432}"
        f"/{settings_dict['NAME']}"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_sink.port}",
        "PITF_TEST_MEDIA_ROOT": str(django_settings.MEDIA_ROOT),
    }
    from tests.processes import Worker

    worker = Worker(env, "suite").start()
    worker.swept_at_connection()
    yield worker
    worker.stop()


@contextlib.contextmanager
def audit_log_backdating():
    """Lets a test move audit entries back in time. The audit tables refuse UPDATE (a trigger);
    a database superuser, as the tests connect, can switch triggers off for the transaction."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = origin")


def text_of(message) -> str:
    """The plain-text part of a message caught by the sink, single-part or multipart."""
    return message.get_body(preferencelist=("plain",)).get_content()


def written(notification):
    """The notification with its text written, as the worker writes it before sending: a
    fan-out's notices (a meeting's list, a circulation's recipients) are recorded with their
    subject and context, and written when sent."""
    from pitf.notifications.messages import notification_write

    notification_write(notification=notification)
    return notification


def wait_for_a_lock_wait(what: str) -> None:
    """Poll until exactly one session of the test database waits on a lock (another
    transaction's uncommitted row): the positive signal a race test waits for. This
    transaction's view of pg_stat_activity is a snapshot until cleared, so it is cleared each
    time."""
    import time

    from django.db import connection

    with connection.cursor() as cursor:
        for _ in range(200):
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0] == 1:
                return
            time.sleep(0.05)  # polling for the positive signal, not timing the outcome
    pytest.fail(what)


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded files go to a folder of the test's own, deleted after it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def pdf_upload(name: str = "read-ahead.pdf", body: bytes = b"%PDF-1.7\n%%EOF\n"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, body, "application/pdf")


def meeting_on(actor, body: Body, day: datetime.date, *, title: str = "SPOG quarterly meeting"):
    """A meeting of `body` on `day`, 10 to 11 Eastern, scheduled by `actor` through the service
    (its list invited)."""
    from pitf.meetings.services import meeting_schedule
    from pitf.workdays import EASTERN

    return meeting_schedule(
        actor=actor,
        body=body,
        title=title,
        kind="regular",
        starts_at=datetime.datetime.combine(day, datetime.time(10), EASTERN),
        ends_at=datetime.datetime.combine(day, datetime.time(11), EASTERN),
        time_zone="America/New_York",
    )
