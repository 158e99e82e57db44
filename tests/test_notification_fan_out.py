"""A fan-out's notices (a meeting's list, a circulation's recipients) are recorded in the change's
transaction with their subject and the context their text is written from; the worker writes the
text when it sends each. Each notice is still recorded once, and the request queues one task, not
one per notice. (Delivery under faults: tests/test_outbox_faults.py, with both ways of recording.)"""

import datetime
import threading

import pytest
from django.db import connection, transaction

from pitf.models import Agency, Body, Notification, NotificationAttachment
from pitf.notifications import messages, services
from tests.conftest import wait_for_a_lock_wait

pytestmark = pytest.mark.django_db

AT = datetime.datetime(2027, 3, 4, 10, 30, tzinfo=datetime.UTC)


def notice(number: int, *, occasion: str = "", about=None, **extra) -> services.Notice:
    return services.Notice(
        kind="test.fan_out",
        recipient=f"person{number}@dhs.example.gov",
        context={"number": number, "at": AT, "label": "the SPOG", **extra},
        about=about,
        occasion=occasion or f"fan-{number}",
        attachments=(services.Attachment("note.txt", f"file {number}", "text/plain"),),
    )


def test_the_subject_is_written_at_once_and_the_text_when_sent(
    reference, django_capture_on_commit_callbacks
):
    spog = Body.objects.get(short_name="spog")
    with django_capture_on_commit_callbacks() as queued, transaction.atomic():
        rows = services.notifications_send_many([notice(n, about=spog) for n in range(3)])
    assert [row.subject for row in rows] == [f"Notice {n} of a fan-out" for n in range(3)]
    row = Notification.objects.get(pk=rows[1].pk)
    assert row.body == "" and row.context["number"] == 1 and row.about == spog
    assert bytes(NotificationAttachment.objects.get(notification=row).content) == b"file 1"
    # One task for the fan-out, queued after the commit.
    assert len(queued) == 1

    messages.notification_write(notification=row)
    row.refresh_from_db()
    assert row.body == "Notice 1, recorded at 2027-03-04T05:30:00-05:00 for the SPOG.\n"
    assert "Notice 1, recorded at" in row.html_body
    assert row.context is None
    # Written once: writing again changes nothing.
    messages.notification_write(notification=row)
    row.refresh_from_db()
    assert row.body.startswith("Notice 1,")
    email = messages.notification_email(notification=row)
    assert email.subject == "Notice 1 of a fan-out" and email.body == row.body


def test_each_notice_is_recorded_once_and_a_second_fan_out_queues_nothing(
    reference, django_capture_on_commit_callbacks
):
    spog = Body.objects.get(short_name="spog")
    first = services.notifications_send_many([notice(0, about=spog), notice(1, about=spog)])
    with django_capture_on_commit_callbacks() as queued, transaction.atomic():
        again = services.notifications_send_many(
            [notice(1, about=spog), notice(2, about=spog), notice(2, about=spog)]
        )
    assert again[0].pk == first[1].pk
    assert again[1].pk == again[2].pk
    assert Notification.objects.count() == 3
    assert NotificationAttachment.objects.count() == 3
    [callback] = queued
    assert callback is not None


@pytest.mark.django_db(transaction=True)  # the threads commit
def test_a_notice_another_transaction_is_recording_is_not_recorded_twice(reference):
    """Another transaction records one of the batch's notices after the batch looked for them:
    the batch's insert waits on that row, then the batch is recorded one notice at a time and
    the other transaction's row is returned for that notice."""
    spog = Body.objects.get(short_name="spog")
    first_recorded, first_may_commit = threading.Event(), threading.Event()
    recorded = {}

    def record(name, numbers, *, before=None, hold=None):
        try:
            if before is not None:
                before.wait(10)
            with transaction.atomic():
                rows = services.notifications_send_many([notice(n, about=spog) for n in numbers])
                recorded[name] = [row.pk for row in rows]
                if hold is not None:
                    first_recorded.set()
                    hold.wait(10)
        finally:
            connection.close()

    first = threading.Thread(target=record, args=("first", [1]), kwargs={"hold": first_may_commit})
    batch = threading.Thread(
        target=record, args=("batch", [0, 1, 2]), kwargs={"before": first_recorded}
    )
    first.start()
    batch.start()
    wait_for_a_lock_wait("the batch never waited on the first transaction")
    first_may_commit.set()
    first.join(10)
    batch.join(10)
    assert recorded["batch"][1] == recorded["first"][0]
    assert Notification.objects.filter(kind="test.fan_out").count() == 3
    assert NotificationAttachment.objects.count() == 3


def test_the_context_keeps_things_of_the_hub_by_id_and_reads_them_as_they_are_now(reference):
    agency = Agency.objects.order_by("pk").first()
    kept = messages.encode_context(
        {"agency": agency, "day": AT.date(), "at": AT, "asked": [agency], "n": 2, "none": None}
    )
    assert kept["agency"] == {"$model": "pitf.agency", "pk": agency.pk}
    Agency.objects.filter(pk=agency.pk).update(name="Renamed Agency")
    read = messages.decode_context(kept)
    assert read["agency"].name == "Renamed Agency"
    assert (read["day"], read["at"], read["n"], read["none"]) == (AT.date(), AT, 2, None)
    assert read["asked"] == [agency]


def test_the_context_refuses_what_it_cannot_keep():
    with pytest.raises(TypeError, match="unsaved"):
        messages.encode_context({"agency": Agency(name="Not saved")})
    with pytest.raises(TypeError, match="set"):
        messages.encode_context({"ids": {1, 2}})
