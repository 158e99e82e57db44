"""Meetings: the chair's office schedules, reschedules and cancels a meeting of its body; the
body's list of invitees gets calendar notices (iTIP REQUEST with one UID and a rising SEQUENCE,
then CANCEL) that keep the meeting's wall-clock time across a daylight-saving change; people
outside the body never see its meetings."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from pitf.meetings import selectors as meeting_selectors
from pitf.meetings import services
from pitf.meetings.models import Invitee, Meeting
from pitf.models import Agency, Body, Notification
from tests.conftest import written
from tests.factories import AgencyFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
EASTERN = ZoneInfo("America/New_York")


def next_year_day(month: int, day: int) -> datetime.date:
    """A date in the coming year, so the meeting is never in the past."""
    return datetime.date(timezone.localdate().year + 1, month, day)


def schedule_form(on: datetime.date, **changes) -> dict:
    values = {
        "title": "SPOG quarterly meeting",
        "kind": "regular",
        "day": on.isoformat(),
        "start_time": "10:00",
        "end_time": "12:00",
        "time_zone": "America/New_York",
        "place": "Harry S Truman Building, Room 1107",
        "video_link": "https://meet.example.gov/spog",
        "dial_in": "+1 202 555 0100, code 1234",
        "notes": "Agenda to follow.",
    }
    values.update(changes)
    return values


def calendar_of(notification: Notification) -> icalendar.Calendar:
    [attachment] = notification.attachments.all()
    assert attachment.mimetype.startswith("text/calendar")
    return icalendar.Calendar.from_ical(bytes(attachment.content))


def event_of(calendar: icalendar.Calendar) -> icalendar.Event:
    [event] = calendar.walk("VEVENT")
    return event


@pytest.fixture
def spog():
    return Body.objects.get(short_name="spog")


@pytest.fixture
def scheduled(client, people, spog):
    """A SPOG meeting on 11 November next year (after the November daylight-saving change),
    scheduled through the page by the SPOG chair's office."""
    client.force_login(people["chairs_office"])
    day = next_year_day(11, 18)
    response = client.post(reverse("meetings:schedule", args=[spog.pk]), schedule_form(day))
    assert response.status_code == 302, response.context["form"].errors
    return Meeting.objects.get(body=spog)


def test_the_chairs_office_schedules_and_the_body_is_invited(scheduled, people):
    meeting = scheduled
    invited = {i.person: i.source for i in meeting.invitees.all()}
    assert invited == {
        people["representative"]: Invitee.Source.PRINCIPAL,
        people["chairs_office"]: Invitee.Source.CHAIRS_OFFICE,
    }
    notices = Notification.objects.filter(kind="meeting.invitation")
    assert sorted(n.recipient for n in notices) == sorted(p.email for p in invited)
    notice = written(notices.get(recipient=people["representative"].email))
    assert "SPOG quarterly meeting" in notice.subject
    assert "Harry S Truman Building" in notice.body and "/meetings/" in notice.body
    calendar = calendar_of(notice)
    assert calendar["METHOD"] == "REQUEST"
    event = event_of(calendar)
    assert str(event["UID"]) == meeting.uid
    assert event["SEQUENCE"] == 0
    # The organizer is the chair's office by name, at the invitation's own reply address, so
    # that the calendar program's answer comes back to the hub.
    from pitf.meetings.replies import reply_address

    invitee = meeting.invitees.get(person__email=notice.recipient)
    assert str(event["ORGANIZER"]) == f"mailto:{reply_address(invitee)}"
    assert "chair's office" in str(event["ORGANIZER"].params["CN"])
    attendees = {str(a) for a in event.get("ATTENDEE")}
    assert attendees == {f"mailto:{p.email}" for p in invited}
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute) == (10, 0)
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    assert "meet.example.gov/spog" in str(event["LOCATION"])


