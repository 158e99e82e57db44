"""Proposed awards: an agency drafts a grant, cooperative agreement or technical-assistance award
it plans to make (the recipient's Unique Entity ID checked by SAM.gov's rules, bad values refused
on the field with nothing saved), sees it alone while a draft, circulates it for comment the way
a solicitation is, records it as awarded once comments closed, or withdraws it; the list filters,
sorts, pages and downloads what it shows."""

from __future__ import annotations

import csv
import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from grants.models import Award, Solicitation, uei_check_character, validate_uei
from pitf import workdays
from pitf.circulation.models import Circulation
from pitf.circulation.tasks import remind_and_close
from pitf.models import Agency, Notification
from tests.conftest import written
from tests.test_grants import draft_values

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=workdays.EASTERN)
# Unique Entity IDs SAM.gov has given (published in open registries of organization IDs).
REAL_UEIS = ["YNDUZMUZF8H8", "T53MCMLTWK59", "UYDJJ1S8DR85"]


def award_values() -> dict:
    return {
        "award_type": "cooperative_agreement",
        "title": "Housing for survivors in the Rio Grande Valley",
        "recipient_name": "Valley Survivors Network",
        "recipient_uei": "YNDUZMUZF8H8",
        "recipient_city": "McAllen",
        "recipient_state": "TX",
        "recipient_country": "",
        "amount": Decimal("650000"),
        "period_start": datetime.date(2027, 10, 1),
        "period_end": datetime.date(2030, 9, 30),
        "program": "Housing Assistance for Victims of Human Trafficking",
        "assistance_listing": "16.320",
        "fiscal_year": 2027,
        "purpose": "Transitional housing and wraparound services for survivors.",
        "populations": ["adults", "survivors"],
        "trafficking_type": "both",
        "geography": "TX",
    }


def form_data(**changes) -> dict:
    values = {**award_values(), "marking": "predecisional", "cui_category": "", "solicitation": ""}
    data = {
        key: (value.isoformat() if isinstance(value, datetime.date) else value)
        for key, value in values.items()
    }
    data.update(changes)
    return data


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.mark.parametrize("uei", REAL_UEIS)
def test_real_unique_entity_ids_pass_and_their_check_character_is_computed(uei):
    validate_uei(uei)
    validate_uei(uei.lower())  # SAM.gov's IDs are not case sensitive
    assert uei_check_character(uei[:11]) == uei[11]


@pytest.mark.parametrize(
    "uei, message",
    [
        ("YNDUZMUZF8H", "12 letters and digits"),
        ("YNDUZMUZF8H8X", "12 letters and digits"),
        ("YNDUZ-UZF8H8", "12 letters and digits"),
        ("YNDUZMUZF8I8", "no I or O"),
        ("ONDUZMUZF8H8", "no I or O"),
        ("0NDUZMUZF8H8", "never starts with 0"),
        ("A12345678902", "nine digits in a row"),
        ("YNDUZMUZF8H7", "does not check"),
        ("T53MCMLTWK58", "does not check"),
    ],
)
def test_a_unique_entity_id_breaking_a_rule_is_refused_with_the_rule(uei, message):
    with pytest.raises(ValidationError) as refused:
        validate_uei(uei)
    assert message in " ".join(refused.value.messages)


