"""The year's plan: the SPOG's chair's office schedules a fiscal year's four quarterly meetings in
one form (the PITF its annual one), each proposed on a weekday that is not a U.S. federal holiday
and adjustable; a bad plan is refused with a message on the day at fault and nothing is saved or
sent."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from pitf import workdays
from pitf.meetings import plan
from pitf.meetings.models import Meeting
from pitf.models import Body, Notification

pytestmark = pytest.mark.django_db
EASTERN = ZoneInfo("America/New_York")
# A Sunday in the first quarter of fiscal year 2027, after the third Wednesday of November.
TODAY = datetime.datetime(2026, 11, 29, 9, 0, tzinfo=EASTERN)


@pytest.fixture
def clock():
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def spog():
    return Body.objects.get(short_name="spog")


def plan_url(body, fiscal_year=2027):
    return reverse("meetings:plan", args=[body.pk, fiscal_year])


def plan_form(**changes) -> dict:
    values = {
        "meeting_1": "2026-12-14",
        "meeting_2": "2027-02-17",
        "meeting_3": "2027-05-19",
        "meeting_4": "2027-08-18",
        "start_time": "10:00",
        "end_time": "12:00",
        "time_zone": "America/New_York",
        "place": "Harry S Truman Building, Room 1107",
        "video_link": "https://meet.example.gov/spog",
        "dial_in": "",
        "notes": "",
    }
    values.update(changes)
    return values


def test_the_fiscal_year_runs_october_to_september_in_four_quarters():
    assert plan.fiscal_year_of(datetime.date(2026, 9, 30)) == 2026
    assert plan.fiscal_year_of(datetime.date(2026, 10, 1)) == 2027
    assert [(q.first, q.last) for q in plan.quarters(2027)] == [
        (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31)),
        (datetime.date(2027, 1, 1), datetime.date(2027, 3, 31)),
        (datetime.date(2027, 4, 1), datetime.date(2027, 6, 30)),
        (datetime.date(2027, 7, 1), datetime.date(2027, 9, 30)),
    ]


def test_weekends_and_federal_holidays_are_not_business_days():
    assert "Saturday" in workdays.day_problem(datetime.date(2027, 2, 20))
    assert "Thanksgiving" in workdays.day_problem(datetime.date(2026, 11, 26))
    assert "federal holiday" in workdays.day_problem(
        datetime.date(2027, 6, 18)
    )  # Juneteenth observed
    assert workdays.day_problem(datetime.date(2027, 2, 17)) is None
    # Christmas 2026 is a Friday: the next business day is the Monday after.
    assert workdays.next_business_day(datetime.date(2026, 12, 25)) == datetime.date(2026, 12, 28)
    # New Year's Day 2027 (Friday), then a weekend.
    assert workdays.next_business_day(datetime.date(2027, 1, 1)) == datetime.date(2027, 1, 4)


def test_the_proposal_is_the_third_wednesday_of_the_middle_month_or_two_weeks_away():
    today = TODAY.date()
    proposed = [plan.propose(q, today=today) for q in plan.quarters(2027)]
    # The first quarter's third Wednesday of November has passed: two weeks from today is a
    # Sunday, so the Monday after.
    assert proposed == [
        datetime.date(2026, 12, 14),
        datetime.date(2027, 2, 17),
        datetime.date(2027, 5, 19),
        datetime.date(2027, 8, 18),
    ]
    # Late in December nothing two weeks away is left in the quarter.
    assert plan.propose(plan.quarters(2027)[0], today=datetime.date(2026, 12, 20)) is None
    # The annual meeting: the third Wednesday of April, the fiscal year's middle month.
    pitf = Body(cadence=Body.Cadence.ANNUAL)
    [year] = plan.slots_of(pitf, 2027)
    assert plan.propose(year, today=today) == datetime.date(2027, 4, 21)


def test_the_chairs_office_plans_the_year_in_one_form(client, people, spog, clock):
    client.force_login(people["chairs_office"])
    start = client.get(reverse("meetings:body-meetings", args=[spog.pk]))
    assert "Plan the fiscal year" in start.content.decode()
    response = client.get(reverse("meetings:plan-start", args=[spog.pk]))
    assert response.url == plan_url(spog)
    page = client.get(plan_url(spog))
    form = page.context["form"]
    assert [form[f"meeting_{n}"].value() for n in range(1, 5)] == [
        datetime.date(2026, 12, 14),
        datetime.date(2027, 2, 17),
        datetime.date(2027, 5, 19),
        datetime.date(2027, 8, 18),
    ]
    # The second quarter moved off its proposal by the person planning.
    response = client.post(plan_url(spog), plan_form(meeting_2="2027-02-24"))
    assert response.status_code == 302, response.context["form"].errors
    meetings = list(Meeting.objects.filter(body=spog).order_by("starts_at"))
    assert [(m.title, m.local_start, m.local_end) for m in meetings] == [
        (
            f"SPOG {ordinal}-quarter meeting, FY2027",
            datetime.datetime(*day, 10, 0, tzinfo=EASTERN),
            datetime.datetime(*day, 12, 0, tzinfo=EASTERN),
        )
        for ordinal, day in [
            ("first", (2026, 12, 14)),
            ("second", (2027, 2, 24)),
            ("third", (2027, 5, 19)),
            ("fourth", (2027, 8, 18)),
        ]
    ]
    assert all(m.place == "Harry S Truman Building, Room 1107" for m in meetings)
    # Every meeting sends its own invitation to the body's list.
    for meeting in meetings:
        recipients = set(
            Notification.objects.filter(kind="meeting.invitation", about_id=meeting.pk).values_list(
                "recipient", flat=True
            )
        )
        assert recipients == {people["representative"].email, people["chairs_office"].email}
    body_page = client.get(reverse("meetings:body-meetings", args=[spog.pk])).content.decode()
    assert "SPOG third-quarter meeting, FY2027" in body_page
    # The year is planned: the page says so and the next plan is of the next fiscal year.
    again = client.get(plan_url(spog)).content.decode()
    assert "Every meeting of fiscal year 2027 is scheduled" in again
    assert "SPOG first-quarter meeting, FY2027</a> is already scheduled" in again
    assert client.get(reverse("meetings:plan-start", args=[spog.pk])).url == plan_url(spog, 2028)


def test_a_quarter_with_a_meeting_already_is_left_out_of_the_plan(client, people, spog, clock):
    client.force_login(people["chairs_office"])
    response = client.post(
        reverse("meetings:schedule", args=[spog.pk]),
        {
            "title": "SPOG special meeting",
            "kind": "special",
            "day": "2027-05-05",
            "start_time": "14:00",
            "end_time": "15:00",
            "time_zone": "America/New_York",
        },
    )
    assert response.status_code == 302
    page = client.get(plan_url(spog))
    assert set(page.context["form"].fields) >= {"meeting_1", "meeting_2", "meeting_4"}
    assert "meeting_3" not in page.context["form"].fields
    assert "SPOG special meeting</a> is already scheduled on Wednesday, May 5, 2027" in (
        page.content.decode()
    )
    response = client.post(plan_url(spog), plan_form())
    assert response.status_code == 302, response.context["form"].errors
    assert Meeting.objects.filter(body=spog).count() == 4


@pytest.mark.parametrize(
    "changes, field, message",
    [
        (
            {"meeting_2": "2026-12-16"},
            "meeting_2",
            "December 16, 2026 is in the first quarter, which has its own meeting; the second "
            "quarter runs from January 1, 2027 to March 31, 2027.",
        ),
        (
            {"meeting_4": "2027-10-13"},
            "meeting_4",
            "October 13, 2027 is outside fiscal year 2027 (October 1, 2026 to September 30, 2027).",
        ),
        ({"meeting_3": "2027-05-22"}, "meeting_3", "is a Saturday; choose a weekday."),
        (
            {"meeting_3": "2027-05-31"},
            "meeting_3",
            "May 31, 2027 is a federal holiday (Memorial Day); choose another day.",
        ),
        ({"meeting_1": "2026-11-18"}, "meeting_1", "is in the past; choose a later day."),
        ({"end_time": "09:00"}, "end_time", "The meeting must end after it starts."),
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone", "Select a valid choice."),
        ({"meeting_2": "2027-02-30"}, "meeting_2", "Enter a valid date"),
    ],
)
def test_a_bad_plan_is_refused_and_nothing_is_saved_or_sent(
    client, people, spog, clock, changes, field, message
):
    client.force_login(people["chairs_office"])
    response = client.post(plan_url(spog), plan_form(**changes))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors
    assert "Error:" in response.content.decode()
    assert not Meeting.objects.exists()
    assert not Notification.objects.exists()


def test_the_pitf_plans_its_annual_principals_meeting(client, people, clock):
    pitf = Body.objects.get(short_name="pitf")
    client.force_login(people["site_admin"])
    form = client.get(plan_url(pitf)).context["form"]
    assert form["meeting_1"].value() == datetime.date(2027, 4, 21)
    assert "meeting_2" not in form.fields
    response = client.post(
        plan_url(pitf),
        {k: v for k, v in plan_form(meeting_1="2027-04-21").items() if k[-1] not in "234"},
    )
    assert response.status_code == 302, response.context["form"].errors
    [meeting] = Meeting.objects.filter(body=pitf)
    assert (meeting.title, meeting.kind) == ("PITF annual meeting, FY2027", Meeting.Kind.ANNUAL)


def test_only_the_bodys_chairs_office_plans_and_only_quarterly_or_annual_bodies(
    client, people, spog, clock
):
    client.force_login(people["representative"])
    assert client.get(plan_url(spog)).status_code == 403
    assert client.post(plan_url(spog), plan_form()).status_code == 403
    client.force_login(people["chairs_office"])
    # Not this fiscal year or the next.
    assert client.get(plan_url(spog, 2030)).status_code == 404
    grantmaking = Body.objects.get(short_name="grantmaking")
    client.force_login(people["site_admin"])
    assert client.get(plan_url(grantmaking)).status_code == 404
    assert not Meeting.objects.exists()


def test_every_error_of_the_plan_is_shown_at_once(client, people, spog, clock):
    """A missing time and two bad days: all three on the first submit, each on its field."""
    client.force_login(people["chairs_office"])
    response = client.post(
        plan_url(spog),
        plan_form(end_time="", meeting_1="2026-11-18", meeting_3="2027-05-31"),
    )
    errors = response.context["form"].errors
    assert "This field is required." in errors["end_time"]
    assert "is in the past; choose a later day." in " ".join(errors["meeting_1"])
    assert "Memorial Day" in " ".join(errors["meeting_3"])
    assert not Meeting.objects.exists()
