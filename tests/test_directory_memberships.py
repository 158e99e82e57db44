"""Memberships with dates in the directory pages: an agency joins a body as member or invited,
leaves (its designations there end with it), changes from invited to member (one membership
ends, another starts), and the history page answers "which agencies belonged to body Y on
date D" in a constant number of queries."""

import datetime
import html
import re

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pitf.models import Agency, AuditEvent, Body, Designation, Membership
from tests.factories import AgencyFactory, DesignationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
HISTORY = reverse("directory:membership-history")
D = datetime.date


def signed_in(client, user):
    client.force_login(user)
    return client


def page_text(response) -> str:
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(text))


def body(short_name: str) -> Body:
    return Body.objects.get(short_name=short_name)


def agency(acronym: str) -> Agency:
    return Agency.objects.get(acronym=acronym)


def join_url(target: Body) -> str:
    return reverse("directory:membership-create", args=[target.pk])


# Joining -----------------------------------------------------------------------------------


def test_an_agency_joins_a_working_group_with_history_and_event(client, people):
    group = body("victim-services")
    hhs = agency("HHS")
    admin = people["site_admin"]
    response = signed_in(client, admin).post(
        join_url(group), {"agency": hhs.pk, "status": "member", "start_date": "2024-02-01"}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(agency=hhs, body=group)
    assert membership.start_date == D(2024, 2, 1) and membership.end_date is None
    assert LogEntry.objects.get_for_object(membership).get().actor == admin
    event = AuditEvent.objects.get(action="membership.joined")
    assert event.actor == admin and event.data["agency"] == "HHS"
    page = page_text(client.get(response["Location"]))
    assert "Department of Health and Human Services belongs to the Victim Services" in page


def test_an_agency_is_invited_as_observer(client, people):
    group = body("grantmaking")
    signed_in(client, people["site_admin"]).post(
        join_url(group),
        {"agency": agency("DOT").pk, "status": "invited", "start_date": "2024-02-01"},
    )
    assert Membership.objects.get(body=group, agency__acronym="DOT").status == "invited"


def test_the_form_offers_agencies_without_an_ongoing_membership(client, people):
    form = signed_in(client, people["site_admin"]).get(join_url(body("spog"))).context["form"]
    offered = {label for value, label in form.fields["agency"].widget.choices if value}
    assert offered == set()  # every active agency already belongs to the SPOG
    form = client.get(join_url(body("legislation"))).context["form"]
    offered = {label for value, label in form.fields["agency"].widget.choices if value}
    assert "Department of Labor (DOL)" in offered


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"agency": "DHS", "start_date": "2024-01-01"},
            "agency",
            "DHS already belongs to the Senior Policy Operating Group (member, from "
            "December 19, 2003, ongoing)",
        ),
        (
            {"agency": "NEW", "start_date": "2024-05-01", "end_date": "2024-04-30"},
            "end_date",
            "The end date (April 30, 2024) is before the start date (May 1, 2024).",
        ),
        (
            {"agency": "NEW", "start_date": "2001-01-01"},
            "start_date",
            "was established on December 19, 2003",
        ),
        (
            {"agency": "OLD", "start_date": "2024-01-01"},
            "agency",
            "Old Agency is inactive; reactivate it before it joins a body.",
        ),
        ({"agency": "NEW", "start_date": "not a date"}, "start_date", "Enter a valid date"),
    ],
)
def test_bad_memberships_are_explained_and_save_nothing(client, people, data, field, message):
    AgencyFactory(acronym="NEW", name="New Agency")
    AgencyFactory(acronym="OLD", name="Old Agency", active=False)
    before = Membership.objects.count()
    response = signed_in(client, people["site_admin"]).post(
        join_url(body("spog")), {"status": "member", **data, "agency": agency(data["agency"]).pk}
    )
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert message in page_text(response)
    assert Membership.objects.count() == before
    assert not AuditEvent.objects.filter(action="membership.joined").exists()


def test_a_membership_overlapping_a_past_one_is_refused(client, people):
    new = AgencyFactory(acronym="NEW")
    spog = body("spog")
    MembershipFactory(agency=new, body=spog, start_date=D(2012, 1, 1), end_date=D(2014, 12, 31))
    signed_in(client, people["site_admin"])
    response = client.post(
        join_url(spog), {"agency": new.pk, "status": "member", "start_date": "2014-06-01"}
    )
    assert "from January 1, 2012 to December 31, 2014" in page_text(response)
    # The day after it ended is fine: the agency rejoins.
    response = client.post(
        join_url(spog), {"agency": new.pk, "status": "member", "start_date": "2015-01-01"}
    )
    assert response.status_code == 302
    assert Membership.objects.filter(agency=new, body=spog).count() == 2


def test_no_membership_after_a_working_groups_sunset(client, people):
    group = body("legislation")
    group.established, group.sunset = D(2013, 1, 1), D(2020, 12, 31)
    group.save()
    response = signed_in(client, people["site_admin"]).post(
        join_url(group),
        {"agency": agency("DOL").pk, "status": "member", "start_date": "2021-01-01"},
    )
    assert "ended on December 31, 2020 (its sunset date)" in page_text(response)


