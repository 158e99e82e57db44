"""A notification is recorded once per kind, subject, recipient and occasion; it is rendered from
its kind's template pair with the person's text escaped in the HTML; and a page can list what was
sent to whom about a thing."""

import threading

import pytest
from django.core import mail
from django.db import connection, transaction

from pitf.models import Body, Notification, NotificationAttachment
from pitf.notifications import messages, services
from pitf.people import services as people_services
from tests.conftest import wait_for_a_lock_wait
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def queue(about, *, recipient="rep@dhs.example.gov", occasion="reminder-7d"):
    return services.notification_queue(
        recipient=recipient,
        subject="Reminder",
        body="In a week.",
        kind="meeting.reminder",
        about=about,
        occasion=occasion,
    )


def test_the_same_notice_is_recorded_once(reference):
    spog = Body.objects.get(short_name="spog")
    first = queue(spog)
    assert queue(spog).pk == first.pk
    assert queue(spog, recipient="REP@dhs.example.gov").pk == first.pk
    assert Notification.objects.count() == 1
    # Another occasion, recipient or subject is another notice.
    queue(spog, occasion="reminder-1d")
    queue(spog, recipient="alt@dhs.example.gov")
    queue(Body.objects.get(short_name="pitf"))
    assert Notification.objects.count() == 4
    assert (
        first.dedup_key == f"meeting.reminder|pitf.body:{spog.pk}|rep@dhs.example.gov|reminder-7d"
    )


def test_a_notice_about_nothing_in_particular_may_be_sent_again():
    for _ in range(2):
        services.notification_queue(
            recipient="a@b.example.gov", subject="Reset", body="Reset.", kind="account.reset"
        )
    assert Notification.objects.filter(kind="account.reset").count() == 2
    assert set(Notification.objects.values_list("dedup_key", flat=True)) == {None}


def test_a_second_record_of_the_same_notice_queues_nothing(
    reference, django_capture_on_commit_callbacks
):
    spog = Body.objects.get(short_name="spog")
    with django_capture_on_commit_callbacks() as first:
        queue(spog)
    with django_capture_on_commit_callbacks() as second:
        queue(spog)
    assert len(first) == 1 and second == []


def test_what_was_sent_about_a_thing(reference):
    spog = Body.objects.get(short_name="spog")
    services.notification_queue(
        recipient="rep@dhs.example.gov",
        subject="Invitation",
        body="Come.",
        kind="meeting.invitation",
        about=spog,
        occasion="sequence-0",
        attachments=[services.Attachment("invite.ics", "BEGIN:VCALENDAR", "text/calendar")],
    )
    queue(spog)
    queue(Body.objects.get(short_name="pitf"))
    sent = list(services.notifications_about(spog))
    assert [n.kind for n in sent] == ["meeting.reminder", "meeting.invitation"]
    assert [a.filename for a in sent[1].attachments.all()] == ["invite.ics"]
    assert bytes(NotificationAttachment.objects.get().content) == b"BEGIN:VCALENDAR"


def test_the_invitation_is_rendered_from_its_template_pair_with_text_escaped(people):
    with transaction.atomic():
        people_services.invitation_create(
            actor=people["site_admin"],
            email="new.person@dhs.example.gov",
            full_name='Dana <b onmouseover="x()">Bold</b>',
            agency=people["staff"].agency,
            base_url="https://hub.example.gov/",
        )
    notification = Notification.objects.get(recipient="new.person@dhs.example.gov")
    assert notification.subject == "Your invitation to the PITF coordination hub"
    assert 'Dear Dana <b onmouseover="x()">Bold</b>,' in notification.body
    assert (
        "Dear Dana &lt;b onmouseover=&quot;x()&quot;&gt;Bold&lt;/b&gt;," in notification.html_body
    )
    assert "Accept the invitation" in notification.html_body
    assert notification.about.user.email == "new.person@dhs.example.gov"


def test_the_e_mail_carries_the_html_and_the_calendar_parts(reference, settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    notification = services.notification_queue(
        recipient="rep@dhs.example.gov",
        subject="Invitation",
        body="Come.",
        html_body="<p>Come.</p>",
        kind="meeting.invitation",
        about=UserFactory(),
        attachments=[
            services.Attachment(
                "invite.ics",
                "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
                "text/calendar; method=REQUEST",
            ),
            services.Attachment("agenda.docx", b"PK\x03\x04", "application/octet-stream"),
        ],
    )
    messages.notification_email(notification=notification).send()
    [sent] = mail.outbox
    assert [mimetype for _, mimetype in sent.alternatives] == [
        "text/html",
        "text/calendar; method=REQUEST",
    ]
    assert [name for name, _, _ in sent.attachments] == ["invite.ics", "agenda.docx"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.django_db(transaction=True)  # the threads commit
def test_two_transactions_recording_the_same_notice_record_it_once(reference):
    """The second transaction waits on the first one's uncommitted row, then finds it recorded."""
    spog = Body.objects.get(short_name="spog")
    first_recorded, first_may_commit = threading.Event(), threading.Event()
    recorded = {}

    def record(name, *, before=None, hold=None):
        try:
            if before is not None:
                before.wait(10)
            with transaction.atomic():
                recorded[name] = queue(spog).pk
                if hold is not None:
                    first_recorded.set()
                    hold.wait(10)
        finally:
            connection.close()

    first = threading.Thread(target=record, args=("first",), kwargs={"hold": first_may_commit})
    second = threading.Thread(target=record, args=("second",), kwargs={"before": first_recorded})
    first.start()
    second.start()
    wait_for_a_lock_wait("the second transaction never waited on the first")
    first_may_commit.set()
    first.join(10)
    second.join(10)
    assert recorded["first"] == recorded["second"]
    assert Notification.objects.filter(kind="meeting.reminder").count() == 1