def test_an_agency_drafts_an_award_only_it_sees(client, people, clock):
    client.force_login(people["staff"])  # HHS
    own = Solicitation.objects.create(
        agency=people["staff"].agency, created_by=people["staff"], **draft_values()
    )
    create = reverse("grants:award-create")
    offered = client.get(create).context["form"].fields["solicitation"].queryset
    assert list(offered) == [own]
    response = client.post(
        create, form_data(recipient_uei="ynduzmuzf8h8", solicitation=str(own.pk))
    )
    assert response.status_code == 302, response.context["form"].errors
    award = Award.objects.get()
    assert (award.agency.acronym, award.status, award.recipient_uei) == (
        "HHS",
        "draft",
        "YNDUZMUZF8H8",
    )
    assert award.solicitation == own
    text = client.get(reverse("grants:award-detail", args=[award.pk])).content.decode()
    assert "PRE-DECISIONAL / DELIBERATIVE" in text
    assert "A proposed cooperative agreement of" in text
    assert "McAllen, Texas" in text
    assert "$650,000.00" in text
    assert "O-OVC-2027-000123: Services for Victims of Human Trafficking" in text
    detail = reverse("grants:award-detail", args=[award.pk])
    for other in ("representative", "chair", "observer"):
        client.force_login(people[other])
        assert client.get(detail).status_code == 404
        listing = client.get(reverse("grants:award-list")).content.decode()
        assert "Valley Survivors Network" not in listing


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"recipient_uei": "YNDUZMUZF8H7"}, "recipient_uei", "does not check"),
        ({"recipient_uei": "123456789"}, "recipient_uei", "12 letters and digits"),
        ({"period_end": "2027-09-30"}, "period_end", "must end after it starts"),
        ({"amount": "-5"}, "amount", "above zero"),
        ({"amount": "0"}, "amount", "above zero"),
        ({"amount": "a lot"}, "amount", "Enter a number"),
        ({"recipient_state": ""}, "recipient_state", "or give its country"),
        ({"recipient_country": "Mexico"}, "recipient_country", "not both"),
        ({"assistance_listing": "16320"}, "assistance_listing", "two digits, a dot"),
        ({"marking": "cui"}, "cui_category", "names its category"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_saved(client, people, changes, field, message):
    client.force_login(people["staff"])
    response = client.post(reverse("grants:award-create"), form_data(**changes))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors.get(field, []))
    assert not Award.objects.exists()


def test_a_recipient_abroad_and_another_agencys_solicitation(client, people):
    client.force_login(people["staff"])
    theirs = Solicitation.objects.create(
        agency=Agency.objects.get(acronym="DOJ"), created_by=people["chair"], **draft_values()
    )
    refused = client.post(reverse("grants:award-create"), form_data(solicitation=str(theirs.pk)))
    assert "Select a valid choice" in " ".join(refused.context["form"].errors["solicitation"])
    response = client.post(
        reverse("grants:award-create"),
        form_data(recipient_state="", recipient_country="Mexico", recipient_city="Tapachula"),
    )
    assert response.status_code == 302
    assert Award.objects.get().recipient_place == "Tapachula, Mexico"