def test_only_site_admins_record_memberships(client, people):
    for role in ("chairs_office", "chair", "representative", "staff", "observer"):
        response = signed_in(client, people[role]).post(
            join_url(body("legislation")),
            {"agency": agency("DOL").pk, "status": "member", "start_date": "2024-01-01"},
        )
        assert response.status_code == 403, role
    assert not Membership.objects.filter(body__short_name="legislation").exists()


# Leaving -----------------------------------------------------------------------------------


def test_leaving_sets_the_end_date_and_ends_designations_there(client, people):
    spog = body("spog")
    dhs = agency("DHS")
    membership = Membership.objects.get(agency=dhs, body=spog)
    principal = Designation.objects.get(agency=dhs, body=spog)
    url = reverse("directory:membership-end", args=[membership.pk])
    signed_in(client, people["site_admin"])
    confirmation = page_text(client.get(url))
    assert "End DHS's membership of the Senior Policy Operating Group" in confirmation
    assert "Its designations in this body that run past the last day end on that day" in (
        confirmation
    )
    response = client.post(url, {"version": membership.version, "end_date": "2025-06-30"})
    assert response.status_code == 302
    membership.refresh_from_db()
    principal.refresh_from_db()
    assert membership.end_date == D(2025, 6, 30)
    assert principal.end_date == D(2025, 6, 30)
    left = AuditEvent.objects.get(action="membership.left")
    assert left.data["designations_ended"] == 1 and left.actor == people["site_admin"]
    assert AuditEvent.objects.get(action="designation.ended").data["reason"] == (
        "the agency left the body"
    )
    change = LogEntry.objects.get_for_object(membership).get(action=LogEntry.Action.UPDATE)
    assert change.actor == people["site_admin"]
    assert change.changes_dict["end_date"] == ["None", "2025-06-30"]
    # The history still says DHS was a member before it left, and not after.
    on = {"body": spog.pk, "on": "2025-06-30"}
    members = client.get(HISTORY, on).context["members"]
    assert "DHS" in {a.acronym for a in members}
    after = client.get(HISTORY, {**on, "on": "2025-07-01"}).context["members"]
    assert "DHS" not in {a.acronym for a in after}


def test_leaving_before_joining_is_refused(client, people):
    membership = Membership.objects.get(agency__acronym="DOT", body__short_name="spog")
    response = signed_in(client, people["site_admin"]).post(
        reverse("directory:membership-end", args=[membership.pk]),
        {"version": membership.version, "end_date": "2010-12-31"},
    )
    assert "The end date (December 31, 2010) is before the start date (January 1, 2011)" in (
        page_text(response)
    )
    membership.refresh_from_db()
    assert membership.end_date is None


def test_leaving_before_a_later_designation_begins_is_refused(client, people):
    spog = body("spog")
    hhs = agency("HHS")
    DesignationFactory(person=people["staff"], agency=hhs, body=spog, start_date=D(2026, 1, 1))
    membership = Membership.objects.get(agency=hhs, body=spog)
    response = signed_in(client, people["site_admin"]).post(
        reverse("directory:membership-end", args=[membership.pk]),
        {"version": membership.version, "end_date": "2025-12-31"},
    )
    assert "Sam Staff's designation for HHS starts on January 1, 2026" in page_text(response)
    membership.refresh_from_db()
    assert membership.end_date is None


def test_leaving_from_a_stale_page_changes_nothing(client, people):
    membership = Membership.objects.get(agency__acronym="DOT", body__short_name="spog")
    url = reverse("directory:membership-end", args=[membership.pk])
    other = Client()
    other.force_login(people["site_admin"])
    assert other.post(url, {"version": 1, "end_date": "2020-12-31"}).status_code == 302
    response = signed_in(client, people["site_admin"]).post(
        url, {"version": 1, "end_date": "2019-12-31"}
    )
    assert "was changed by someone else" in page_text(response)
    membership.refresh_from_db()
    assert membership.end_date == D(2020, 12, 31)


# Changing status ---------------------------------------------------------------------------