def test_a_meeting_after_the_november_change_keeps_its_wall_clock_time(scheduled):
    """10:00 Eastern in mid-November is 15:00 UTC (standard time), and the calendar file says
    10:00 in America/New_York with a VTIMEZONE that has both standard and daylight rules."""
    meeting = scheduled
    assert meeting.starts_at.astimezone(datetime.UTC).hour == 15
    notice = Notification.objects.filter(kind="meeting.invitation").first()
    calendar = calendar_of(notice)
    start = event_of(calendar).decoded("DTSTART")
    assert start.utcoffset() == datetime.timedelta(hours=-5)
    assert start.astimezone(datetime.UTC).hour == 15
    [zone] = calendar.walk("VTIMEZONE")
    assert {c.name for c in zone.subcomponents} >= {"STANDARD", "DAYLIGHT"}


def test_a_reschedule_sends_the_same_uid_with_the_next_sequence(client, scheduled, people):
    meeting = scheduled
    day = next_year_day(11, 19)
    response = client.post(
        reverse("meetings:reschedule", args=[meeting.pk]),
        {
            **schedule_form(day, start_time="14:00", end_time="15:30"),
            "version": meeting.version,
            "reason": "Moved a day later for the Secretary's travel.",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    updates = Notification.objects.filter(kind="meeting.updated")
    assert updates.count() == 2
    event = event_of(calendar_of(updates.first()))
    assert str(event["UID"]) == meeting.uid and event["SEQUENCE"] == 1
    assert event.decoded("DTSTART").hour == 14
    assert "Secretary's travel" in written(updates.first()).body


def test_a_new_time_asks_everyone_again_and_says_the_old_and_new_time(client, scheduled, people):
    """Answers given for the old time no longer hold: the update asks again (PARTSTAT
    NEEDS-ACTION), the page shows no answer, and the message says from when to when. A change
    of place alone keeps the answers."""
    meeting = scheduled
    row = meeting.invitees.get(person=people["representative"])
    services.invitee_answer(actor=people["representative"], invitee=row, response="in_person")
    client.force_login(people["chairs_office"])
    reschedule = reverse("meetings:reschedule", args=[meeting.pk])
    day = meeting.local_start.date()
    client.post(
        reschedule,
        {
            **schedule_form(day, place="Room 1205"),
            "version": meeting.version,
            "reason": "Another room.",
        },
    )
    row.refresh_from_db()
    assert row.response == "in_person"  # the same time: the answer holds
    meeting.refresh_from_db()
    client.post(
        reschedule,
        {
            **schedule_form(day + datetime.timedelta(days=1), start_time="14:00", end_time="15:00"),
            "version": meeting.version,
            "reason": "Moved a day later.",
        },
    )
    row.refresh_from_db()
    assert (row.response, row.responded_at) == ("", None)
    update = written(
        Notification.objects.filter(
            kind="meeting.updated", recipient=people["representative"].email
        ).order_by("-pk")[0]
    )
    old = datetime.datetime.combine(day, datetime.time(10)).strftime("%A, %B %-d, %Y, %-I:%M %p")
    assert f"It moved from {old} to" in update.body
    assert "please answer again" in update.body
    partstats = {
        str(attendee.params["PARTSTAT"]) for attendee in event_of(calendar_of(update))["ATTENDEE"]
    }
    assert partstats == {"NEEDS-ACTION"}


def test_a_reminder_replies_to_the_chairs_office(scheduled, people):
    from pitf.notifications.messages import notification_email

    meeting = scheduled
    services.meeting_remind_now(
        actor=people["chairs_office"], meeting=meeting, audience="everyone", message="Soon."
    )
    notice = Notification.objects.filter(kind="meeting.custom_reminder").first()
    assert notice.reply_to == people["chairs_office"].email
    assert notification_email(notification=notice).reply_to == [people["chairs_office"].email]


def test_cancelling_sends_method_cancel(client, scheduled, people):
    meeting = scheduled
    response = client.post(
        reverse("meetings:cancel", args=[meeting.pk]),
        {"version": meeting.version, "reason": "The principals cannot attend."},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.cancelled and meeting.sequence == 1
    cancels = Notification.objects.filter(kind="meeting.cancelled")
    assert cancels.count() == 2
    calendar = calendar_of(cancels.first())
    assert calendar["METHOD"] == "CANCEL"
    event = event_of(calendar)
    assert str(event["UID"]) == meeting.uid and event["SEQUENCE"] == 1
    assert str(event["STATUS"]) == "CANCELLED"
    # A cancelled meeting is not rescheduled: the page says it is gone.
    assert client.get(reverse("meetings:reschedule", args=[meeting.pk])).status_code == 404


def test_a_person_added_by_hand_and_taken_off_gets_invitation_then_cancellation(
    client, scheduled, people
):
    meeting = scheduled
    speaker = UserFactory(agency=Agency.objects.get(acronym="DOL"), full_name="Sky Speaker")
    response = client.post(
        reverse("meetings:invitee-add", args=[meeting.pk]), {"person": speaker.pk}
    )
    assert response.status_code == 302
    row = meeting.invitees.get(person=speaker)
    assert row.source == Invitee.Source.ADDED
    assert Notification.objects.filter(kind="meeting.invitation", recipient=speaker.email).exists()
    response = client.post(reverse("meetings:invitee-remove", args=[meeting.pk, row.pk]))
    assert response.status_code == 302
    row.refresh_from_db()
    assert not row.on_list
    cancel = Notification.objects.get(kind="meeting.cancelled", recipient=speaker.email)
    assert calendar_of(cancel)["METHOD"] == "CANCEL"


def test_the_meeting_page_shows_answers_by_agency_and_what_was_sent(client, scheduled, people):
    page = client.get(reverse("meetings:detail", args=[scheduled.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Department of Homeland Security (DHS)" in html
    assert "What was sent" in html and people["representative"].email in html
    ics = client.get(reverse("meetings:ics", args=[scheduled.pk]))
    assert ics["Content-Type"] == "text/calendar"
    assert event_of(icalendar.Calendar.from_ical(ics.content))["UID"] == scheduled.uid


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"end_time": "09:00"}, "end_time", "must end after it starts"),
        # A day that has passed is the date's fault, not the start time's.
        ({"day": "2020-01-06"}, "day", "That day has passed"),
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone", "Select a valid choice"),
        ({"day": "9999-01-01"}, "day", "between 1 January 1900"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved_or_sent(
    client, people, spog, changes, field, message
):
    client.force_login(people["chairs_office"])
    response = client.post(
        reverse("meetings:schedule", args=[spog.pk]),
        schedule_form(next_year_day(3, 10), **changes),
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Meeting.objects.exists()
    assert not Notification.objects.exists()


def test_a_time_earlier_today_is_the_start_times_fault(client, people, spog):
    now = timezone.localtime(timezone.now(), EASTERN)
    with time_machine.travel(now.replace(hour=15, minute=0), tick=False):
        client.force_login(people["chairs_office"])
        response = client.post(
            reverse("meetings:schedule", args=[spog.pk]),
            schedule_form(timezone.localdate(), start_time="10:00", end_time="11:00"),
        )
    errors = response.context["form"].errors
    assert "That time has passed today" in " ".join(errors["start_time"])
    assert "day" not in errors


def test_a_reschedule_shows_every_error_at_once(client, scheduled, people):
    """No reason, a past day and an end before the start: all on the first submit."""
    client.force_login(people["chairs_office"])
    response = client.post(
        reverse("meetings:reschedule", args=[scheduled.pk]),
        {
            **schedule_form(datetime.date(2020, 1, 6), end_time="09:00"),
            "version": scheduled.version,
            "reason": "",
        },
    )
    errors = response.context["form"].errors
    assert "This field is required." in errors["reason"]
    assert "That day has passed" in " ".join(errors["day"])
    assert "must end after it starts" in " ".join(errors["end_time"])
    scheduled.refresh_from_db()
    assert scheduled.version == 1


def grantmaking_meeting(people, **details) -> Meeting:
    """A Grantmaking Committee meeting on 6 April next year, 10:00 to 11:00 in Washington."""
    day = next_year_day(4, 6)
    return services.meeting_schedule(
        actor=people["site_admin"],
        body=Body.objects.get(short_name="grantmaking"),
        title="Grantmaking Committee",
        kind="regular",
        starts_at=datetime.datetime.combine(day, datetime.time(10), EASTERN),
        ends_at=datetime.datetime.combine(day, datetime.time(11), EASTERN),
        time_zone="America/New_York",
        **details,
    )


def test_nobody_outside_the_body_sees_its_meetings(client, people):
    group = Body.objects.get(short_name="grantmaking")
    outsider_agency = AgencyFactory(acronym="OUT", name="Outside Agency")
    outsider = UserFactory(agency=outsider_agency)
    meeting = grantmaking_meeting(people)
    client.force_login(outsider)
    for url in (
        reverse("meetings:detail", args=[meeting.pk]),
        reverse("meetings:ics", args=[meeting.pk]),
        reverse("meetings:body-meetings", args=[group.pk]),
    ):
        assert client.get(url).status_code == 404, url
    # The SPOG's chair's office does not run the Grantmaking Committee's meetings.
    client.force_login(people["chairs_office"])
    assert client.get(reverse("meetings:reschedule", args=[meeting.pk])).status_code in (403, 404)
    # Staff of a member agency of the committee see it.
    MembershipFactory(agency=outsider_agency, body=group, start_date=datetime.date(2020, 1, 1))
    client.force_login(outsider)
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 200


def test_a_person_taken_off_the_list_no_longer_reads_the_meeting(client, people):
    """An outsider added by hand reads the meeting while on its list; once the chair's office
    takes them off, its page (with the dial-in and the link) and its calendar file answer 404."""
    guest = UserFactory(agency=AgencyFactory(acronym="GST", name="Guest Agency"))
    meeting = grantmaking_meeting(people, video_link="https://meet.example.gov/grantmaking-4421")
    invitee = services.invitee_add(actor=people["site_admin"], meeting=meeting, person=guest)
    client.force_login(guest)
    detail = reverse("meetings:detail", args=[meeting.pk])
    page = client.get(detail)
    assert page.status_code == 200
    assert "https://meet.example.gov/grantmaking-4421" in page.content.decode()
    assert client.get(reverse("meetings:ics", args=[meeting.pk])).status_code == 200

    services.invitee_remove(actor=people["site_admin"], meeting=meeting, invitee=invitee)
    for url in (detail, reverse("meetings:ics", args=[meeting.pk])):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"grantmaking-4421" not in response.content
    my_meetings = client.get(reverse("meetings:my-meetings")).content.decode()
    assert "Grantmaking Committee" not in my_meetings


def test_deactivating_a_person_takes_them_off_upcoming_lists_and_ends_their_answer_links(
    client, scheduled, people
):
    """The confirmation page says what will happen to their meetings; then they are off the
    list, no reminder waits for them, no notice is sent to the closed account, and the answer
    link of their invitation records nothing."""
    from pitf.meetings.models import Reminder

    meeting = scheduled
    principal = people["representative"]
    invitee = meeting.invitees.get(person=principal)
    assert Reminder.objects.filter(invitee=invitee, handed_at__isnull=True).exists()
    link = reverse("meetings:rsvp", args=[services.rsvp_token(invitee)])
    assert client.get(link).status_code == 200
    notices_before = Notification.objects.filter(recipient=principal.email).count()

    client.force_login(people["site_admin"])
    deactivate = reverse("people:user-deactivate", args=[principal.pk])
    confirmation = client.get(deactivate).content.decode()
    assert "taken off the list of the upcoming meeting they are invited to" in confirmation
    assert "no reminder will be sent to them" in confirmation
    assert client.post(deactivate, {"version": principal.version}).status_code == 302

    invitee.refresh_from_db()
    assert invitee.removed_at is not None
    assert not Reminder.objects.filter(invitee=invitee, handed_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=principal.email).count() == notices_before
    client.logout()
    assert client.get(link).status_code == 404
    assert client.post(link, {"response": "in_person"}).status_code == 404
    invitee.refresh_from_db()
    assert invitee.response == ""
    # The next save of the body's directory does not put the closed account back.
    services.invitees_sync(meeting=meeting)
    invitee.refresh_from_db()
    assert invitee.removed_at is not None


def test_a_person_the_chairs_office_took_off_stays_off_until_added_again(scheduled, people):
    """The next save of the body's directory does not put back a person the chair's office
    removed; adding them again by hand sends a new invitation (not the first one's row), and
    removing them once more sends a new cancellation."""
    meeting = scheduled
    principal = people["representative"]
    invitee = meeting.invitees.get(person=principal)
    office = people["chairs_office"]

    def notices(kind):
        return Notification.objects.filter(recipient=principal.email, kind=kind).count()

    invitations, cancellations = notices("meeting.invitation"), notices("meeting.cancelled")
    services.invitee_remove(actor=office, meeting=meeting, invitee=invitee)
    assert notices("meeting.cancelled") == cancellations + 1
    services.invitees_sync(meeting=meeting)  # what every directory change of the body runs
    invitee.refresh_from_db()
    assert invitee.removed_at is not None
    assert notices("meeting.invitation") == invitations

    services.invitee_add(actor=office, meeting=meeting, person=principal)
    invitee.refresh_from_db()
    assert invitee.on_list
    assert notices("meeting.invitation") == invitations + 1
    services.invitee_remove(actor=office, meeting=meeting, invitee=invitee)
    assert notices("meeting.cancelled") == cancellations + 2


# Answers -----------------------------------------------------------------------------------


def answer_link_of(notice: Notification) -> str:
    import re
    from urllib.parse import urlsplit

    match = re.search(r"https?://\S+/meetings/answer/\S+/", written(notice).body)
    assert match, notice.body
    return urlsplit(match.group(0)).path


def alternate_of(principal, meeting):
    """Alex Alternate, designated alternate of the principal's agency in the meeting's body."""
    from pitf.models import Designation

    alternate = UserFactory(agency=principal.agency, full_name="Alex Alternate")
    Designation.objects.create(
        person=alternate,
        agency=principal.agency,
        body=meeting.body,
        role="alternate",
        start_date=datetime.date(2020, 1, 1),
    )
    return alternate


def test_the_e_mail_link_answers_without_signing_in_and_sends_the_alternate(
    client, scheduled, people
):
    meeting = scheduled
    principal = people["representative"]
    alternate = alternate_of(principal, meeting)
    notice = Notification.objects.get(kind="meeting.invitation", recipient=principal.email)
    path = answer_link_of(notice)
    client.logout()
    page = client.get(path)
    assert page.status_code == 200
    assert "Answering as Riley Representative" in page.content.decode()
    # Opening the link answers nothing (a mail scanner opens links too).
    assert meeting.invitees.get(person=principal).response == ""
    response = client.post(path, {"response": "sending_alternate", "alternate": alternate.pk})
    assert response.status_code == 200
    assert "Alex Alternate is invited in your place" in response.content.decode()
    row = meeting.invitees.get(person=principal)
    assert row.response == Invitee.Response.SENDING_ALTERNATE and row.alternate == alternate
    sent_in = meeting.invitees.get(person=alternate)
    assert sent_in.source == Invitee.Source.SENT_IN_PLACE
    assert Notification.objects.filter(
        kind="meeting.invitation", recipient=alternate.email
    ).exists()


def test_the_alternate_sent_in_place_is_taken_off_when_the_principal_comes_after_all(
    scheduled, people
):
    """The principal sends their alternate, then answers that they attend themselves: the
    alternate is taken off the list, sent a cancellation and reminded of nothing."""
    from pitf.meetings.models import Reminder

    meeting = scheduled
    principal = people["representative"]
    alternate = alternate_of(principal, meeting)
    row = meeting.invitees.get(person=principal)
    services.invitee_answer(
        actor=principal, invitee=row, response="sending_alternate", alternate=alternate
    )
    sent_in = meeting.invitees.get(person=alternate)
    assert sent_in.on_list
    assert Reminder.objects.filter(invitee=sent_in, handed_at__isnull=True).exists()

    services.invitee_answer(actor=principal, invitee=row, response="in_person")
    sent_in.refresh_from_db()
    assert not sent_in.on_list
    assert not Reminder.objects.filter(invitee=sent_in, handed_at__isnull=True).exists()
    assert Notification.objects.filter(kind="meeting.cancelled", recipient=alternate.email).exists()
    row.refresh_from_db()
    assert row.alternate is None and row.response == "in_person"
    # Sent again later: invited again, with an invitation of its own.
    services.invitee_answer(
        actor=principal, invitee=row, response="sending_alternate", alternate=alternate
    )
    sent_in.refresh_from_db()
    assert sent_in.on_list
    assert (
        Notification.objects.filter(kind="meeting.invitation", recipient=alternate.email).count()
        == 2
    )


def test_an_alternate_sent_in_place_is_told_by_whom_and_the_agency_is_represented(
    client, scheduled, people
):
    """Already on the list (added by hand), the alternate is still told that they go in the
    principal's place, by name; the agency counts as represented before they answer, in the
    table and in the sentence above it."""
    meeting = scheduled
    principal = people["representative"]
    alternate = alternate_of(principal, meeting)
    services.invitee_add(actor=people["chairs_office"], meeting=meeting, person=alternate)
    row = meeting.invitees.get(person=principal)
    services.invitee_answer(
        actor=principal, invitee=row, response="sending_alternate", alternate=alternate
    )
    told = Notification.objects.filter(kind="meeting.invitation", recipient=alternate.email)
    assert told.count() == 2
    latest = written(told.order_by("-pk").first())
    assert latest.subject.startswith("In place of Riley Representative: SPOG quarterly meeting")
    assert (
        "Riley Representative cannot attend and sends you in their place, for the Department "
        "of Homeland Security." in latest.body
    )
    client.force_login(people["chairs_office"])
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Department of Homeland Security (DHS)</th><td>Member</td><td>Yes</td>" in page
    represented = sum(
        1
        for a in meeting_selectors.answers_by_agency(meeting, list(meeting.invitees.all()))
        if a.represented
    )
    assert represented == 1
    agencies = len(meeting_selectors.answers_by_agency(meeting, []))  # members and invited
    assert f"1 of {agencies} agencies will be represented; 1 has answered." in page
    # The same answer again tells nobody twice.
    services.invitee_answer(
        actor=principal, invitee=row, response="sending_alternate", alternate=alternate
    )
    assert told.count() == 2
    # The alternate declines: the agency is no longer represented.
    services.invitee_answer(
        actor=alternate, invitee=meeting.invitees.get(person=alternate), response="not_attending"
    )
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert f"0 of {agencies} agencies will be represented; 1 has answered." in page


def test_someone_elses_answer_link_says_whose_answer_it_records(client, scheduled, people):
    notice = Notification.objects.get(
        kind="meeting.invitation", recipient=people["representative"].email
    )
    path = answer_link_of(notice)
    client.force_login(people["chair"])
    page = client.get(path).content.decode()
    assert "This link is Riley Representative's" in page
    assert "You are signed in as Jordan Chair" in page
    client.force_login(people["representative"])
    page = client.get(path).content.decode()
    assert "Answering as Riley Representative" in page and "This link is" not in page


def test_the_e_mail_offers_to_send_an_alternate_only_to_whom_has_one(client, people, spog):
    principal = people["representative"]
    client.force_login(people["chairs_office"])
    client.post(reverse("meetings:schedule", args=[spog.pk]), schedule_form(next_year_day(3, 10)))
    [first] = Notification.objects.filter(kind="meeting.invitation", recipient=principal.email)
    assert "Answer (attending or not) without signing in" in written(first).body
    meeting = Meeting.objects.get()
    alternate_of(principal, meeting)
    client.post(
        reverse("meetings:schedule", args=[spog.pk]),
        schedule_form(next_year_day(3, 17), title="SPOG special meeting"),
    )
    body_text = written(
        Notification.objects.filter(kind="meeting.invitation", recipient=principal.email)
        .exclude(pk=first.pk)
        .get()
    ).body
    assert "attending, not attending, or sending your alternate" in body_text


def test_a_tampered_answer_link_answers_404_and_changes_nothing(client, scheduled, people):
    notice = Notification.objects.get(
        kind="meeting.invitation", recipient=people["representative"].email
    )
    path = answer_link_of(notice)
    tampered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    client.logout()
    assert client.get(tampered).status_code == 404
    assert client.post(tampered, {"response": "in_person"}).status_code == 404
    assert client.get("/meetings/answer/not-a-token/").status_code == 404
    assert not scheduled.invitees.exclude(response="").exists()


def test_an_expired_answer_link_says_so_and_changes_nothing(client, scheduled, people):
    """A link opens until its meeting is over, and for a year and a half at most."""
    import time_machine

    notice = Notification.objects.get(
        kind="meeting.invitation", recipient=people["representative"].email
    )
    path = answer_link_of(notice)
    client.logout()
    assert client.get(path).status_code == 200
    with time_machine.travel(scheduled.ends_at + datetime.timedelta(minutes=1)):
        response = client.get(path)
        assert response.status_code == 410
        assert "This answer link has expired" in response.content.decode()
        assert client.post(path, {"response": "in_person"}).status_code == 410
    Meeting.objects.filter(pk=scheduled.pk).update(
        starts_at=timezone.now() + datetime.timedelta(days=600),
        ends_at=timezone.now() + datetime.timedelta(days=600, hours=2),
    )
    with time_machine.travel(timezone.now() + datetime.timedelta(days=551)):
        assert client.get(path).status_code == 410
    assert not scheduled.invitees.exclude(response="").exists()


def test_answering_from_the_page_and_the_chairs_office_sees_it_by_agency(client, scheduled, people):
    meeting = scheduled
    client.force_login(people["representative"])
    response = client.post(reverse("meetings:answer", args=[meeting.pk]), {"response": "remotely"})
    assert response.status_code == 302
    client.force_login(people["chairs_office"])
    page = client.get(reverse("meetings:detail", args=[meeting.pk]))
    [dhs] = [a for a in page.context["answers"] if a.agency.acronym == "DHS"]
    assert dhs.represented and dhs.answered
    others = [a for a in page.context["answers"] if a.agency.acronym != "DHS"]
    assert others and not any(a.answered for a in others)


def test_no_answer_to_a_cancelled_meeting(client, scheduled, people):
    meeting = scheduled
    services.meeting_cancel(
        actor=people["chairs_office"],
        meeting=meeting,
        expected_version=meeting.version,
        reason="Postponed.",
    )
    client.force_login(people["representative"])
    response = client.post(reverse("meetings:answer", args=[meeting.pk]), {"response": "in_person"})
    assert response.status_code == 200
    assert "cancelled" in response.content.decode()
    assert meeting.invitees.get(person=people["representative"]).response == ""


def test_a_designation_before_the_meeting_updates_the_list(
    client, scheduled, people, django_capture_on_commit_callbacks
):
    """A hand-over that takes effect before the meeting: the successor is invited, the former
    principal is taken off and sent a cancellation."""
    from pitf.directory import services as directory

    meeting = scheduled
    principal = people["representative"]
    from pitf.models import Designation

    designation = Designation.objects.get(person=principal, body=meeting.body)
    successor = UserFactory(agency=principal.agency, full_name="Sage Successor")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        directory.designation_handover(
            actor=people["site_admin"],
            designation=designation,
            expected_version=designation.version,
            successor=successor,
            start_date=meeting.local_start.date() - datetime.timedelta(days=10),
        )
    assert callbacks
    row = meeting.invitees.get(person=successor)
    assert row.on_list and row.source == Invitee.Source.PRINCIPAL
    assert not meeting.invitees.get(person=principal).on_list
    assert Notification.objects.filter(
        kind="meeting.invitation", recipient=successor.email
    ).exists()
    cancel = Notification.objects.get(kind="meeting.cancelled", recipient=principal.email)
    assert calendar_of(cancel)["METHOD"] == "CANCEL"


def test_a_designation_ended_before_the_meeting_takes_the_person_off_the_list(
    scheduled, people, django_capture_on_commit_callbacks
):
    """Ending a designation is a versioned UPDATE, not a save: the list follows it all the
    same, and the former principal is sent a cancellation."""
    from pitf.directory import services as directory
    from pitf.models import Designation

    meeting = scheduled
    principal = people["representative"]
    designation = Designation.objects.get(person=principal, body=meeting.body)
    assert meeting.invitees.get(person=principal).on_list
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        directory.designation_end(
            actor=people["site_admin"],
            designation=designation,
            expected_version=designation.version,
            end_date=meeting.local_start.date() - datetime.timedelta(days=1),
        )
    assert callbacks
    assert not meeting.invitees.get(person=principal).on_list
    cancel = Notification.objects.get(kind="meeting.cancelled", recipient=principal.email)
    assert calendar_of(cancel)["METHOD"] == "CANCEL"


# Reminders sent now ------------------------------------------------------------------------


def test_the_chairs_office_reminds_those_who_have_not_answered(client, scheduled, people):
    meeting = scheduled
    rep = meeting.invitees.get(person=people["representative"])
    Invitee.objects.filter(pk=rep.pk).update(response=Invitee.Response.IN_PERSON)
    url = reverse("meetings:remind", args=[meeting.pk])
    page = client.get(url)
    assert "Those who have not answered (1)" in page.content.decode()
    response = client.post(
        url, {"audience": "not_answered", "message": "Please answer <b>by Friday</b>."}
    )
    assert response.status_code == 302
    sent = Notification.objects.filter(kind="meeting.custom_reminder")
    assert [n.recipient for n in sent] == [people["chairs_office"].email]
    written(sent[0])
    assert "Please answer <b>by Friday</b>." in sent[0].body
    assert "&lt;b&gt;by Friday&lt;/b&gt;" in sent[0].html_body
    # Sent again, it is a new reminder: everyone but those who declined gets it.
    client.post(url, {"audience": "everyone", "message": "Agenda attached on the page."})
    assert Notification.objects.filter(kind="meeting.custom_reminder").count() == 3


def test_a_reminder_to_nobody_is_refused_in_words(client, scheduled, people):
    meeting = scheduled
    meeting.invitees.update(response=Invitee.Response.REMOTELY)
    response = client.post(
        reverse("meetings:remind", args=[meeting.pk]),
        {"audience": "not_answered", "message": "Hello."},
    )
    assert response.status_code == 200
    assert "Nobody is in that group now" in response.content.decode()
    assert not Notification.objects.filter(kind="meeting.custom_reminder").exists()


# The private calendar feed -----------------------------------------------------------------


def test_the_private_calendar_address_works_until_replaced_or_revoked(client, scheduled, people):
    client.force_login(people["representative"])
    page = client.post(reverse("meetings:feed"), {"action": "issue"})
    address = page.context["address"]
    assert "/meetings/calendar/" in address
    html = page.content.decode()
    # A copy button, and a webcal: link that opens the calendar program to subscribe.
    assert 'data-copy="feed-address"' in html
    assert f'href="webcal:{address.split(":", 1)[1]}"' in html
    path = address.split("://", 1)[1].split("/", 1)[1]
    client.logout()
    feed = client.get("/" + path)
    assert feed.status_code == 200
    subscribed = icalendar.Calendar.from_ical(feed.content)
    assert str(subscribed["X-WR-CALNAME"]) == "PITF hub: meetings of Riley Representative"
    [event] = subscribed.walk("VEVENT")
    assert str(event["UID"]) == scheduled.uid
    client.force_login(people["representative"])
    client.post(reverse("meetings:feed"), {"action": "issue"})
    client.logout()
    assert client.get("/" + path).status_code == 404  # replaced
    client.force_login(people["representative"])
    client.post(reverse("meetings:feed"), {"action": "revoke"})
    assert not client.get(reverse("meetings:feed")).context["feed"]


def test_the_calendar_address_is_rate_limited(client, scheduled, people):
    from pitf.meetings import services as meeting_services

    token = meeting_services.feed_issue(actor=people["representative"])
    client.logout()
    answers = [
        client.get(reverse("meetings:feed-ics", args=[token])).status_code for _ in range(32)
    ]
    assert answers[:30] == [200] * 30
    assert answers[30:] == [429, 429]


def test_inviting_someone_already_on_the_list_is_explained(client, scheduled, people):
    response = client.post(
        reverse("meetings:invitee-add", args=[scheduled.pk]),
        {"person": people["representative"].pk},
    )
    assert response.status_code == 200
    assert "is already invited" in response.content.decode()
    assert (
        Notification.objects.filter(
            kind="meeting.invitation", recipient=people["representative"].email
        ).count()
        == 1
    )
