"""Bodies in the directory pages: the list (at a constant query count), a body's page,
creating a working group with a sunset date under the SPOG or a standing committee, and
editing a body's chair, cadence, purpose, charter and dates with optimistic locking."""

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

from pitf.models import Agency, AuditEvent, Body, Membership
from tests.factories import AgencyFactory, DesignationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
LIST = reverse("directory:body-list")
CREATE = reverse("directory:body-create")


def signed_in(client, user):
    client.force_login(user)
    return client


def page_text(response) -> str:
    """The page as a reader sees it: tags removed, entities decoded, spaces collapsed."""
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(text))


def body(short_name: str) -> Body:
    return Body.objects.get(short_name=short_name)


def count_queries(client, url, **query) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, query).status_code == 200
    return len(queries)


# The list and a body's page ----------------------------------------------------------------


def test_list_groups_bodies_by_kind_with_todays_member_counts(client, people):
    response = signed_in(client, people["staff"]).get(LIST)
    groups = dict(response.context["groups"])
    assert [b.short_name for b in groups["Task force"]] == ["pitf"]
    spog = groups["Senior policy operating group"][0]
    assert spog.member_count == 17 and spog.invited_count == 1
    assert {b.short_name for b in groups["Ad hoc working group"]} == {
        "victim-services",
        "legislation",
        "far-implementation",
    }
    assert "Create a committee or working group" not in page_text(response)
    admin_page = signed_in(client, people["site_admin"]).get(LIST)
    assert "Create a committee or working group" in page_text(admin_page)


def test_list_query_count_is_constant(client, people):
    signed_in(client, people["site_admin"])
    count_queries(client, LIST)
    small = count_queries(client, LIST)
    spog = body("spog")
    for index in range(25):
        group = Body.objects.create(
            name=f"Group {index}",
            short_name=f"group-{index}",
            kind=Body.Kind.WORKING_GROUP,
            parent=spog,
            chair_agency=AgencyFactory(),
        )
        MembershipFactory(body=group)
        MembershipFactory(body=group, status=Membership.Status.INVITED)
    assert count_queries(client, LIST) == small


def test_body_page_shows_members_and_representatives(client, people):
    spog = body("spog")
    response = signed_in(client, people["staff"]).get(
        reverse("directory:body-detail", args=[spog.pk])
    )
    text = page_text(response)
    assert "Ambassador-at-Large" in text
    assert "Department of Transportation (DOT)" in text
    assert "Riley Representative" in text
    assert "Add an agency" not in text and "Designate a representative" not in text
    assert "Hand over" not in text
    admin = page_text(
        signed_in(client, people["site_admin"]).get(
            reverse("directory:body-detail", args=[spog.pk])
        )
    )
    assert "Add an agency" in admin and "Designate a representative" in admin
    assert "Hand over" in admin and "Edit details" in admin


def test_body_page_query_count_is_constant(client, people):
    spog = body("spog")
    url = reverse("directory:body-detail", args=[spog.pk])
    signed_in(client, people["site_admin"])
    count_queries(client, url)
    small = count_queries(client, url)
    for _ in range(20):
        agency = AgencyFactory()
        MembershipFactory(agency=agency, body=spog, start_date=datetime.date(2015, 1, 1))
        MembershipFactory(
            agency=agency,
            body=spog,
            start_date=datetime.date(2012, 1, 1),
            end_date=datetime.date(2013, 1, 1),
        )
        DesignationFactory(person=UserFactory(agency=agency, totp=False), body=spog)
    assert count_queries(client, url) == small


# Creating ----------------------------------------------------------------------------------


def working_group(**changes) -> dict:
    return {
        "kind": Body.Kind.WORKING_GROUP,
        "name": "Labor Trafficking Working Group",
        "short_name": "labor",
        "parent": body("spog").pk,
        "chair_title": "Deputy Under Secretary for International Affairs",
        "chair_agency": Agency.objects.get(acronym="DOL").pk,
        "cadence": Body.Cadence.MONTHLY,
        "purpose": "Addresses forced labor in supply chains.",
        "charter": "",
        "established": "2026-01-15",
        "sunset": "2027-12-31",
        **changes,
    }


