"""Committee and working group workspaces: the charter's versions (one approval per date), the
announcements (each of the body's people told once), the work plan's deliverables with their
progress and overdue reminders, a working group's sunset reminder and close-out, and who sees
and keeps a workspace."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from committees import tasks
from committees.models import Deliverable
from committees.services import workplans, workspaces
from pitf.concurrency import EditConflict
from pitf.models import Agency, Notification
from pitf.workdays import EASTERN
from tests import committee_fixtures as fixtures

pytestmark = pytest.mark.django_db

NOW = fixtures.NOW


def test_charter_versions_one_approval_per_date_and_the_latest_in_force(far):
    body, _, people = far
    office = people["office"]
    first = workspaces.charter_add(actor=office, body=body, text="Version one.")
    second = workspaces.charter_add(actor=office, body=body, text="Version two.")
    assert (first.number, second.number) == (1, 2)
    workspaces.charter_approve(actor=office, charter=first, approved_on=datetime.date(2026, 1, 5))
    with pytest.raises(ValidationError) as refused:
        workspaces.charter_approve(
            actor=office, charter=second, approved_on=datetime.date(2026, 1, 5)
        )
    assert refused.value.message_dict["approved_on"] == [
        "Version 1 was approved on January 5, 2026; a date has one approved charter."
    ]
    second.refresh_from_db()
    assert second.approved_on is None
    workspaces.charter_approve(actor=office, charter=second, approved_on=datetime.date(2027, 2, 1))
    with pytest.raises(PermissionDenied):
        workspaces.charter_add(actor=people["DHS"], body=body, text="Mine.")


def test_the_workspace_shows_the_body_and_answers_404_outside_it(client, far):
    body, _, people = far
    office = people["office"]
    charter = workspaces.charter_add(actor=office, body=body, text="We implement **FAR 22.17**.")
    workspaces.charter_approve(actor=office, charter=charter, approved_on=datetime.date(2026, 6, 1))
    workplans.deliverable_add(
        actor=office,
        body=body,
        title="Hotline posting guide",
        owner_agency=Agency.objects.get(acronym="HHS"),
        due_date=datetime.date(2027, 2, 1),
    )
    client.force_login(people["DHS"])
    page = client.get(reverse("committees:workspace", args=[body.short_name])).content.decode()
    assert "<strong>FAR 22.17</strong>" in page
    assert "approved June 1, 2026" in page
    assert "sunsets on <strong>April 15, 2027</strong>" in page
    assert "Hotline posting guide" in page and "Overdue" in page
    assert "DHS Principal, principal" in page and "Fran Office" in page
    assert "Post an announcement" not in page
    client.force_login(people["outsider"])
    assert client.get(reverse("committees:workspace", args=[body.short_name])).status_code == 404
    assert client.get(reverse("committees:charter", args=[charter.pk])).status_code == 404
    listed = client.get(reverse("committees:list")).content.decode()
    assert "You belong to no committee or working group." in listed


def test_an_announcement_reaches_each_of_the_body_s_people_once(far):
    body, _, people = far
    announcement = workspaces.announcement_post(
        actor=people["office"], body=body, title="Kick-off", text="We meet **Monday**."
    )
    sent = Notification.objects.filter(kind="committees.announcement")
    expected = sorted(p.email for k, p in people.items() if k != "outsider")
    assert sorted(sent.values_list("recipient", flat=True)) == expected
    # Recorded once: the fan-out's rows are keyed by the announcement and the person.
    from pitf.notifications.services import Notice, notifications_send_many

    notifications_send_many(
        [
            Notice(
                kind="committees.announcement",
                recipient=people["DHS"].email,
                context={"announcement": announcement, "body": body, "link": "x"},
                about=announcement,
                occasion="posted",
            )
        ]
    )
    assert sent.count() == len(expected)


def test_a_deliverable_due_after_the_sunset_or_dropped_without_a_reason_is_refused(far):
    body, agencies, people = far
    office = people["office"]
    with pytest.raises(ValidationError) as refused:
        workplans.deliverable_add(
            actor=office,
            body=body,
            title="Too late",
            owner_agency=agencies["DHS"],
            due_date=datetime.date(2027, 5, 1),
        )
    assert refused.value.message_dict["due_date"] == [
        "The FAR Anti-Trafficking Provision Working Group ends on April 15, 2027; a "
        "deliverable is due by then."
    ]
    deliverable = workplans.deliverable_add(
        actor=office,
        body=body,
        title="Training module",
        owner_agency=agencies["DHS"],
        owner=people["DHS"],
        due_date=datetime.date(2027, 4, 1),
    )
    with pytest.raises(ValidationError) as refused:
        workplans.deliverable_change(
            actor=office,
            deliverable=deliverable,
            expected_version=deliverable.version,
            status="dropped",
            drop_reason=" ",
        )
    assert refused.value.message_dict["drop_reason"] == ["Say why the deliverable is dropped."]
    with pytest.raises(ValidationError) as refused:
        workplans.deliverable_change(
            actor=office,
            deliverable=deliverable,
            expected_version=deliverable.version,
            status="planned",
            owner=people["HHS"],
        )
    assert "is not of DHS" in refused.value.message_dict["owner"][0]
    stale = deliverable.version
    workplans.deliverable_change(
        actor=office,
        deliverable=deliverable,
        expected_version=stale,
        status="dropped",
        drop_reason="Covered by the FAR Council's own training.",
    )
    with pytest.raises(EditConflict):
        workplans.deliverable_change(
            actor=office, deliverable=deliverable, expected_version=stale, status="planned"
        )


def test_progress_is_written_by_the_owner_agency_only(client, far):
    body, agencies, people = far
    deliverable = workplans.deliverable_add(
        actor=people["office"],
        body=body,
        title="Training module",
        owner_agency=agencies["DHS"],
        due_date=datetime.date(2027, 4, 1),
    )
    url = reverse("committees:deliverable-progress", args=[deliverable.pk])
    values = {"day": "2027-02-26", "status": "in_progress", "text": "Draft module written."}
    client.force_login(people["HHS"])
    assert client.post(url, values).status_code == 403
    assert not deliverable.updates.exists()
    client.force_login(people["DHS"])
    answer = client.post(url, values, follow=True)
    assert "The progress is added." in answer.content.decode()
    deliverable.refresh_from_db()
    assert deliverable.status == "in_progress"
    page = client.get(reverse("committees:deliverable", args=[deliverable.pk])).content.decode()
    assert "February 26, 2027: In progress" in page and "Draft module written." in page
    mine = client.get(reverse("my-page")).content.decode()
    assert "Training module" in mine


def test_overdue_deliverables_are_reminded_once_per_period_even_with_beat_run_twice(far, clock):
    body, agencies, people = far
    office = people["office"]
    owned = workplans.deliverable_add(
        actor=office,
        body=body,
        title="Compliance-plan checks",
        owner_agency=agencies["DHS"],
        owner=people["DHS"],
        due_date=datetime.date(2027, 3, 10),
    )
    workplans.deliverable_add(
        actor=office,
        body=body,
        title="Hotline posting",
        owner_agency=agencies["HHS"],
        due_date=datetime.date(2027, 3, 10),
    )
    sent = Notification.objects.filter(kind="committees.deliverable_overdue")
    assert tasks.remind_overdue_deliverables() == 0  # not yet due
    clock.move_to(datetime.datetime(2027, 3, 11, 9, 0, tzinfo=EASTERN))
    assert tasks.remind_overdue_deliverables() == 2
    assert tasks.remind_overdue_deliverables() == 0
    assert sorted(sent.values_list("recipient", flat=True)) == sorted(
        [people["DHS"].email, people["HHS"].email]
    )
    clock.move_to(datetime.datetime(2027, 4, 10, 9, 0, tzinfo=EASTERN))
    assert tasks.remind_overdue_deliverables() == 2  # a new overdue period
    assert tasks.remind_overdue_deliverables() == 0
    assert sent.count() == 4
    # Done, it is no longer reminded.
    workplans.progress_add(
        actor=people["DHS"],
        deliverable=owned,
        day=datetime.date(2027, 4, 10),
        text="Checks in place.",
        status="done",
    )
    clock.move_to(datetime.datetime(2027, 5, 11, 9, 0, tzinfo=EASTERN))
    assert tasks.remind_overdue_deliverables() == 1
    assert Deliverable.objects.get(pk=owned.pk).status == "done"


def test_the_sunset_reminder_goes_once_and_a_closed_group_says_what_it_delivered(
    client, far, clock
):
    body, _, people = far
    sent = Notification.objects.filter(kind="committees.sunset")
    assert tasks.remind_sunsets() == 0  # 45 days before
    clock.move_to(datetime.datetime(2027, 3, 16, 9, 0, tzinfo=EASTERN))
    assert tasks.remind_sunsets() == 1
    assert tasks.remind_sunsets() == 0
    assert list(sent.values_list("recipient", flat=True)) == [people["office"].email]
    assert "sunsets on April 15, 2027" in sent.get().subject
    workspaces.close_out(
        actor=people["office"],
        body=body,
        closed_on=datetime.date(2027, 4, 15),
        summary="Delivered the **training module** and the hotline guide.",
        expected_version=1,
    )
    client.force_login(people["HHS"])
    page = client.get(reverse("committees:workspace", args=[body.short_name])).content.decode()
    assert "Closed on April 15, 2027" in page
    assert "<strong>training module</strong>" in page


def test_the_workspace_makes_the_same_queries_whatever_its_size(client, far):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    body, agencies, people = far
    client.force_login(people["DHS"])
    url = reverse("committees:workspace", args=[body.short_name])

    def grow(count: int) -> int:
        for number in range(count):
            workplans.deliverable_add(
                actor=people["office"],
                body=body,
                title=f"Deliverable {number}",
                owner_agency=agencies["DHS" if number % 2 else "HHS"],
                owner=people["DHS"] if number % 2 else None,
                due_date=datetime.date(2027, 4, 1),
            )
            workspaces.announcement_post(
                actor=people["office"], body=body, title=f"News {number}", text="Text."
            )
            workspaces.charter_add(actor=people["office"], body=body, text=f"Version {number}")
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert grow(2) == grow(20)


def test_through_the_worker_an_announcement_and_the_sunset_reminder_arrive_once_each(
    far, celery_worker_process, smtp_sink, clock
):
    from tests.conftest import text_of

    body, _, people = far
    workspaces.announcement_post(
        actor=people["office"], body=body, title="Kick-off", text="We meet on Monday."
    )
    clock.move_to(datetime.datetime(2027, 3, 20, 9, 0, tzinfo=EASTERN))
    assert tasks.remind_sunsets() == 1
    assert tasks.remind_sunsets() == 0
    expected = sorted(p.email for k, p in people.items() if k != "outsider")
    arrived = smtp_sink.wait_for(len(expected) + 1, timeout=60)
    announced = [m for m in arrived if "Kick-off" in m["Subject"]]
    assert sorted(m["To"] for m in announced) == expected
    assert "We meet on Monday." in text_of(announced[0])
    sunset = [m for m in arrived if "sunsets on April 15, 2027" in m["Subject"]]
    assert [m["To"] for m in sunset] == [people["office"].email]
    assert f"/committees/{body.short_name}/" in text_of(sunset[0])
