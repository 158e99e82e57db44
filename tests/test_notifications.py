"""Notifications travel as rows, then tasks through Redis to a real Celery worker process, which
sends them with Django's SMTP backend to a local SMTP sink: once, even when queued twice."""

import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.db import transaction

from pitf.models import AuditEvent, Body, Notification
from pitf.notifications import services
from pitf.notifications.tasks import MAX_ATTEMPTS, send_notification, send_pending_notifications
from tests.conftest import text_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def wait_until(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_a_notification_reaches_the_inbox_through_the_worker(celery_worker_process, smtp_sink):
    with transaction.atomic():
        notification = services.notification_queue(
            recipient="rep@dhs.example.gov",
            subject="SPOG quarterly meeting: agenda posted",
            body="The agenda for the SPOG quarterly meeting is ready for comment.",
            kind="meeting.agenda",
        )
        # Nothing is queued until the transaction commits.
        assert Notification.objects.get(pk=notification.pk).status == Notification.Status.PENDING

    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "rep@dhs.example.gov"
    assert message["Subject"] == "SPOG quarterly meeting: agenda posted"
    assert message["Message-ID"] == f"<notification-{notification.pk}@pitf-hub>"
    assert "ready for comment" in text_of(message)
    assert wait_until(
        lambda: Notification.objects.get(pk=notification.pk).status == Notification.Status.SENT
    )
    sent = Notification.objects.get(pk=notification.pk)
    assert sent.attempts == 1 and sent.sent_at is not None


def test_queued_twice_is_sent_once(celery_worker_process, smtp_sink):
    notification = services.notification_queue(
        recipient="staff@hhs.example.gov", subject="Once", body="Only once.", kind="test.once"
    )
    smtp_sink.wait_for(1)
    assert wait_until(
        lambda: Notification.objects.get(pk=notification.pk).status == Notification.Status.SENT
    )
    again = [send_notification.delay(notification.pk) for _ in range(2)]
    # The worker reports both tasks done (the positive signal) before counting what arrived.
    for task in again:
        assert "succeeded" in celery_worker_process.reported_done(task.id)
    assert len(smtp_sink.messages) == 1


def test_a_rolled_back_transaction_sends_nothing(celery_worker_process, smtp_sink):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.notification_queue(
            recipient="nobody@example.gov", subject="Never", body="Never.", kind="test.rollback"
        )
        raise RuntimeError("the surrounding change failed")
    assert not Notification.objects.exists()
    # A notification queued afterwards reaches the sink: the worker (one process, taking its
    # queue in order) has handled anything queued before it, so nothing else can still arrive.
    services.notification_queue(
        recipient="after@example.gov", subject="After", body="After.", kind="test.after"
    )
    [message] = smtp_sink.wait_for(1)
    assert message["Subject"] == "After"
    assert wait_until(lambda: Notification.objects.get().status == Notification.Status.SENT)
    assert [m["To"] for m in smtp_sink.messages] == ["after@example.gov"]


def test_the_sweep_sends_what_the_broker_never_received(celery_worker_process, smtp_sink):
    """A notification recorded while the broker was down (no task) goes out on the next sweep."""
    lost = Notification.objects.create(
        recipient="late@dol.example.gov", subject="Late", body="Late.", kind="test.sweep"
    )
    Notification.objects.filter(pk=lost.pk).update(
        created_at=lost.created_at - timedelta(minutes=5)
    )
    assert send_pending_notifications() == 1
    [message] = smtp_sink.wait_for(1)
    assert message["Subject"] == "Late"
    assert wait_until(
        lambda: Notification.objects.get(pk=lost.pk).status == Notification.Status.SENT
    )
    assert send_pending_notifications() == 0


def test_a_message_given_up_is_logged_as_the_systems_doing(celery_worker_process, smtp_sink):
    """The worker's last attempt fails (the mail server is down): the service it calls writes
    the audit entry, with the system as the actor and no address, as every task-called service
    does."""
    smtp_sink.stop()
    notification = Notification.objects.create(
        recipient="rep@dhs.example.gov",
        subject="Reminder",
        body="Tomorrow.",
        kind="test.give_up",
        attempts=MAX_ATTEMPTS - 1,
    )
    send_notification.delay(notification.pk)
    assert wait_until(
        lambda: Notification.objects.get(pk=notification.pk).status == Notification.Status.FAILED
    )
    event = AuditEvent.objects.get(action="notification.failed")
    assert event.actor is None and event.actor_email == "system"
    assert event.ip_address is None and event.path == ""
    assert event.target_id == str(notification.pk)
    assert event.data["recipient"] == "rep@dhs.example.gov"
    assert event.data["attempts"] == MAX_ATTEMPTS


def meeting_invitation_ics() -> str:
    """An iTIP REQUEST as a meeting will send: one event with its organizer and an attendee."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//PITF coordination hub//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = icalendar.Event()
    event.add("uid", "meeting-1@pitf-hub")
    event.add("sequence", 0)
    event.add("summary", "SPOG quarterly meeting")
    start = datetime(2026, 12, 10, 10, 0, tzinfo=ZoneInfo("America/New_York"))
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(hours=2))
    event.add("dtstamp", datetime(2026, 11, 29, 15, 0, tzinfo=ZoneInfo("UTC")))
    event.add("organizer", "mailto:chair-office@state.example.gov")
    event.add("attendee", "mailto:rep@dhs.example.gov")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()


def test_an_html_notice_with_a_calendar_invitation_reaches_the_inbox(
    celery_worker_process, smtp_sink, people
):
    body = Body.objects.get(short_name="spog")
    notification = services.notification_queue(
        recipient="rep@dhs.example.gov",
        subject="Invitation: SPOG quarterly meeting",
        body="You are invited to the SPOG quarterly meeting.",
        html_body="<p>You are invited to the <strong>SPOG quarterly meeting</strong>.</p>",
        kind="meeting.invitation",
        about=body,
        occasion="sequence-0",
        attachments=[
            services.Attachment(
                "invite.ics", meeting_invitation_ics(), "text/calendar; method=REQUEST"
            )
        ],
    )
    [message] = smtp_sink.wait_for(1)
    assert message["Message-ID"] == notification.message_id
    assert text_of(message).strip() == "You are invited to the SPOG quarterly meeting."
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "<strong>SPOG quarterly meeting</strong>" in html
    calendar_parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert len(calendar_parts) == 1
    assert calendar_parts[0].get_param("method") == "REQUEST"
    calendar = icalendar.Calendar.from_ical(calendar_parts[0].get_content())
    assert calendar["METHOD"] == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == "meeting-1@pitf-hub"
    assert str(event["ORGANIZER"]) == "mailto:chair-office@state.example.gov"
    assert event.decoded("DTSTART") == datetime(
        2026, 12, 10, 10, 0, tzinfo=ZoneInfo("America/New_York")
    )
    assert calendar.walk("VTIMEZONE"), "the time zone travels with the invitation"
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "invite.ics"
    assert icalendar.Calendar.from_ical(attachment.get_content())["METHOD"] == "REQUEST"