def test_it_is_circulated_closes_and_is_recorded_as_awarded_or_withdrawn(client, people, clock):
    client.force_login(people["staff"])
    client.post(reverse("grants:award-create"), form_data(marking="cui", cui_category="SP-PRVCY"))
    award = Award.objects.get()
    made = reverse("grants:award-made", args=[award.pk])
    refused = client.post(made, {"version": award.version})
    assert "Only a proposed award whose comments have closed is awarded" in refused.content.decode()
    response = client.post(
        reverse("grants:award-circulate", args=[award.pk]),
        {"version": 1, "deadline": "2026-12-18", "audience": "spog"},
    )
    assert response.status_code == 302
    circulation = Circulation.objects.get()
    assert circulation.document == award
    assert (
        circulation.title
        == "Valley Survivors Network: Housing for survivors in the Rio Grande Valley"
    )
    assert Notification.objects.filter(
        kind="circulation.request", recipient=people["representative"].email
    ).exists()
    detail = reverse("grants:award-detail", args=[award.pk])
    client.force_login(people["representative"])  # DHS was asked
    page = client.get(detail).content.decode()
    assert "CUI//SP-PRVCY" in page
    assert "Record it as awarded" not in page  # not theirs to act on
    assert client.get(made).status_code == 403
    client.force_login(people["observer"])
    assert client.get(detail).status_code == 404
    # At the deadline its comments close; the owner records it as awarded.
    clock.move_to(datetime.datetime(2026, 12, 18, 17, 0, 1, tzinfo=workdays.EASTERN))
    remind_and_close()
    award.refresh_from_db()
    assert award.status == Award.Status.COMMENTS_CLOSED
    client.force_login(people["staff"])
    assert "Record it as awarded" in client.get(detail).content.decode()
    assert client.post(made, {"version": award.version}).status_code == 302
    award.refresh_from_db()
    assert award.status == Award.Status.MADE
    client.force_login(people["observer"])  # never asked: sees it once awarded
    assert "Awarded" in client.get(detail).content.decode()
    # Withdrawn while out for comment, a second one tells the agencies.
    client.force_login(people["staff"])
    client.post(reverse("grants:award-create"), form_data(title="Second"))
    second = Award.objects.get(title="Second")
    client.post(
        reverse("grants:award-circulate", args=[second.pk]),
        {"version": 1, "deadline": "2026-12-31", "audience": "spog"},
    )
    second.refresh_from_db()
    response = client.post(
        reverse("grants:award-withdraw", args=[second.pk]),
        {"version": second.version, "reason": "Recipient declined."},
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == Award.Status.WITHDRAWN
    assert Circulation.objects.get(document_id=str(second.pk), status="withdrawn")
    assert Notification.objects.filter(
        kind="circulation.withdrawn", recipient=people["representative"].email
    ).exists()


def make(people, agency="HHS", **changes) -> Award:
    return Award.objects.create(
        agency=Agency.objects.get(acronym=agency),
        created_by=people["staff"],
        status=changes.pop("status", Award.Status.MADE),
        **{**award_values(), **changes},
    )


def test_the_list_filters_sorts_and_exports_what_it_shows(client, people):
    make(people, title="Labor in Texas", trafficking_type="labor", geography="TX, NM")
    make(people, agency="DOJ", title="Minors", fiscal_year=2028, populations=["minors"])
    make(people, agency="DOJ", title="Big", amount=Decimal("2000000"), assistance_listing="16.575")
    make(people, agency="DOJ", title="DOJ draft", status="draft")
    client.force_login(people["staff"])
    url = reverse("grants:award-list")

    def titles(**query):
        return [a.title for a in client.get(url, query).context["page"].object_list]

    doj = Agency.objects.get(acronym="DOJ").pk
    assert "DOJ draft" not in titles()
    assert set(titles(agency=doj)) == {"Big", "Minors"}
    assert titles(fiscal_year=2028) == ["Minors"]
    assert titles(population="minors") == ["Minors"]
    assert titles(trafficking_type="labor") == ["Labor in Texas"]
    assert titles(geography="nm") == ["Labor in Texas"]
    assert titles(assistance_listing="16.575") == ["Big"]
    assert titles(status="made", order="-amount")[0] == "Big"
    page = client.get(url, {"assistance_listing": "16.575"}).content.decode()
    assert "1 proposed award found" in page
    assert "$2,000,000.00" in page
    response = client.get(reverse("grants:award-csv"), {"agency": doj})
    rows = list(csv.reader(response.content.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["Pre-decisional / Deliberative"]
    assert rows[1][:3] == ["Title", "Type", "Agency"]
    assert sorted(row[0] for row in rows[2:]) == ["Big", "Minors"]
    assert "DOJ draft" not in response.content.decode()


def test_the_list_and_its_spreadsheet_keep_their_query_count(client, people):
    client.force_login(people["staff"])
    linked = Solicitation.objects.create(
        agency=people["staff"].agency, created_by=people["staff"], **draft_values()
    )
    for index in range(3):
        make(people, title=f"Small {index}", solicitation=linked)
    client.get(reverse("grants:award-list"))  # the session and the content types, cached
    measured = {}
    for size in ("small", "large"):
        if size == "large":
            for index in range(60):
                make(people, agency="HHS", title=f"Large {index:02d}", solicitation=linked)
        with CaptureQueriesContext(connection) as listing:
            client.get(reverse("grants:award-list"), {"order": "title"})
        with CaptureQueriesContext(connection) as spreadsheet:
            client.get(reverse("grants:award-csv"))
        measured[size] = (len(listing), len(spreadsheet))
    assert measured["large"] == measured["small"]


def test_the_list_and_its_spreadsheet_carry_the_strictest_marking_of_what_they_show(client, people):
    make(people, title="Open one")
    make(people, title="Private one", marking="cui", cui_category="SP-PRVCY")
    client.force_login(people["staff"])
    url, spreadsheet = reverse("grants:award-list"), reverse("grants:award-csv")
    page = client.get(url).content.decode()
    assert page.count("CUI//SP-PRVCY") == 2  # above and below the table
    first_row = client.get(spreadsheet).content.decode("utf-8-sig").splitlines()[0]
    assert first_row == "CUI//SP-PRVCY"
    page = client.get(url, {"geography": "none such"}).content.decode()
    assert "No proposed award matches these filters." in page
    assert "CUI//" not in page
    Award.objects.filter(title="Private one").delete()
    page = client.get(url).content.decode()
    assert "PRE-DECISIONAL / DELIBERATIVE" in page and "CUI//" not in page
    assert client.get(spreadsheet).content.decode("utf-8-sig").splitlines()[0] == (
        "Pre-decisional / Deliberative"
    )


def test_an_award_names_its_linked_solicitation_only_to_those_who_may_see_it(client, people):
    """HHS links its proposed award to its own draft solicitation and circulates the award: the
    agencies asked about the award read it, but the draft solicitation is HHS's alone, so its
    number and title appear neither on the award's page nor in the CSV; they read that a
    solicitation of HHS is linked, not shared with them. HHS's own staff follow the link."""
    hhs = Agency.objects.get(acronym="HHS")
    solicitation = Solicitation.objects.create(
        agency=hhs, created_by=people["staff"], **draft_values()
    )
    client.force_login(people["staff"])
    client.post(reverse("grants:award-create"), form_data(solicitation=str(solicitation.pk)))
    award = Award.objects.get()
    client.post(
        reverse("grants:award-circulate", args=[award.pk]),
        {"version": 1, "deadline": "2027-01-29", "audience": "spog"},
    )
    detail = reverse("grants:award-detail", args=[award.pk])
    own = client.get(detail).content.decode()
    solicitation_url = reverse("grants:solicitation-detail", args=[solicitation.pk])
    assert f'href="{solicitation_url}"' in own
    assert "O-OVC-2027-000123: Services for Victims of Human Trafficking" in own

    client.force_login(people["representative"])  # DHS, asked about the award
    assert client.get(solicitation_url).status_code == 404
    page = client.get(detail).content.decode()
    assert "A solicitation of HHS, not shared with you" in page
    assert "O-OVC-2027-000123" not in page
    assert "Services for Victims of Human Trafficking" not in page
    rows = list(csv.reader(client.get(reverse("grants:award-csv")).content.decode().splitlines()))
    linked = rows[1].index("Linked solicitation")
    [row] = [row for row in rows[2:] if row[0] == award.title]
    assert row[linked] == "A solicitation of HHS, not shared with you"
    assert "O-OVC-2027-000123" not in "".join(",".join(row) for row in rows)


def test_messages_about_a_cui_award_carry_its_marking_and_name_it_only_neutrally(people, clock):
    """Request, extension, reminder, close and withdrawal: each message starts with the CUI
    marking and names the award only as "A proposed award of HHS"; its recipient, title and the
    owner's words (the message, the reason) stay behind sign-in."""
    from grants import services as grants
    from pitf.circulation import services as circulation

    staff = people["staff"]
    values = {**award_values(), "marking": "cui", "cui_category": "SP-PRVCY"}
    secret_words = [values["recipient_name"], values["title"], "Valley", "survivors' shelter"]
    award = grants.document_create(actor=staff, model=Award, **values)
    row = grants.document_circulate(
        actor=staff,
        document=award,
        expected_version=award.version,
        deadline=datetime.date(2026, 12, 18),
        message="Does the Valley survivors' shelter overlap your grants?",
    )
    circulation.circulation_extend(
        actor=staff,
        circulation=row,
        expected_version=row.version,
        deadline=datetime.date(2027, 1, 8),
    )
    clock.move_to(datetime.datetime(2027, 1, 6, 9, 0, 1, tzinfo=workdays.EASTERN))
    assert remind_and_close()["reminded"] == 1
    clock.move_to(datetime.datetime(2027, 1, 8, 17, 0, 1, tzinfo=workdays.EASTERN))
    remind_and_close()
    second = Award.objects.create(
        **{**values, "title": "Second award"}, agency=staff.agency, created_by=staff
    )
    clock.move_to(datetime.datetime(2027, 1, 11, 10, 0, tzinfo=workdays.EASTERN))
    other = grants.document_circulate(
        actor=staff, document=second, expected_version=1, deadline=datetime.date(2027, 1, 22)
    )
    circulation.circulation_withdraw(
        actor=staff,
        circulation=other,
        expected_version=other.version,
        reason="The Valley plan changed.",
    )
    kinds = set()
    for notice in Notification.objects.filter(kind__startswith="circulation."):
        kinds.add(notice.kind)
        written(notice)
        assert notice.body.startswith("CUI//SP-PRVCY"), notice.body[:60]
        assert "CUI//SP-PRVCY" in notice.html_body
        assert "A proposed award of HHS" in notice.subject
        for words in [*secret_words, "Second award"]:
            for text in (notice.subject, notice.body, notice.html_body):
                assert words not in text, (notice.kind, words)
    assert kinds >= {
        "circulation.request",
        "circulation.extended",
        "circulation.reminder",
        "circulation.closed",
        "circulation.withdrawn",
    }


def test_the_reviewer_sees_the_awards_facts_on_the_comment_request(client, people, clock):
    from grants import services as grants

    award = grants.document_create(actor=people["staff"], model=Award, **award_values())
    row = grants.document_circulate(
        actor=people["staff"],
        document=award,
        expected_version=award.version,
        deadline=datetime.date(2026, 12, 18),
    )
    client.force_login(people["representative"])
    html = client.get(reverse("circulation:detail", args=[row.pk])).content.decode()
    for fact in (
        "Valley Survivors Network, McAllen TX",
        "YNDUZMUZF8H8",
        "$650,000.00",
        "October 1, 2027 to September 30, 2030",
        "Housing Assistance for Victims of Human Trafficking",
    ):
        assert fact in html, fact
    assert '<option value="Period of performance"></option>' in html


def test_a_cui_awards_comment_matrix_carries_the_designation_indicator(client, people, clock):
    """32 CFR 2002.20: a CUI document names who controls it, its category and a point of
    contact, on its first page (the CSV's first lines, the DOCX's and PDF's first page)."""
    from docx import Document
    from pypdf import PdfReader

    from grants import services as grants

    values = {**award_values(), "marking": "cui", "cui_category": "SP-PRVCY"}
    award = grants.document_create(actor=people["staff"], model=Award, **values)
    row = grants.document_circulate(
        actor=people["staff"],
        document=award,
        expected_version=award.version,
        deadline=datetime.date(2026, 12, 18),
    )
    client.force_login(people["staff"])
    url = lambda fmt: reverse("circulation:export", args=[row.pk, fmt])  # noqa: E731
    rows = list(csv.reader(client.get(url("csv")).content.decode("utf-8-sig").splitlines()))
    assert rows[:4] == [
        ["CUI//SP-PRVCY"],
        ["Controlled by: Department of Health and Human Services"],
        ["CUI category: SP-PRVCY"],
        [f"POC: Sam Staff, {people['staff'].email}"],
    ]
    import io

    document = Document(io.BytesIO(client.get(url("docx")).content))
    assert document.paragraphs[0].text.startswith("Controlled by: Department of Health")
    first_page = PdfReader(io.BytesIO(client.get(url("pdf")).content)).pages[0].extract_text()
    assert "Controlled by: Department of Health and Human Services" in " ".join(first_page.split())
