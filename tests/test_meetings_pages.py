"""The meetings pages beside the list: the person's month calendar (each meeting on the day it
starts in its own time zone), the chair's office's dashboard of its bodies' next meetings with
the answers counted; and every meetings page keeps the same number of SQL queries as meetings
and invitees grow."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pitf.meetings import services
from pitf.meetings.models import Invitee, Meeting
from pitf.models import Body
from tests.factories import DesignationFactory, UserFactory

pytestmark = pytest.mark.django_db
EASTERN = ZoneInfo("America/New_York")
PACIFIC = ZoneInfo("America/Los_Angeles")
NEXT_YEAR = timezone.localdate().year + 1


def schedule(people, day: datetime.date, *, hour=10, zone=EASTERN, body="spog", title=None):
    start = datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=zone)
    return services.meeting_schedule(
        actor=people["site_admin"],
        body=Body.objects.get(short_name=body),
        title=title or f"Meeting of {day:%B %-d}",
        kind="regular",
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=90),
        time_zone=str(zone),
    )


def test_the_month_calendar_puts_each_meeting_on_its_own_day(client, people):
    representative = people["representative"]
    schedule(people, datetime.date(NEXT_YEAR, 3, 10), title="SPOG quarterly meeting")
    # 11:30 PM Pacific on 31 March is already 1 April in UTC and in Washington.
    schedule(
        people, datetime.date(NEXT_YEAR, 3, 31), hour=23, zone=PACIFIC, title="West Coast call"
    )
    client.force_login(representative)
    response = client.get(reverse("meetings:month-of", args=[NEXT_YEAR, 3]))
    page = response.content.decode()
    assert f"My meetings: March {NEXT_YEAR}" in page
    assert "2 meetings this month." in page
    days = {
        day["date"]: [invitee.meeting.title for invitee, _ in day["invitations"]]
        for week in response.context["weeks"]
        for day in week
        if day["invitations"]
    }
    assert days == {
        datetime.date(NEXT_YEAR, 3, 10): ["SPOG quarterly meeting"],
        datetime.date(NEXT_YEAR, 3, 31): ["West Coast call"],
    }
    assert "11:00 PM PDT West Coast call" in page
    assert f"{datetime.date(NEXT_YEAR, 3, 10):%A}, March 10: 1 meeting" in page
    # The first day with a meeting takes the keyboard focus of a month other than this one.
    assert response.context["focus"] == datetime.date(NEXT_YEAR, 3, 10)
    # The weeks start on Sunday and cover the month whole.
    weeks = response.context["weeks"]
    assert weeks[0][0]["date"].weekday() == 6
    assert all(len(week) == 7 for week in weeks)
    april = client.get(reverse("meetings:month-of", args=[NEXT_YEAR, 4])).content.decode()
    assert "You have no meeting this month." in april
    assert client.get(reverse("meetings:month-of", args=[NEXT_YEAR, 13])).status_code == 404
    # Someone not invited sees none of them.
    client.force_login(people["staff"])
    other = client.get(reverse("meetings:month-of", args=[NEXT_YEAR, 3])).content.decode()
    assert "You have no meeting this month." in other


def test_this_months_calendar_marks_today(client, people):
    client.force_login(people["representative"])
    response = client.get(reverse("meetings:month"))
    assert response.context["focus"] == timezone.localdate()
    assert 'aria-current="date"' in response.content.decode()


def test_the_dashboard_counts_the_answers_of_each_bodys_next_meetings(client, people):
    first = schedule(people, datetime.date(NEXT_YEAR, 2, 17), title="SPOG second quarter")
    schedule(people, datetime.date(NEXT_YEAR, 5, 19), title="SPOG third quarter")
    services.invitee_answer(
        actor=people["representative"],
        invitee=first.invitees.get(person=people["representative"]),
        response=Invitee.Response.REMOTELY,
    )
    client.force_login(people["chairs_office"])
    response = client.get(reverse("meetings:dashboard"))
    [outlook] = response.context["outlooks"]
    assert outlook.body.short_name == "spog"
    assert [
        (m.title, m.invited, m.attending, m.alternates, m.declined, m.unanswered)
        for m in outlook.meetings
    ] == [
        ("SPOG second quarter", 2, 1, 0, 0, 1),
        ("SPOG third quarter", 2, 0, 0, 0, 2),
    ]
    page = response.content.decode()
    assert "Plan the fiscal year" in page
    # Only the next three of a body; a site administrator sees every body.
    for month in (6, 7, 8):
        schedule(people, datetime.date(NEXT_YEAR, month, 16))
    [outlook] = client.get(reverse("meetings:dashboard")).context["outlooks"]
    assert len(outlook.meetings) == 3
    client.force_login(people["site_admin"])
    outlooks = client.get(reverse("meetings:dashboard")).context["outlooks"]
    assert len(outlooks) == Body.objects.count()
    assert "No meeting of the Grantmaking Committee is coming up" in (
        client.get(reverse("meetings:dashboard")).content.decode()
    )
    client.force_login(people["representative"])
    assert client.get(reverse("meetings:dashboard")).status_code == 403


# Constant queries -------------------------------------------------------------------------


def grow(people, on_commit, *, meetings: int, extra_invitees: int) -> Meeting:
    """`meetings` more SPOG meetings next year, and `extra_invitees` more alternates of DHS on the
    list of every meeting; three of each list have answered. Returns the first meeting."""
    dhs = people["representative"].agency
    spog = Body.objects.get(short_name="spog")
    with on_commit(execute=True):  # the lists follow the new designations, as on commit
        for _ in range(extra_invitees):
            DesignationFactory(
                person=UserFactory(agency=dhs),
                agency=dhs,
                body=spog,
                role="alternate",
                start_date=datetime.date(2020, 1, 1),
            )
    existing = Meeting.objects.count()
    made = [
        schedule(people, datetime.date(NEXT_YEAR, 3, 1) + datetime.timedelta(days=index))
        for index in range(existing, existing + meetings)
    ]
    for meeting in made:
        for row in meeting.invitees.all()[:3]:
            services.invitee_answer(
                actor=row.person, invitee=row, response=Invitee.Response.IN_PERSON
            )
    return Meeting.objects.order_by("starts_at").first()


def pages(meeting: Meeting) -> dict[str, str]:
    spog = meeting.body
    return {
        "my meetings": reverse("meetings:my-meetings"),
        "month": reverse("meetings:month-of", args=[NEXT_YEAR, 3]),
        "body's meetings": reverse("meetings:body-meetings", args=[spog.pk]),
        "meeting": reverse("meetings:detail", args=[meeting.pk]),
        "dashboard": reverse("meetings:dashboard"),
        "year plan": reverse("meetings:plan-start", args=[spog.pk]),
        "answer": reverse("meetings:answer", args=[meeting.pk]),
        "remind": reverse("meetings:remind", args=[meeting.pk]),
        "calendar file": reverse("meetings:ics", args=[meeting.pk]),
        "my page": reverse("my-page"),
    }


def count_queries(client, urls: dict[str, str]) -> dict[str, int]:
    counts = {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, follow=True)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(queries)
    return counts


def test_every_meetings_page_keeps_its_query_count_as_meetings_and_invitees_grow(
    client, people, django_capture_on_commit_callbacks
):
    chairs_office = people["chairs_office"]
    # The chair's office is invited to its body's meetings: every page has rows to show.
    meeting = grow(people, django_capture_on_commit_callbacks, meetings=2, extra_invitees=1)
    client.force_login(chairs_office)
    count_queries(client, pages(meeting))  # warm the caches of the first request
    small = count_queries(client, pages(meeting))
    grow(people, django_capture_on_commit_callbacks, meetings=12, extra_invitees=25)
    large = count_queries(client, pages(meeting))
    assert Meeting.objects.count() == 14
    assert meeting.invitees.count() >= 28
    print("\n[queries]", small)
    assert large == small


def test_the_time_zone_list_offers_places_not_the_databases_internal_names():
    from pitf.meetings.forms import zone_choices

    (_, common), (_, others) = zone_choices()
    offered = {value for value, _ in [*common, *others]}
    assert {"America/New_York", "Asia/Manila", "Pacific/Guam"} <= offered
    assert not offered & {"Factory", "localtime", "posixrules", "EST5EDT", "Etc/GMT+5"}


def test_a_bodys_page_lists_its_recent_past_and_finds_earlier_meetings_by_year(client, people):
    """Fifteen years of meetings are not one page: the most recent twelve past ones, then a
    year at a time."""
    from pitf.meetings.selectors import RECENT_PAST

    spog = Body.objects.get(short_name="spog")
    today = timezone.localdate()
    Meeting.objects.bulk_create(
        Meeting(
            body=spog,
            title=f"SPOG meeting of {today.year - 1 - n}",
            kind="regular",
            starts_at=datetime.datetime(today.year - 1 - n, 6, 10, 10, tzinfo=EASTERN),
            ends_at=datetime.datetime(today.year - 1 - n, 6, 10, 12, tzinfo=EASTERN),
            time_zone="America/New_York",
            scheduled_by=people["site_admin"],
        )
        for n in range(RECENT_PAST + 3)
    )
    client.force_login(people["chairs_office"])
    page = client.get(reverse("meetings:body-meetings", args=[spog.pk])).content.decode()
    assert f"SPOG meeting of {today.year - 1}" in page
    assert f"SPOG meeting of {today.year - RECENT_PAST}" in page
    assert f"SPOG meeting of {today.year - RECENT_PAST - 1}" not in page
    assert "Earlier meetings are listed by year" in page
    earliest = today.year - RECENT_PAST - 3
    page = client.get(reverse("meetings:body-meetings", args=[spog.pk]), {"year": earliest}).content
    assert f"SPOG meeting of {earliest}".encode() in page
    assert b"Earlier meetings are listed by year" not in page