def test_site_admin_creates_a_working_group_with_a_sunset_date(client, people):
    admin = people["site_admin"]
    form = signed_in(client, admin).get(CREATE)
    # The SPOG is the parent offered first.
    assert form.context["form"]["parent"].value() == body("spog").pk
    response = client.post(CREATE, working_group())
    created = Body.objects.get(short_name="labor")
    assert response["Location"] == reverse("directory:body-detail", args=[created.pk])
    assert created.parent == body("spog")
    assert created.sunset == datetime.date(2027, 12, 31)
    assert created.kind == Body.Kind.WORKING_GROUP
    assert LogEntry.objects.get_for_object(created).get().actor == admin
    assert AuditEvent.objects.get(action="body.created").target_id == str(created.pk)
    listing = page_text(client.get(LIST))
    assert "Labor Trafficking Working Group" in listing and "sunset December 31, 2027" in listing


def test_site_admin_creates_a_standing_committee(client, people):
    signed_in(client, people["site_admin"]).post(
        CREATE,
        working_group(
            kind=Body.Kind.STANDING_COMMITTEE,
            name="Outreach Committee",
            short_name="outreach",
            sunset="",
        ),
    )
    committee = Body.objects.get(short_name="outreach")
    assert committee.kind == Body.Kind.STANDING_COMMITTEE and committee.sunset is None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"established": "2026-06-01", "sunset": "2026-05-31"},
            "sunset",
            "is before the date the body was established",
        ),
        (
            {"kind": Body.Kind.STANDING_COMMITTEE},
            "sunset",
            "Only an ad hoc working group has a sunset date",
        ),
        ({"name": "Grantmaking Committee"}, "name", "already exists"),
        ({"short_name": "spog"}, "short_name", "already used"),
        ({"short_name": "Not a slug!"}, "short_name", "Enter a valid"),
        ({"kind": Body.Kind.TASK_FORCE}, "kind", "Select a valid choice"),
        ({"sunset": "31/12/2027"}, "sunset", "Enter a valid date"),
    ],
)
def test_bad_body_input_is_explained_and_saves_nothing(client, people, changes, field, message):
    before = Body.objects.count()
    response = signed_in(client, people["site_admin"]).post(CREATE, working_group(**changes))
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert message in page_text(response)
    assert Body.objects.count() == before
    assert not AuditEvent.objects.filter(action="body.created").exists()


def test_only_site_admins_create_bodies(client, people):
    for role in ("chairs_office", "chair", "representative", "staff", "observer"):
        response = signed_in(client, people[role]).post(CREATE, working_group())
        assert response.status_code == 403, role
    assert not Body.objects.filter(short_name="labor").exists()


# Editing -----------------------------------------------------------------------------------


def edit_data(target: Body, **changes) -> dict:
    data = {
        "version": target.version,
        "name": target.name,
        "chair_title": target.chair_title,
        "chair_agency": target.chair_agency_id or "",
        "cadence": target.cadence,
        "purpose": target.purpose,
        "charter": target.charter,
        "established": target.established.isoformat() if target.established else "",
        "sunset": target.sunset.isoformat() if target.sunset else "",
    }
    return {**data, **changes}