def test_invited_becomes_member_keeping_history_true(client, people):
    spog = body("spog")
    invited = Membership.objects.get(agency__acronym="OBS", body=spog)
    url = reverse("directory:membership-change-status", args=[invited.pk])
    signed_in(client, people["site_admin"])
    assert "Change OBS's status in the Senior Policy Operating Group" in page_text(client.get(url))
    response = client.post(
        url, {"version": invited.version, "status": "member", "on": "2024-07-01"}
    )
    assert response.status_code == 302
    invited.refresh_from_db()
    assert invited.end_date == D(2024, 6, 30) and invited.status == "invited"
    member = Membership.objects.get(agency__acronym="OBS", body=spog, status="member")
    assert member.start_date == D(2024, 7, 1) and member.end_date is None
    assert AuditEvent.objects.get(action="membership.status_changed").data == {
        "agency": "OBS",
        "body": "spog",
        "before": "invited",
        "after": "member",
        "on": "2024-07-01",
    }
    on_june_30 = client.get(HISTORY, {"body": spog.pk, "on": "2024-06-30"}).context
    assert "OBS" in {a.acronym for a in on_june_30["invited"]}
    on_july_1 = client.get(HISTORY, {"body": spog.pk, "on": "2024-07-01"}).context
    assert "OBS" in {a.acronym for a in on_july_1["members"]}
    changes = [(c.day, c.agency.acronym, c.change) for c in on_july_1["changes"]]
    assert (D(2024, 7, 1), "OBS", "Changed from invited (observer) to member") in changes
    assert not any(a == "OBS" and "Left" in what for _, a, what in changes)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"status": "invited", "on": "2024-07-01"}, "status", "OBS is already invited"),
        ({"status": "member", "on": "2020-01-01"}, "on", "must come after the membership began"),
    ],
)
def test_bad_status_changes_are_explained(client, people, data, field, message):
    invited = Membership.objects.get(agency__acronym="OBS", body__short_name="spog")
    response = signed_in(client, people["site_admin"]).post(
        reverse("directory:membership-change-status", args=[invited.pk]),
        {"version": invited.version, **data},
    )
    assert message in " ".join(response.context["form"].errors[field])
    assert Membership.objects.filter(agency__acronym="OBS").count() == 1
    invited.refresh_from_db()
    assert invited.end_date is None


# History -----------------------------------------------------------------------------------


def acronyms(agencies) -> set[str]:
    return {a.acronym for a in agencies}


def test_spog_history_shows_the_2010_and_2011_joiners(client, people):
    spog = body("spog")
    signed_in(client, people["staff"])
    response = client.get(HISTORY)  # the SPOG, today, by default
    assert response.context["body"] == spog
    assert response.context["day"] == timezone.localdate()
    text = page_text(response)
    for line in (
        "January 1, 2010 Department of Agriculture (USDA) Joined as a member",
        "January 1, 2010 Department of the Interior (DOI) Joined as a member",
        "January 1, 2010 Equal Employment Opportunity Commission (EEOC) Joined as a member",
        "January 1, 2011 Department of Transportation (DOT) Joined as a member",
    ):
        assert line in text
    in_2009 = client.get(HISTORY, {"body": spog.pk, "on": "2009-12-31"})
    assert not {"USDA", "EEOC", "DOI", "DOT"} & acronyms(in_2009.context["members"])
    assert "Members of the Senior Policy Operating Group on December 31, 2009" in page_text(in_2009)
    in_2010 = client.get(HISTORY, {"body": spog.pk, "on": "2010-06-30"}).context["members"]
    assert {"USDA", "EEOC", "DOI"} <= acronyms(in_2010)
    assert "DOT" not in acronyms(in_2010)
    in_2011 = client.get(HISTORY, {"body": spog.pk, "on": "2011-01-01"}).context["members"]
    assert "DOT" in acronyms(in_2011)


def test_history_before_a_body_existed_says_so(client, people):
    response = signed_in(client, people["staff"]).get(
        HISTORY, {"body": body("spog").pk, "on": "2001-01-01"}
    )
    assert "had no member agencies on January 1, 2001" in page_text(response)
    assert "It was established on December 19, 2003" in page_text(response)


def test_history_with_a_bad_date_shows_the_error(client, people):
    response = signed_in(client, people["staff"]).get(
        HISTORY, {"body": body("spog").pk, "on": "yesterday"}
    )
    assert response.status_code == 200
    assert "Enter a valid date" in page_text(response)
    assert "members" not in response.context


def test_history_query_count_is_constant(client, people):
    spog = body("spog")
    signed_in(client, people["staff"])
    query = {"body": spog.pk, "on": "2020-06-01"}
    client.get(HISTORY, query)
    with CaptureQueriesContext(connection) as small:
        client.get(HISTORY, query)
    for index in range(30):
        newcomer = AgencyFactory()
        MembershipFactory(
            agency=newcomer,
            body=spog,
            status="invited",
            start_date=D(2012, 1, 1),
            end_date=D(2015, 12, 31),
        )
        MembershipFactory(agency=newcomer, body=spog, start_date=D(2016, 1, 1 + index % 20))
    with CaptureQueriesContext(connection) as large:
        response = client.get(HISTORY, query)
    assert len(response.context["members"]) == 17 + 30
    assert len(large) == len(small)


def test_history_of_a_body_nobody_joined(client, people):
    response = signed_in(client, people["staff"]).get(HISTORY, {"body": body("legislation").pk})
    assert "No agency has ever belonged to the Legislation Working Group" in page_text(response)


def test_membership_history_needs_a_signed_in_person(client, reference):
    response = client.get(HISTORY)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_user_from_unrelated_agency_reads_history(client, people):
    person = UserFactory(agency=AgencyFactory())
    assert signed_in(client, person).get(HISTORY).status_code == 200
