"""The calendar files' time zones: each zone a VTIMEZONE of yearly rules (RRULE), as calendar
programs write them, not a list of dates that ends in 2037. The rules are read back with
icalendar's own VTIMEZONE reader and must give zoneinfo's offsets for years to come."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from pitf.meetings.calendar import calendar_of, vtimezone

pytestmark = pytest.mark.django_db

ZONES = [
    "America/New_York",
    "America/Chicago",
    "Europe/London",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Asia/Manila",
    "Pacific/Guam",
    "America/Phoenix",
]


@pytest.mark.parametrize("name", ZONES)
def test_the_yearly_rules_give_the_zones_offsets_for_years_to_come(name):
    component = vtimezone(name, 2027)
    assert component is not None
    text = component.to_ical().decode()
    assert "RDATE" not in text
    read = (
        icalendar.Calendar.from_ical(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n" + text + "END:VCALENDAR\r\n"
        )
        .walk("VTIMEZONE")[0]
        .to_tz()
    )
    zone = ZoneInfo(name)
    for year in (2027, 2031, 2038, 2044):
        for month in range(1, 13):
            for day in (1, 15):
                local = datetime.datetime(year, month, day, 12)
                assert read.utcoffset(local) == local.replace(tzinfo=zone).utcoffset(), (
                    name,
                    local,
                )


def test_a_zone_whose_changes_follow_no_yearly_rule_is_listed_instead():
    """Morocco's changes follow Ramadan: no yearly rule; icalendar lists its dates."""
    assert vtimezone("Africa/Casablanca", 2027) is None
    event = icalendar.Event()
    event.add("uid", "x@pitf-hub")
    event.add("dtstart", datetime.datetime(2027, 5, 3, 10, tzinfo=ZoneInfo("Africa/Casablanca")))
    calendar = calendar_of([event], method=None)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Africa/Casablanca"]


def test_an_invitation_writes_its_zone_as_rules(scheduled_meeting_ics):
    calendar = icalendar.Calendar.from_ical(scheduled_meeting_ics)
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "America/New_York"
    rules = {str(part["TZNAME"]): part["RRULE"] for part in zone.subcomponents}
    assert rules["EDT"]["BYMONTH"] == [3] and rules["EDT"]["BYDAY"] == ["2SU"]
    assert rules["EST"]["BYMONTH"] == [11] and rules["EST"]["BYDAY"] == ["1SU"]


@pytest.fixture
def scheduled_meeting(people):
    from pitf.meetings import services
    from pitf.models import Body

    return services.meeting_schedule(
        actor=people["site_admin"],
        body=Body.objects.get(short_name="spog"),
        title="SPOG quarterly meeting",
        kind="regular",
        starts_at=datetime.datetime(2027, 11, 18, 10, tzinfo=ZoneInfo("America/New_York")),
        ends_at=datetime.datetime(2027, 11, 18, 12, tzinfo=ZoneInfo("America/New_York")),
        time_zone="America/New_York",
    )


@pytest.fixture
def scheduled_meeting_ics(scheduled_meeting):
    from pitf.meetings.calendar import invitation_ics

    return invitation_ics(scheduled_meeting, attendees=[])


def test_each_persons_file_is_the_changes_file_with_their_own_organizer(scheduled_meeting):
    """The REQUEST of a change is written once for the list; each person's copy names their
    invitation's reply address as ORGANIZER (folded where long) and every attendee, and is
    what writing the file for that person alone gives."""
    from pitf.meetings.calendar import Invitation, meeting_event

    meeting = scheduled_meeting
    attendees = list(meeting.invitees.select_related("person"))
    assert len(attendees) >= 2
    invitation = Invitation(meeting, attendees=attendees)
    short = "reply+abc@hub.example.gov"
    long = "reply+" + "x" * 90 + "@hub.example.gov"
    for address in (short, long):
        [event] = icalendar.Calendar.from_ical(invitation.for_organizer(address)).walk("VEVENT")
        assert str(event["ORGANIZER"]) == f"mailto:{address}"
        assert event["ORGANIZER"].params["CN"] == f"{meeting.body.name}, chair's office"
        assert sorted(str(a) for a in event["ATTENDEE"]) == sorted(
            f"mailto:{a.person.email}" for a in attendees
        )
        alone = meeting_event(meeting, attendees=attendees, organizer=address)
        assert event["ORGANIZER"].to_ical() == alone["ORGANIZER"].to_ical()
    assert len(max(invitation.for_organizer(long).split(b"\r\n"), key=len)) <= 75
