"""Decisions and action items: recorded by the chair's office at or after a meeting; an action
item belongs to an agency (and one of its people), is due on or after its meeting and moves
along through dated updates written by the agency's people; the lists per meeting, body, agency
and person; the CSV; overdue items reminded to their owners once per overdue week."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pitf.meetings import services
from pitf.meetings.models import ActionItem, Decision, Meeting
from pitf.meetings.tasks import remind_overdue_action_items
from pitf.models import Agency, Body, Notification
from pitf.workdays import EASTERN
from pitf.workflow import TransitionRefused
from tests.conftest import meeting_on, written
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2027, 4, 6)  # 10:00 to 11:00 Eastern
BEFORE = datetime.datetime(2027, 4, 1, 9, 0, tzinfo=EASTERN)
AFTER = datetime.datetime(2027, 4, 6, 15, 0, tzinfo=EASTERN)


@pytest.fixture
def clock():
    with time_machine.travel(BEFORE, tick=False) as traveller:
        yield traveller


@pytest.fixture
def meeting(people, clock) -> Meeting:
    scheduled = meeting_on(people["chairs_office"], Body.objects.get(short_name="spog"), DAY)
    clock.move_to(AFTER)
    return scheduled


def action(
    people,
    meeting,
    *,
    due=datetime.date(2027, 4, 20),
    owner="representative",
    title="Send the victim-services figures",
):
    return services.action_item_add(
        actor=people["chairs_office"],
        meeting=meeting,
        title=title,
        owner_agency=Agency.objects.get(acronym="DHS"),
        owner=people[owner] if owner else None,
        due_date=due,
    )


def test_nothing_is_recorded_before_the_meeting(people, clock):
    meeting = meeting_on(people["chairs_office"], Body.objects.get(short_name="spog"), DAY)
    with pytest.raises(TransitionRefused):
        services.decision_record(actor=people["chairs_office"], meeting=meeting, text="Yes")
    with pytest.raises(TransitionRefused):
        action(people, meeting)


def test_the_chairs_office_records_decisions_and_action_items(client, people, meeting, clock):
    clock.move_to(BEFORE)
    item = services.agenda_item_add(
        actor=people["chairs_office"], meeting=meeting, title="FY2028 priorities"
    )
    clock.move_to(AFTER)
    client.force_login(people["chairs_office"])
    response = client.post(
        reverse("meetings:decision-add", args=[meeting.pk]),
        {"text": "The four priorities stand for FY2028.", "agenda_item": item.pk},
    )
    assert response.status_code == 302
    assert Decision.objects.get().agenda_item == item

    add = reverse("meetings:action-add", args=[meeting.pk])
    dhs = Agency.objects.get(acronym="DHS")
    base = {"title": "Send the figures", "owner_agency": dhs.pk}
    response = client.post(add, {**base, "due_date": "2027-04-05"})
    assert "An action item is due on or after its meeting (April 6, 2027)." in (
        response.content.decode()
    )
    response = client.post(
        add, {**base, "due_date": "2027-04-20", "owner": people["staff"].pk}
    )  # staff is of HHS
    assert "is not of DHS" in response.content.decode()
    assert not ActionItem.objects.exists()
    response = client.post(
        add, {**base, "due_date": "2027-04-20", "owner": people["representative"].pk}
    )
    assert response.status_code == 302
    page = client.get(reverse("meetings:outcomes", args=[meeting.pk])).content.decode()
    assert "The four priorities stand for FY2028." in page
    assert "(on “FY2028 priorities”)" in page
    assert "Send the figures" in page and "April 20, 2027" in page


def test_the_owning_agency_moves_an_item_along_with_dated_updates(client, people, meeting):
    item = action(people, meeting)
    url = reverse("meetings:action", args=[item.pk])
    dhs_staff = UserFactory(agency=people["representative"].agency, full_name="Dana DHS")
    client.force_login(dhs_staff)  # of the owning agency, not the owner
    response = client.post(url, {"move": "start", "note": "Drafting.", "version": 1})
    assert response.status_code == 302
    response = client.post(url, {"move": "drop", "note": "", "version": 2})
    assert "Say why it is dropped." in response.content.decode()
    client.post(url, {"move": "finish", "note": "Sent on April 15.", "version": 2})
    item.refresh_from_db()
    assert item.status == "done"
    page = client.get(url).content.decode()
    assert "Drafting." in page and "Sent on April 15." in page
    # Done: a note alone is refused until it is reopened (by anyone who may update it).
    response = client.post(url, {"move": "note", "note": "More.", "version": 3})
    assert "The action item is done; reopen it first." in response.content.decode()
    client.force_login(people["chairs_office"])
    client.post(url, {"move": "reopen", "note": "Figures were incomplete.", "version": 3})
    item.refresh_from_db()
    assert item.status == "open"


def test_other_agencies_read_but_do_not_update(client, people, meeting):
    item = action(people, meeting)
    client.force_login(people["staff"])  # HHS, of the SPOG: may see the meeting
    url = reverse("meetings:action", args=[item.pk])
    page = client.get(url).content.decode()
    assert "Send the victim-services figures" in page
    assert "Write an update" not in page
    assert client.post(url, {"move": "finish", "version": 1}).status_code == 200
    item.refresh_from_db()
    assert item.status == "open"
    with pytest.raises(PermissionDenied):
        services.action_item_update(
            actor=people["staff"], item=item, expected_version=1, move="finish"
        )


def test_the_lists_of_a_person_an_agency_and_a_body(client, people, meeting):
    action(people, meeting)
    action(people, meeting, owner=None, due=datetime.date(2027, 5, 1))
    client.force_login(people["representative"])
    page = client.get(reverse("meetings:my-actions")).content.decode()
    assert page.count("Send the victim-services figures") == 2  # theirs and DHS's
    client.force_login(people["staff"])
    assert "Nothing is open." in client.get(reverse("meetings:my-actions")).content.decode()

    spog = meeting.body
    page = client.get(reverse("meetings:body-actions", args=[spog.pk])).content.decode()
    assert "2 open action items" in page
    response = client.get(reverse("meetings:body-actions-csv", args=[spog.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["Action item", "Owner agency", "Owner", "Due"]
    assert [row[3] for row in rows[1:]] == ["2027-04-20", "2027-05-01"]
    outsider = UserFactory(
        agency=Agency.objects.create(name="Outside", acronym="OUT", kind="other")
    )
    client.force_login(outsider)
    assert client.get(reverse("meetings:body-actions", args=[spog.pk])).status_code == 404
    item = ActionItem.objects.first()
    assert client.get(reverse("meetings:action", args=[item.pk])).status_code == 404


def test_an_overdue_item_is_reminded_once_per_overdue_week(people, meeting, clock):
    item = action(people, meeting, due=datetime.date(2027, 4, 20), title="Send the year's figures")
    sent = Notification.objects.filter(kind="meeting.action_overdue")

    def on(day: int) -> int:
        clock.move_to(datetime.datetime(2027, 4, day, 8, 0, tzinfo=EASTERN))
        return remind_overdue_action_items()

    assert on(20) == 0  # due today: not late yet
    assert on(21) == 1
    assert list(sent.values_list("recipient", flat=True)) == [people["representative"].email]
    notice = written(sent.get())
    assert notice.subject == "Overdue: Send the year's figures"  # not HTML-escaped
    assert "1 day past its due date" in notice.body
    assert reverse("meetings:action", args=[item.pk]) in notice.body
    assert on(21) == 0 and on(27) == 0  # the same week
    assert on(28) == 1  # the second week past due
    assert sent.count() == 2
    services.action_item_update(
        actor=people["representative"], item=item, expected_version=1, move="finish"
    )
    clock.move_to(datetime.datetime(2027, 5, 20, 8, 0, tzinfo=EASTERN))
    assert remind_overdue_action_items() == 0
    assert sent.count() == 2


def test_without_an_owner_the_agencys_designated_people_are_reminded(people, meeting, clock):
    action(people, meeting, owner=None, due=datetime.date(2027, 4, 20))
    clock.move_to(datetime.datetime(2027, 4, 22, 8, 0, tzinfo=EASTERN))
    remind_overdue_action_items()
    reminded = Notification.objects.filter(kind="meeting.action_overdue")
    assert list(reminded.values_list("recipient", flat=True)) == [people["representative"].email]


@pytest.mark.parametrize("name", ["outcomes", "my-actions", "body-actions"])
def test_action_pages_read_in_constant_queries(client, people, meeting, name):
    client.force_login(people["representative"])
    args = {"outcomes": [meeting.pk], "my-actions": [], "body-actions": [meeting.body_id]}[name]
    url = reverse(f"meetings:{name}", args=args)

    def queries_with(count: int) -> int:
        while ActionItem.objects.count() < count:
            action(people, meeting)
            services.decision_record(actor=people["chairs_office"], meeting=meeting, text="Yes")
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert queries_with(1) == queries_with(6)


def test_open_action_items_and_marked_items_go_on_the_next_meetings_draft_agenda(
    client, people, meeting, clock
):
    office = people["chairs_office"]
    spog = meeting.body
    clock.move_to(BEFORE)
    item = services.agenda_item_add(actor=office, meeting=meeting, title="Blue Campaign")
    clock.move_to(AFTER)
    open_action = action(people, meeting)
    done = action(people, meeting, due=datetime.date(2027, 4, 8))
    services.action_item_update(actor=office, item=done, expected_version=1, move="finish")
    client.force_login(office)
    response = client.post(reverse("meetings:agenda-item-carry", args=[meeting.pk, item.pk]))
    assert response.status_code == 302

    following = meeting_on(office, spog, datetime.date(2027, 5, 4), title="SPOG May meeting")
    titles = [i.title for i in following.agenda_items.order_by("position")]
    assert titles == [
        "Blue Campaign",
        "Action item: Send the victim-services figures (DHS)",
    ]
    page = client.get(reverse("meetings:agenda", args=[following.pk])).content.decode()
    assert f'href="{reverse("meetings:agenda", args=[meeting.pk])}"' in page  # where it came from
    assert f'href="{reverse("meetings:action", args=[open_action.pk])}"' in page

    # Recorded once the next meeting is scheduled: it goes there at once, and once only.
    later = action(people, meeting, due=datetime.date(2027, 4, 30))
    later_titles = following.agenda_items.filter(carried_action=later)
    assert later_titles.count() == 1
    meeting_on(office, spog, datetime.date(2027, 6, 1), title="SPOG June meeting")
    assert following.agenda_items.filter(carried_action__isnull=False).count() == 2


def test_the_overdue_beat_reads_owners_in_constant_queries(people, meeting, clock):
    """Items without an owner go to their agency's designated people, read once per batch."""

    def queries_for(count: int) -> int:
        Notification.objects.filter(kind="meeting.action_overdue").delete()
        ActionItem.objects.all().delete()
        for _ in range(count):
            action(people, meeting, owner=None, due=datetime.date(2027, 4, 20))
        clock.move_to(datetime.datetime(2027, 4, 22, 8, 0, tzinfo=EASTERN))
        with CaptureQueriesContext(connection) as queries:
            assert remind_overdue_action_items() == count
        clock.move_to(AFTER)
        reminded = Notification.objects.filter(kind="meeting.action_overdue")
        assert reminded.count() == count  # each to DHS's principal
        return len(queries)

    assert queries_for(1) == queries_for(6)