def test_site_admin_edits_chair_cadence_charter_and_sunset(client, people):
    group = body("victim-services")
    hhs = Agency.objects.get(acronym="HHS")
    url = reverse("directory:body-edit", args=[group.pk])
    response = signed_in(client, people["site_admin"]).post(
        url,
        edit_data(
            group,
            chair_title="Director, Office on Trafficking in Persons",
            chair_agency=hhs.pk,
            cadence=Body.Cadence.QUARTERLY,
            charter="Meets to coordinate services.\nReports to the SPOG.",
            established="2013-03-01",
            sunset="2028-03-01",
        ),
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.chair_agency == hhs and group.cadence == Body.Cadence.QUARTERLY
    assert group.sunset == datetime.date(2028, 3, 1) and group.version == 2
    entry = LogEntry.objects.get_for_object(group).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == people["site_admin"]
    assert entry.changes_dict["cadence"] == ["as_set", "quarterly"]
    detail = page_text(client.get(response["Location"]))
    assert "Director, Office on Trafficking in Persons" in detail and "March 1, 2028" in detail


def test_a_standing_committee_edit_offers_no_sunset(client, people):
    committee = body("grantmaking")
    form = signed_in(client, people["site_admin"]).get(
        reverse("directory:body-edit", args=[committee.pk])
    )
    assert "sunset" not in form.context["form"].fields


def test_sunset_before_established_on_edit(client, people):
    group = body("legislation")
    response = signed_in(client, people["site_admin"]).post(
        reverse("directory:body-edit", args=[group.pk]),
        edit_data(group, established="2020-01-01", sunset="2019-12-31"),
    )
    assert "before the date the body was established" in page_text(response)
    group.refresh_from_db()
    assert group.sunset is None and group.version == 1


def test_a_stale_body_edit_shows_the_conflict_and_saves_nothing(client, people):
    group = body("legislation")
    url = reverse("directory:body-edit", args=[group.pk])
    first, second = Client(), Client()
    first.force_login(people["site_admin"])
    second.force_login(people["site_admin"])
    loaded = edit_data(group)
    assert first.post(url, {**loaded, "cadence": Body.Cadence.MONTHLY}).status_code == 302
    response = second.post(url, {**loaded, "purpose": "Something else entirely."})
    assert response.status_code == 200
    assert "was changed by someone else while you were editing" in page_text(response)
    assert 'name="version" value="2"' in response.content.decode()
    group.refresh_from_db()
    assert group.cadence == Body.Cadence.MONTHLY
    assert group.purpose == "Addresses legislation related to human trafficking."


def test_chairs_office_may_not_edit_bodies(client, people):
    spog = body("spog")
    response = signed_in(client, people["chairs_office"]).post(
        reverse("directory:body-edit", args=[spog.pk]), edit_data(spog, cadence="monthly")
    )
    assert response.status_code == 403
    spog.refresh_from_db()
    assert spog.cadence == Body.Cadence.QUARTERLY


def test_the_body_pages_rows_read_as_text_with_their_dates_and_actions(client, people):
    spog = body("spog")
    later = timezone.localdate() + datetime.timedelta(days=30)
    odd = AgencyFactory(name="Bureau <i>of</i> Tests & Trials", acronym="BTT")
    membership = MembershipFactory(agency=odd, body=spog, start_date=later)
    person = UserFactory(agency=odd, full_name="Drew <b>Bold</b>")
    designation = DesignationFactory(person=person, body=spog, start_date=later)
    url = reverse("directory:body-detail", args=[spog.pk])
    page = signed_in(client, people["site_admin"]).get(url).content.decode()
    assert "<i>of</i>" not in page and "<b>Bold</b>" not in page
    name = "Bureau &lt;i&gt;of&lt;/i&gt; Tests &amp; Trials"
    end = reverse("directory:membership-end", args=[membership.pk])
    written = f"{later:%B} {later.day}, {later.year}"
    assert (
        f'<tr><th scope="row">{name} (BTT)</th><td>Member</td><td>{written}</td>'
        f'<td>Ongoing</td><td><a class="usa-link" href="{end}">End<span class="usa-sr-only"> '
        f"the membership of BTT from {written}</span></a></td></tr>"
    ) in page
    handover = reverse("directory:designation-handover", args=[designation.pk])
    assert (
        '<tr><th scope="row">BTT</th><td>Drew &lt;b&gt;Bold&lt;/b&gt; '
        '<span class="usa-tag">Begins later</span></td><td>Principal</td>'
        f"<td>{written}</td><td>Ongoing</td>"
        f'<td><a class="usa-link" href="{handover}">Hand over<span class="usa-sr-only"> '
        "Drew &lt;b&gt;Bold&lt;/b&gt;’s designation</span></a>"
    ) in page
