"""Attendance: at or after a meeting its body's chair's office records who attended, for which
agency, in person or remotely (first supposed from their answers); the pages say which member
agencies were represented and whether the body's quorum was met. Someone not on the list is
recorded only with a reason; attendance recorded meanwhile by someone else is never saved
over; before the meeting, or for a cancelled one, nothing is recorded."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pitf.meetings import attendance, services
from pitf.meetings.models import Attendance, BodyMeetingSettings, Meeting
from pitf.meetings.workflows import MEETING
from pitf.models import Body
from pitf.selectors import agencies_in_body_on
from pitf.workdays import EASTERN
from pitf.workflow import TransitionRefused
from tests.conftest import meeting_on
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2027, 4, 6)
BEFORE = datetime.datetime(2027, 4, 1, 9, 0, tzinfo=EASTERN)
AFTER = datetime.datetime(2027, 4, 6, 15, 0, tzinfo=EASTERN)


@pytest.fixture
def clock():
    with time_machine.travel(BEFORE, tick=False) as traveller:
        yield traveller


@pytest.fixture
def meeting(people, clock) -> Meeting:
    """A SPOG meeting on 6 April 2027, 10 to 11, Eastern; DHS's principal answered that they
    will attend in person."""
    scheduled = meeting_on(people["chairs_office"], Body.objects.get(short_name="spog"), DAY)
    services.invitee_answer(
        actor=people["representative"],
        invitee=scheduled.invitees.get(person=people["representative"]),
        response="in_person",
    )
    return scheduled


def url(meeting: Meeting) -> str:
    return reverse("meetings:attendance", args=[meeting.pk])


def field(person) -> str:
    return f"mode_{person.pk}"


def test_before_the_meeting_nothing_is_recorded_and_the_page_says_when(client, people, meeting):
    client.force_login(people["chairs_office"])
    page = client.get(url(meeting)).content.decode()
    assert "Attendance is recorded once the meeting has begun." in page
    assert "Record attendance" not in page
    with pytest.raises(TransitionRefused):
        services.attendance_record(
            actor=people["chairs_office"], meeting=meeting, present=[], expected="none"
        )


def test_the_chairs_office_records_who_attended_first_supposed_from_their_answers(
    client, people, meeting, clock
):
    clock.move_to(AFTER)
    client.force_login(people["chairs_office"])
    form = client.get(url(meeting)).context["form"]
    assert form.initial[field(people["representative"])] == "in_person"  # as they answered
    assert form.initial[field(people["chairs_office"])] == ""  # no answer: not supposed
    response = client.post(
        url(meeting),
        {
            "expected": form.initial["expected"],
            field(people["representative"]): "in_person",
            field(people["chairs_office"]): "remote",
        },
    )
    assert response.status_code == 302
    recorded = {(a.person, a.agency.acronym, a.mode) for a in Attendance.objects.all()}
    assert recorded == {
        (people["representative"], "DHS", "in_person"),
        (people["chairs_office"], "DOS", "remote"),
    }
    members = list(agencies_in_body_on(body=meeting.body, day=DAY))
    represented = len([agency for agency in members if agency.acronym in ("DHS", "DOS")])
    assert represented == 2
    needed = len(members) // 2 + 1
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert f"2 of {len(members)} member agencies represented: " in page
    assert f"<strong>no quorum</strong> (a majority of the member agencies: {needed})" in page
    assert "Riley Representative" in page and "In person" in page and "Remotely" in page


def test_the_quorum_is_met_when_enough_member_agencies_are_represented(people, meeting, clock):
    clock.move_to(AFTER)
    members = list(agencies_in_body_on(body=meeting.body, day=DAY))
    settings, _ = BodyMeetingSettings.objects.get_or_create(body=meeting.body)
    settings.quorum = BodyMeetingSettings.Quorum.TWO_THIRDS
    settings.save()
    needed = -(-len(members) * 2 // 3)
    present = [
        services.Present(person=UserFactory(agency=agency), mode="remote", reason="Sent instead")
        for agency in members[: needed - 1]
    ]
    services.attendance_record(
        actor=people["chairs_office"], meeting=meeting, present=present, expected="none"
    )
    summary = attendance.attendance_summary(meeting)
    assert (len(summary.represented), summary.needed, summary.quorum_met) == (
        needed - 1,
        needed,
        False,
    )
    present.append(
        services.Present(
            person=UserFactory(agency=members[needed - 1]), mode="in_person", reason="Sent"
        )
    )
    services.attendance_record(
        actor=people["chairs_office"],
        meeting=meeting,
        present=present,
        expected=attendance.attendance_fingerprint(summary.rows),
    )
    summary = attendance.attendance_summary(meeting)
    assert summary.quorum_met is True and summary.absent == members[needed:]
    assert attendance.quorum_needed("none", 17) is None
    assert (attendance.quorum_needed("majority", 17), attendance.quorum_needed("majority", 16)) == (
        9,
        9,
    )


def test_someone_not_on_the_list_is_recorded_only_with_a_reason(client, people, meeting, clock):
    clock.move_to(AFTER)
    guest = UserFactory(agency=people["staff"].agency, full_name="Gale Guest")
    client.force_login(people["chairs_office"])
    form = client.get(url(meeting)).context["form"]
    data = {"expected": form.initial["expected"], "other": guest.pk, "other_mode": "in_person"}
    response = client.post(url(meeting), data)
    assert response.status_code == 200
    assert "Say why they attended without being on the list." in response.content.decode()
    assert not Attendance.objects.exists()
    with pytest.raises(Exception, match="was not on this meeting's list"):
        services.attendance_record(
            actor=people["chairs_office"],
            meeting=meeting,
            present=[services.Present(person=guest, mode="remote")],
            expected="none",
        )
    response = client.post(url(meeting), {**data, "other_reason": "Presented item 2"})
    assert response.status_code == 302
    [row] = Attendance.objects.all()
    assert (row.person, row.agency.acronym, row.not_invited_reason) == (
        guest,
        "HHS",
        "Presented item 2",
    )
    page = client.get(url(meeting)).content.decode()
    assert "Not on the list: Presented item 2" in page


def test_attendance_recorded_meanwhile_is_not_saved_over(client, people, meeting, clock):
    clock.move_to(AFTER)
    client.force_login(people["chairs_office"])
    loaded = client.get(url(meeting)).context["form"].initial["expected"]
    services.attendance_record(
        actor=people["site_admin"],
        meeting=meeting,
        present=[services.Present(person=people["representative"], mode="remote")],
        expected=loaded,
    )
    response = client.post(
        url(meeting), {"expected": loaded, field(people["chairs_office"]): "in_person"}
    )
    assert response.status_code == 200
    assert "while you were editing it. Nothing was saved" in response.content.decode()
    assert list(Attendance.objects.values_list("person", "mode")) == [
        (people["representative"].pk, "remote")
    ]
    assert response.context["form"].initial[field(people["representative"])] == "remote"


def test_only_the_bodys_chairs_office_records_and_a_cancelled_meeting_has_none(
    client, people, meeting, clock
):
    cancelled = services.meeting_cancel(
        actor=people["chairs_office"],
        meeting=meeting,
        expected_version=meeting.version,
        reason="No",
    )
    clock.move_to(AFTER)
    assert MEETING.state(cancelled) == "cancelled"
    client.force_login(people["representative"])
    assert client.get(url(meeting)).status_code == 403
    client.force_login(people["observer"])
    assert client.get(url(meeting)).status_code in (403, 404)
    client.force_login(people["chairs_office"])
    page = client.get(url(meeting)).content.decode()
    assert "The meeting was cancelled; nobody attended." in page


def test_the_attendance_page_keeps_its_query_count(client, people, meeting, clock):
    clock.move_to(AFTER)
    client.force_login(people["chairs_office"])

    def count() -> int:
        client.get(url(meeting))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(meeting)).status_code == 200
        return len(queries)

    members = list(agencies_in_body_on(body=meeting.body, day=DAY))
    present = [
        services.Present(person=UserFactory(agency=agency), mode="remote", reason="Sent")
        for agency in members[:2]
    ]
    services.attendance_record(
        actor=people["chairs_office"], meeting=meeting, present=present, expected="none"
    )
    small = count()
    more = present + [
        services.Present(person=UserFactory(agency=agency), mode="in_person", reason="Sent")
        for agency in members[2:12]
    ]
    services.attendance_record(
        actor=people["chairs_office"],
        meeting=meeting,
        present=more,
        expected=attendance.attendance_fingerprint(attendance.attendance_of(meeting)),
    )
    assert count() == small
