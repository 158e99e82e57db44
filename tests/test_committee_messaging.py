"""The Public Affairs Committee's messaging calendar: agencies plan communications (dated in
their observance's year), two agencies on one theme a few days apart are flagged, the month, the
list and the .ics file show them with the observances, and a draft is cleared by circulating it
for comment (its status follows the circulation; the workflow refuses the rest)."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from committees import messaging
from committees.models import Communication, Observance
from committees.reference import load_observances
from committees.services import messaging as services
from committees.workflows import COMMUNICATION
from pitf.circulation import services as circulation
from pitf.circulation.models import Circulation
from pitf.models import Agency, Body, Membership
from pitf.workdays import EASTERN
from tests.committee_fixtures import START
from tests.factories import BodyRoleFactory, UserFactory
from tests.test_workflows import _refusal, cases

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(reference, clock):
    """The Public Affairs Committee with DHS and HHS as members, a person of each, its chair's
    office (DOJ) and someone outside it; the observances of 2027 and 2028."""
    body = Body.objects.get(short_name="public-affairs")
    agencies = {a.acronym: a for a in Agency.objects.filter(acronym__in=["DHS", "HHS", "DOJ"])}
    for acronym in ("DHS", "HHS", "DOJ"):
        Membership.objects.create(agency=agencies[acronym], body=body, start_date=START)
    people = {
        "DHS": UserFactory(agency=agencies["DHS"], full_name="Dana Homeland"),
        "HHS": UserFactory(agency=agencies["HHS"], full_name="Harper Health"),
        "office": UserFactory(agency=agencies["DOJ"], full_name="Pat Public-Affairs"),
        "outsider": UserFactory(agency=Agency.objects.get(acronym="DOS")),
    }
    BodyRoleFactory(person=people["office"], body=body, start_date=START)
    load_observances(year=2027)
    return body, agencies, people


def plan(
    people, agencies, who: str, day: datetime.date, theme: str = "Recognizing the signs", **more
):
    values = {
        "title": f"{who} campaign",
        "starts_on": day,
        "channel": "social_media",
        "audience": "The public",
        "theme": theme,
        "message": "Learn the **signs**.",
    } | more
    return services.communication_add(actor=people[who], agency=agencies[who], **values)


def test_a_communication_dated_before_its_observance_s_year_is_refused(desk):
    _, agencies, people = desk
    month = Observance.objects.get(
        name="National Human Trafficking Prevention Month", starts_on__year=2028
    )
    with pytest.raises(ValidationError) as refused:
        plan(people, agencies, "DHS", datetime.date(2027, 12, 30), observance=month)
    assert refused.value.message_dict["starts_on"] == [
        "The communication is dated December 30, 2027, before the year of National Human "
        "Trafficking Prevention Month 2028 (2028) it serves; date it in that year or choose "
        "that year's observance."
    ]
    assert not Communication.objects.exists()
    with pytest.raises(PermissionDenied):
        services.communication_add(
            actor=people["HHS"], agency=agencies["DHS"], title="Not ours",
            starts_on=datetime.date(2027, 3, 5), channel="event", audience="x", theme="y",
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        plan(people | {"DOS": people["outsider"]}, agencies | {"DOS": people["outsider"].agency},
             "DOS", datetime.date(2027, 3, 5))  # fmt: skip


def test_two_agencies_on_one_theme_a_few_days_apart_are_flagged(client, desk):
    body, agencies, people = desk
    january = Observance.objects.get(
        name="National Human Trafficking Awareness Day", starts_on__year=2027
    )
    dhs = plan(people, agencies, "DHS", datetime.date(2027, 1, 11), observance=january)
    hhs = plan(people, agencies, "HHS", datetime.date(2027, 1, 13), theme="recognizing the SIGNS!")
    far = plan(people, agencies, "HHS", datetime.date(2027, 1, 20))
    own = plan(people, agencies, "DHS", datetime.date(2027, 1, 12), theme="Labor trafficking")
    plan(people, agencies, "DHS", datetime.date(2027, 1, 14), theme="Labor trafficking")
    close = messaging.close_to(
        messaging.between(body, datetime.date(2027, 1, 1), datetime.date(2027, 1, 31))
    )
    assert [c.pk for c in close[dhs.pk]] == [hhs.pk]
    assert [c.pk for c in close[hhs.pk]] == [dhs.pk]
    assert far.pk not in close and own.pk not in close
    client.force_login(people["HHS"])
    page = client.get(reverse("committees:messaging") + "?month=2027-01").content.decode()
    assert "Messaging calendar: January 2027" in page
    assert "<strong>National Human Trafficking Prevention Month</strong>" in page
    assert "National Human Trafficking Awareness Day" in page
    assert page.count("Same theme nearby") == 2
    detail = client.get(reverse("committees:communication", args=[dhs.pk])).content.decode()
    assert "Same theme, close in time" in detail and "HHS: HHS campaign" in detail
    listed = client.get(reverse("committees:messaging-list") + "?year=2027").content.decode()
    assert "Also planned close to it: DHS, January 11" in listed
    client.force_login(people["outsider"])
    assert client.get(reverse("committees:messaging")).status_code == 404
    assert client.get(reverse("committees:communication", args=[dhs.pk])).status_code == 404


def test_the_calendar_file_keeps_each_uid_and_raises_the_sequence(client, desk):
    _, agencies, people = desk
    communication = plan(people, agencies, "DHS", datetime.date(2027, 7, 30))
    client.force_login(people["DHS"])

    def events():
        answer = client.get(reverse("committees:messaging-ics"))
        assert answer["Content-Type"].startswith("text/calendar")
        calendar = icalendar.Calendar.from_ical(answer.content)
        return {str(e["summary"]): e for e in calendar.walk("VEVENT")}

    first = events()["DHS: DHS campaign (draft)"]
    assert first.decoded("dtstart") == datetime.date(2027, 7, 30)
    assert "World Day against Trafficking in Persons" in events()
    services.communication_change(
        actor=people["DHS"], communication=communication,
        expected_version=communication.version, title="Blue Campaign day",
    )  # fmt: skip
    second = events()["DHS: Blue Campaign day (draft)"]
    assert str(second["uid"]) == str(first["uid"])
    assert int(second["sequence"]) == int(first["sequence"]) + 1


def test_a_draft_is_cleared_by_its_circulation_and_then_published(client, desk, clock):
    _, agencies, people = desk
    communication = plan(people, agencies, "DHS", datetime.date(2027, 3, 30))
    client.force_login(people["DHS"])
    answer = client.post(
        reverse("committees:communication-circulate", args=[communication.pk]),
        {"deadline": "2027-03-12", "version": communication.version},
        follow=True,
    )
    assert "is circulated for clearance until March 12, 2027" in answer.content.decode()
    communication.refresh_from_db()
    assert communication.status == "in_clearance"
    started = Circulation.objects.get()
    assert started.recipients.count() == 2  # HHS and DOJ, not DHS itself
    client.force_login(people["HHS"])
    request = client.get(reverse("circulation:detail", args=[started.pk])).content.decode()
    assert "Learn the <strong>signs</strong>." in request
    clock.move_to(datetime.datetime(2027, 3, 15, 9, 0, tzinfo=EASTERN))
    circulation.circulations_close_due()
    communication.refresh_from_db()
    assert communication.status == "cleared"
    with pytest.raises(ValidationError):
        services.communication_publish(
            actor=people["DHS"], communication=communication,
            expected_version=communication.version, link="  ",
        )  # fmt: skip
    services.communication_publish(
        actor=people["DHS"], communication=communication,
        expected_version=communication.version, link="https://www.dhs.gov/blue-campaign",
    )  # fmt: skip
    communication.refresh_from_db()
    assert communication.status == "published"
    client.force_login(people["DHS"])
    page = client.get(reverse("committees:messaging") + "?month=2027-03").content.decode()
    assert "Published" in page


def test_a_withdrawn_clearance_makes_the_communication_a_draft_again(desk):
    _, agencies, people = desk
    communication = plan(people, agencies, "DHS", datetime.date(2027, 3, 30))
    started = services.communication_circulate(
        actor=people["DHS"], communication=communication,
        expected_version=communication.version, deadline=datetime.date(2027, 3, 12),
    )  # fmt: skip
    circulation.circulation_withdraw(
        actor=people["DHS"], circulation=started, expected_version=started.version,
        reason="The theme changes.",
    )  # fmt: skip
    communication.refresh_from_db()
    assert communication.status == "draft"


def communication_in(state: str, desk, clock) -> Communication:
    _, agencies, people = desk
    communication = plan(people, agencies, "DHS", datetime.date(2027, 3, 30))
    if state != "draft":
        services.communication_circulate(
            actor=people["DHS"], communication=communication,
            expected_version=communication.version, deadline=datetime.date(2027, 3, 12),
        )  # fmt: skip
        communication.refresh_from_db()
    if state in ("cleared", "published"):
        clock.move_to(datetime.datetime(2027, 3, 15, 9, 0, tzinfo=EASTERN))
        circulation.circulations_close_due()
        communication.refresh_from_db()
    if state == "published":
        services.communication_publish(
            actor=people["DHS"], communication=communication,
            expected_version=communication.version, link="https://www.dhs.gov/x",
        )  # fmt: skip
        communication.refresh_from_db()
    assert COMMUNICATION.state(communication) == state
    return communication


SERVICES = {
    "edit": lambda c, people: services.communication_change(
        actor=people["DHS"], communication=c, expected_version=c.version, title="Changed"
    ),
    "circulate": lambda c, people: services.communication_circulate(
        actor=people["DHS"],
        communication=c,
        expected_version=c.version,
        deadline=datetime.date(2027, 3, 19),
    ),  # fmt: skip
    "publish": lambda c, people: services.communication_publish(
        actor=people["DHS"],
        communication=c,
        expected_version=c.version,
        link="https://www.dhs.gov/y",
    ),  # fmt: skip
}


@pytest.mark.parametrize(("state", "name"), cases(COMMUNICATION))
def test_a_communication_refuses_what_its_table_forbids(desk, clock, state, name):
    _, _, people = desk
    communication = communication_in(state, desk, clock)
    before = (communication.status, communication.version, communication.title)
    refusal = _refusal(COMMUNICATION, communication, name)
    if name in SERVICES:
        with pytest.raises(ValidationError) as refused:
            SERVICES[name](communication, people)
        assert refusal in refused.value.messages
    communication.refresh_from_db()
    assert (communication.status, communication.version, communication.title) == before
