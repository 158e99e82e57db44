"""What was sent about a meeting, and what failed: a mail server that refuses an address for good
(a 5xx reply) fails that notice at once, without eight retries; the chair's office sees it on the
meeting page with the server's answer and, once the address is fixed, sends it again: the same
message (same Message-ID), once, through the real worker to the SMTP sink."""

from __future__ import annotations

import datetime
import smtplib
import time
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from pitf.meetings import services
from pitf.models import Body, Notification
from pitf.notifications.tasks import permanent
from tests.processes import Worker
from tests.test_outbox_faults import CountingSink, process_env

EASTERN = ZoneInfo("America/New_York")


class RefusingSink(CountingSink):
    """The sink, refusing the addresses in `unknown` with 550 (no such mailbox)."""

    def __init__(self):
        super().__init__()
        self.unknown: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.unknown:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def wait_until(check, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_only_a_refusal_of_this_message_is_permanent():
    assert permanent(smtplib.SMTPRecipientsRefused({"a@x.gov": (550, b"No such mailbox")}))
    assert not permanent(smtplib.SMTPRecipientsRefused({"a@x.gov": (451, b"Try later")}))
    assert permanent(smtplib.SMTPDataError(552, b"Message too big"))
    assert not permanent(smtplib.SMTPDataError(451, b"Busy"))
    # The hub's own login or sender refused: its configuration, retried.
    assert not permanent(smtplib.SMTPAuthenticationError(535, b"Bad credentials"))
    assert not permanent(smtplib.SMTPSenderRefused(553, b"Sender refused", "hub@x.gov"))
    assert not permanent(ConnectionRefusedError())


@pytest.mark.django_db(transaction=True)
@pytest.mark.worker
def test_a_failed_invitation_is_listed_and_sent_again_from_the_meeting_page(client, people):
    sink = RefusingSink().start()
    representative = people["representative"].email
    sink.unknown.add(representative)
    worker = Worker(process_env(sink), "notices").start()
    try:
        start = (timezone.now() + datetime.timedelta(days=30)).astimezone(EASTERN)
        start = start.replace(hour=10, minute=0, second=0, microsecond=0)
        meeting = services.meeting_schedule(
            actor=people["chairs_office"],
            body=Body.objects.get(short_name="spog"),
            title="SPOG quarterly meeting",
            kind="regular",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            time_zone="America/New_York",
        )
        notice = Notification.objects.get(kind="meeting.invitation", recipient=representative)
        wait_until(
            lambda: (
                Notification.objects.filter(status="failed").count() == 1
                and Notification.objects.filter(status="sent").count() == 1
            )
        )
        notice.refresh_from_db()
        assert notice.status == "failed"
        assert notice.attempts == 1  # a 5xx is not retried
        assert "No such mailbox" in notice.last_error

        client.force_login(people["chairs_office"])
        detail = reverse("meetings:detail", args=[meeting.pk])
        page = client.get(detail).content.decode()
        assert "1 notice could not be delivered after every retry" in page
        assert "No such mailbox here" in page
        assert f'Send again<span class="usa-sr-only"> to {representative}</span>' in page
        assert page.count("Send again<span") == 1  # only the failed one

        # Someone else may not resend it; nor is a notice of another meeting reachable here.
        resend = reverse("meetings:notice-resend", args=[meeting.pk, notice.pk])
        client.force_login(people["representative"])
        assert client.post(resend).status_code == 403
        client.force_login(people["chairs_office"])
        elsewhere = Notification.objects.create(
            recipient="x@dol.example.gov", subject="s", body="b"
        )
        other = reverse("meetings:notice-resend", args=[meeting.pk, elsewhere.pk])
        assert client.post(other).status_code == 404

        # The address is fixed; the chair's office sends it again.
        sink.unknown.clear()
        response = client.post(resend, follow=True)
        assert f"The notice to {representative} is on its way again." in response.content.decode()
        wait_until(lambda: any(m["To"] == representative for m in list(sink.messages)))
        notice.refresh_from_db()
        wait_until(lambda: Notification.objects.get(pk=notice.pk).status == "sent")
        [message] = [m for m in list(sink.messages) if m["To"] == representative]
        assert message["Message-ID"] == notice.message_id
        assert "text/calendar" in {part.get_content_type() for part in message.walk()}
        page = client.get(detail).content.decode()
        assert "could not be delivered" not in page

        # Sent now: a second press sends nothing and says why.
        response = client.post(resend, follow=True)
        assert "is sent; only a failed one is sent again." in response.content.decode()
        assert Notification.objects.get(pk=notice.pk).attempts == 1
    finally:
        worker.stop()
        sink.stop()
