"""Grant solicitations: an agency drafts one with the fields Grants.gov uses (bad values refused
with a message on the field, nothing saved), sees it alone while it is a draft (404 for other
agencies), circulates it for comment to the SPOG's other members through the core's
circulation, and its status follows the circulation to "comments closed"; the handling marking
is on its page and on the comment matrix it yields."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from grants.models import Solicitation
from pitf import workdays
from pitf.circulation.models import Circulation
from pitf.circulation.tasks import remind_and_close
from pitf.models import Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=workdays.EASTERN)


def draft_values() -> dict:
    return {
        "opportunity_number": "O-OVC-2027-000123",
        "title": "Services for Victims of Human Trafficking",
        "assistance_listing": "16.320",
        "funding_instrument": "CA",
        "category": "LJL",
        "estimated_total_funding": Decimal("12000000"),
        "award_ceiling": Decimal("800000"),
        "award_floor": Decimal("250000"),
        "expected_awards": 20,
        "cost_sharing": False,
        "eligible_applicants": ["07", "12"],
        "planned_post_date": datetime.date(2027, 2, 1),
        "planned_close_date": datetime.date(2027, 4, 1),
        "fiscal_year": 2027,
        "summary": "Comprehensive services for victims of all forms of human trafficking.",
        "populations": ["adults", "minors", "survivors"],
        "trafficking_type": "both",
        "geography": "United States",
        "priorities": "Protection",
    }


def form_data(**changes) -> dict:
    values = {**draft_values(), "marking": "predecisional", "cui_category": ""}
    data = {
        key: (value.isoformat() if isinstance(value, datetime.date) else value)
        for key, value in values.items()
        if key not in ("eligible_applicants", "populations", "cost_sharing")
    }
    data["eligible_applicants"] = values["eligible_applicants"]
    data["populations"] = values["populations"]
    data.update(changes)
    return data


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def test_an_agency_drafts_a_solicitation_only_it_sees(client, people, clock):
    client.force_login(people["staff"])  # HHS
    response = client.post(reverse("grants:solicitation-create"), form_data())
    assert response.status_code == 302, response.context["form"].errors
    solicitation = Solicitation.objects.get()
    assert (solicitation.agency.acronym, solicitation.status) == ("HHS", "draft")
    assert solicitation.eligible_applicants == ["07", "12"]
    page = client.get(reverse("grants:solicitation-detail", args=[solicitation.pk]))
    text = page.content.decode()
    assert "PRE-DECISIONAL / DELIBERATIVE" in text
    assert "Native American tribal governments (Federally recognized)" in text
    assert "$12,000,000.00" in text
    detail = reverse("grants:solicitation-detail", args=[solicitation.pk])
    for other in ("representative", "chair", "observer"):
        client.force_login(people[other])
        assert client.get(detail).status_code == 404
        listing = client.get(reverse("grants:solicitation-list")).content.decode()
        assert "Services for Victims of Human Trafficking" not in listing


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"assistance_listing": "16-320"}, "assistance_listing", "two digits, a dot"),
        ({"award_ceiling": "100000"}, "award_ceiling", "cannot be below the award floor"),
        (
            {"planned_close_date": "2027-01-15"},
            "planned_close_date",
            "must come after posting",
        ),
        ({"award_floor": "-5"}, "award_floor", "zero or more"),
        ({"estimated_total_funding": "lots"}, "estimated_total_funding", "Enter a number"),
        ({"marking": "cui"}, "cui_category", "names its category"),
        ({"fiscal_year": "1999"}, "fiscal_year", "from 2000 to 2100"),
        ({"fiscal_year": "2101"}, "fiscal_year", "from 2000 to 2100"),
        # Arabic-Indic digits: digits to Python's \d, not an assistance listing number.
        (
            {"assistance_listing": "\u0661\u0666.\u0663\u0662\u0660"},
            "assistance_listing",
            "two digits, a dot",
        ),
        (
            {"estimated_total_funding": "500000"},
            "estimated_total_funding",
            "cannot be below the award ceiling",
        ),
    ],
)
def test_bad_values_are_refused_and_nothing_is_saved(client, people, changes, field, message):
    client.force_login(people["staff"])
    response = client.post(reverse("grants:solicitation-create"), form_data(**changes))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors.get(field, []))
    assert not Solicitation.objects.exists()


def test_circulating_it_asks_the_spog_and_its_status_follows(client, people, clock):
    from docx import Document

    client.force_login(people["staff"])
    client.post(
        reverse("grants:solicitation-create"), form_data(marking="cui", cui_category="SP-PRVCY")
    )
    solicitation = Solicitation.objects.get()
    circulate = reverse("grants:solicitation-circulate", args=[solicitation.pk])
    page = client.get(circulate)
    assert page.context["form"]["deadline"].value() == datetime.date(2026, 12, 21)
    refused = client.post(circulate, {"version": 1, "deadline": "2026-12-25", "audience": "spog"})
    assert "federal holiday" in refused.content.decode()
    assert not Circulation.objects.exists()
    response = client.post(
        circulate,
        {"version": 1, "deadline": "2026-12-18", "message": "Eligibility?", "audience": "spog"},
    )
    assert response.status_code == 302
    circulation = Circulation.objects.get()
    assert response.url == reverse("circulation:detail", args=[circulation.pk])
    assert circulation.document == solicitation
    assert circulation.title == "O-OVC-2027-000123: Services for Victims of Human Trafficking"
    solicitation.refresh_from_db()
    assert solicitation.status == Solicitation.Status.CIRCULATED
    assert Notification.objects.filter(
        kind="circulation.request", recipient=people["representative"].email
    ).exists()
    # Now the DHS representative (a recipient) sees it; the observer's agency was not asked.
    detail = reverse("grants:solicitation-detail", args=[solicitation.pk])
    client.force_login(people["representative"])
    assert "CUI//SP-PRVCY" in client.get(detail).content.decode()
    client.force_login(people["observer"])
    assert client.get(detail).status_code == 404
    # The comment matrix carries the solicitation's own marking.
    client.force_login(people["staff"])
    matrix = client.get(reverse("circulation:export", args=[circulation.pk, "docx"]))
    document = Document(io.BytesIO(matrix.content))
    assert document.sections[0].header.paragraphs[0].text == "CUI//SP-PRVCY"
    # At the deadline the circulation closes, and the solicitation's comments with it.
    clock.move_to(datetime.datetime(2026, 12, 18, 17, 0, 1, tzinfo=workdays.EASTERN))
    remind_and_close()
    solicitation.refresh_from_db()
    assert solicitation.status == Solicitation.Status.COMMENTS_CLOSED
    client.force_login(people["staff"])  # eleven days on: a new session
    assert "Circulate for comment" in client.get(detail).content.decode()


def test_circulating_to_chosen_agencies_or_another_bodys_members(client, people, clock):
    from pitf.models import Agency, Body, Membership

    client.force_login(people["staff"])
    client.post(reverse("grants:solicitation-create"), form_data())
    solicitation = Solicitation.objects.get()
    circulate = reverse("grants:solicitation-circulate", args=[solicitation.pk])
    base = {"version": 1, "deadline": "2026-12-18"}
    dhs, dol, hhs = (Agency.objects.get(acronym=a) for a in ("DHS", "DOL", "HHS"))
    # Nothing chosen, or a body with no other member: refused, nothing circulated.
    refused = client.post(circulate, {**base, "audience": "chosen"})
    assert "Choose at least one agency." in refused.content.decode()
    grantmaking = Body.objects.get(short_name="grantmaking")
    Membership.objects.filter(body=grantmaking).delete()
    refused = client.post(circulate, {**base, "audience": "body", "body": grantmaking.pk})
    assert "has no member agency other than yours today" in refused.content.decode()
    assert not Circulation.objects.exists()
    # The owner is not offered, and not taken when posted anyway (the service leaves it out too).
    refused = client.post(
        circulate, {**base, "audience": "chosen", "agencies": [dhs.pk, dol.pk, hhs.pk]}
    )
    assert "Select a valid choice" in refused.content.decode()
    assert not Circulation.objects.exists()
    response = client.post(circulate, {**base, "audience": "chosen", "agencies": [dhs.pk, dol.pk]})
    assert response.status_code == 302
    circulation = Circulation.objects.get()
    assert sorted(circulation.recipients.values_list("agency__acronym", flat=True)) == [
        "DHS",
        "DOL",
    ]


def test_posted_everyone_sees_it_and_withdrawing_withdraws_its_open_circulation(
    client, people, clock
):
    client.force_login(people["staff"])
    client.post(reverse("grants:solicitation-create"), form_data())
    first = Solicitation.objects.get()
    post = reverse("grants:solicitation-post", args=[first.pk])
    refused = client.post(post, {"version": first.version})
    assert "Only a solicitation whose comments have closed is posted" in refused.content.decode()
    client.post(
        reverse("grants:solicitation-circulate", args=[first.pk]),
        {"version": 1, "deadline": "2026-12-18", "audience": "spog"},
    )
    clock.move_to(datetime.datetime(2026, 12, 18, 17, 0, 1, tzinfo=workdays.EASTERN))
    remind_and_close()
    client.force_login(people["staff"])
    first.refresh_from_db()
    assert client.post(post, {"version": first.version}).status_code == 302
    first.refresh_from_db()
    assert first.status == Solicitation.Status.POSTED
    client.force_login(people["observer"])  # never asked: sees it once posted
    assert client.get(reverse("grants:solicitation-detail", args=[first.pk])).status_code == 200
    # A second one, withdrawn while out for comment: the agencies are told.
    client.force_login(people["staff"])
    client.post(reverse("grants:solicitation-create"), form_data(title="Second"))
    second = Solicitation.objects.get(title="Second")
    client.post(
        reverse("grants:solicitation-circulate", args=[second.pk]),
        {"version": 1, "deadline": "2026-12-31", "audience": "spog"},
    )
    second.refresh_from_db()
    withdraw = reverse("grants:solicitation-withdraw", args=[second.pk])
    missing = client.post(withdraw, {"version": second.version})
    assert "This field is required" in missing.content.decode()
    response = client.post(withdraw, {"version": second.version, "reason": "Funding moved."})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == Solicitation.Status.WITHDRAWN
    circulation = Circulation.objects.get(document_id=str(second.pk))
    assert circulation.status == Circulation.Status.WITHDRAWN
    assert Notification.objects.filter(
        kind="circulation.withdrawn", recipient=people["representative"].email
    ).exists()


def make(people, agency="HHS", **changes) -> Solicitation:
    from pitf.models import Agency

    return Solicitation.objects.create(
        agency=Agency.objects.get(acronym=agency),
        created_by=people["staff"],
        status=changes.pop("status", Solicitation.Status.POSTED),
        **{**draft_values(), **changes},
    )


def test_the_list_filters_sorts_pages_and_exports_what_it_shows(client, people):
    import csv as csv_module

    make(
        people,
        title="Labor in Texas",
        trafficking_type="labor",
        geography="TX, NM",
        populations=["adults", "foreign_nationals"],
    )
    make(people, agency="DOJ", title="Minors in 2028", fiscal_year=2028, populations=["minors"])
    make(people, agency="DOJ", title="Adults", populations=["adults"], assistance_listing="16.575")
    draft_of_doj = make(people, agency="DOJ", title="DOJ draft", status="draft")
    client.force_login(people["staff"])
    url = reverse("grants:solicitation-list")

    def titles(**query):
        response = client.get(url, query)
        return [s.title for s in response.context["page"].object_list]

    assert "DOJ draft" not in titles()  # another agency's draft
    assert set(titles(agency=agency_pk("DOJ"))) == {"Adults", "Minors in 2028"}
    assert titles(fiscal_year=2028) == ["Minors in 2028"]
    assert titles(population="minors") == ["Minors in 2028"]
    assert titles(trafficking_type="labor") == ["Labor in Texas"]
    assert titles(geography="nm") == ["Labor in Texas"]
    assert titles(assistance_listing="16.575") == ["Adults"]
    assert titles(order="title") == ["Adults", "Labor in Texas", "Minors in 2028"]
    assert titles(order="-title") == ["Minors in 2028", "Labor in Texas", "Adults"]
    page = client.get(url, {"population": "minors"}).content.decode()
    assert "1 solicitation found" in page
    # The spreadsheet is what the filter shows.
    response = client.get(reverse("grants:solicitation-csv"), {"agency": agency_pk("DOJ")})
    rows = list(csv_module.reader(response.content.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["Pre-decisional / Deliberative"]
    assert sorted(row[1] for row in rows[2:]) == ["Adults", "Minors in 2028"]
    assert str(draft_of_doj.title) not in response.content.decode()


def agency_pk(acronym: str) -> int:
    from pitf.models import Agency

    return Agency.objects.get(acronym=acronym).pk


def test_the_list_keeps_its_query_count_and_pages(client, people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(people["staff"])
    url = reverse("grants:solicitation-list")
    for index in range(3):
        make(people, title=f"Small {index}")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url, {"order": "title"})
    for index in range(60):
        make(people, agency="DOJ" if index % 2 else "HHS", title=f"Large {index:02d}")
    with CaptureQueriesContext(connection) as large:
        response = client.get(url, {"order": "title"})
    assert len(large) == len(small)
    assert response.context["page"].paginator.num_pages == 3
    second = client.get(url, {"order": "title", "page": 2}).context["page"]
    assert [s.title for s in second.object_list][0] == "Large 25"  # 25 a page, by title


def test_the_owner_changes_a_draft_and_a_stale_form_does_not_overwrite(client, people):
    client.force_login(people["staff"])
    client.post(reverse("grants:solicitation-create"), form_data())
    solicitation = Solicitation.objects.get()
    edit = reverse("grants:solicitation-edit", args=[solicitation.pk])
    assert client.get(edit).context["form"]["title"].value() == solicitation.title
    response = client.post(edit, {**form_data(title="Renamed"), "version": 1})
    assert response.status_code == 302
    stale = client.post(edit, {**form_data(title="Stale"), "version": 1})
    assert stale.status_code == 200
    assert "was changed by someone else while you were editing" in " ".join(
        stale.context["form"].non_field_errors()
    )
    assert Solicitation.objects.get().title == "Renamed"
    client.force_login(people["representative"])  # another agency: not even seen
    assert client.get(edit).status_code == 404


def test_a_draft_withdrawn_before_it_was_circulated_stays_its_agencys_alone(client, people, clock):
    """The Grantmaking Committee's offices see what was circulated, withdrawn or not; a draft
    withdrawn before it ever left the agency is not circulated, so they get 404 as anyone else."""
    client.force_login(people["staff"])  # HHS
    client.post(reverse("grants:solicitation-create"), form_data(title="Never sent"))
    never_sent = Solicitation.objects.get(title="Never sent")
    client.post(
        reverse("grants:solicitation-withdraw", args=[never_sent.pk]),
        {"version": never_sent.version, "reason": "Not funded this year."},
    )
    client.post(reverse("grants:solicitation-create"), form_data(title="Sent then withdrawn"))
    sent = Solicitation.objects.get(title="Sent then withdrawn")
    client.post(
        reverse("grants:solicitation-circulate", args=[sent.pk]),
        {"version": 1, "deadline": "2026-12-31", "audience": "spog"},
    )
    sent.refresh_from_db()
    client.post(
        reverse("grants:solicitation-withdraw", args=[sent.pk]),
        {"version": sent.version, "reason": "Funding moved."},
    )
    assert set(Solicitation.objects.values_list("status", flat=True)) == {"withdrawn"}

    for office in ("chair", "chairs_office"):
        client.force_login(people[office])
        listing = client.get(reverse("grants:solicitation-list")).content.decode()
        assert "Sent then withdrawn" in listing
        assert "Never sent" not in listing
        csv_text = client.get(reverse("grants:solicitation-csv")).content.decode()
        assert "Sent then withdrawn" in csv_text
        assert "Never sent" not in csv_text
        detail = reverse("grants:solicitation-detail", args=[never_sent.pk])
        assert client.get(detail).status_code == 404
        assert client.get(f"{detail}nofo").status_code == 404
        sent_detail = reverse("grants:solicitation-detail", args=[sent.pk])
        assert client.get(sent_detail).status_code == 200
    client.force_login(people["staff"])
    assert client.get(detail).status_code == 200


def test_a_site_administrator_sees_another_agencys_draft_only_once_it_is_circulated(
    client, people, clock
):
    """The secretariat (a site administrator of DOS) reads DOS's drafts and what was
    circulated, but HHS's draft is HHS's alone until HHS circulates it."""
    hhs_draft = make(people, title="HHS draft", status="draft")
    dos_draft = make(people, agency="DOS", title="DOS draft", status="draft")
    client.force_login(people["site_admin"])
    detail = reverse("grants:solicitation-detail", args=[hhs_draft.pk])
    assert client.get(detail).status_code == 404
    listing = client.get(reverse("grants:solicitation-list")).content.decode()
    assert "DOS draft" in listing
    assert "HHS draft" not in listing
    assert "HHS draft" not in client.get(reverse("grants:solicitation-csv")).content.decode()
    own = reverse("grants:solicitation-detail", args=[dos_draft.pk])
    assert client.get(own).status_code == 200

    client.force_login(people["staff"])
    client.post(
        reverse("grants:solicitation-circulate", args=[hhs_draft.pk]),
        {"version": hhs_draft.version, "deadline": "2026-12-31", "audience": "spog"},
    )
    client.force_login(people["site_admin"])
    assert client.get(detail).status_code == 200


def test_a_new_draft_does_not_plan_a_posting_on_a_day_that_has_passed(client, people, clock):
    client.force_login(people["staff"])
    response = client.post(
        reverse("grants:solicitation-create"), form_data(planned_post_date="2026-12-04")
    )
    assert response.status_code == 200
    assert "That day has passed" in " ".join(response.context["form"].errors["planned_post_date"])
    assert not Solicitation.objects.exists()


def test_a_comment_on_a_withdrawn_circulation_says_it_was_withdrawn(people, clock):
    from django.core.exceptions import ValidationError

    from grants import services as grants
    from pitf.circulation import services as circulation_services

    solicitation = grants.document_create(
        actor=people["staff"], model=Solicitation, **draft_values()
    )
    row = grants.document_circulate(
        actor=people["staff"],
        document=solicitation,
        expected_version=solicitation.version,
        deadline=datetime.date(2026, 12, 18),
    )
    circulation_services.circulation_withdraw(
        actor=people["staff"], circulation=row, expected_version=row.version, reason="Redone"
    )
    with pytest.raises(ValidationError) as refused:
        circulation_services.comment_add(
            actor=people["representative"],
            circulation=row,
            section="C",
            kind="question",
            text="Why?",
        )
    assert "withdrew this circulation" in str(refused.value)
    assert "deadline has passed" not in str(refused.value)


def test_the_reviewer_sees_the_document_beside_the_comment_form(client, people, clock):
    """The comment request shows the solicitation's facts and its draft NOFO to the agency asked,
    and the section field offers the sections of a notice of funding opportunity."""
    from grants import services as grants
    from pitf.circulation.models import Circulation

    solicitation = grants.document_create(
        actor=people["staff"], model=Solicitation, **draft_values()
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    grants.solicitation_attach_nofo(
        actor=people["staff"],
        solicitation=solicitation,
        expected_version=solicitation.version,
        upload=SimpleUploadedFile("nofo.pdf", b"%PDF-1.7\n%%EOF\n", "application/pdf"),
    )
    solicitation.refresh_from_db()
    grants.document_circulate(
        actor=people["staff"],
        document=solicitation,
        expected_version=solicitation.version,
        deadline=datetime.date(2026, 12, 18),
    )
    circulation = Circulation.objects.get()
    client.force_login(people["representative"])  # DHS, asked to comment
    page = client.get(reverse("circulation:detail", args=[circulation.pk]))
    html = page.content.decode()
    assert "The document" in html and "O-OVC-2027-000123" in html
    assert "$12,000,000.00" in html and "Services for Victims of Human Trafficking" in html
    nofo = reverse("grants:solicitation-nofo", args=[solicitation.pk])
    assert f'href="{nofo}"' in html
    assert client.get(nofo).status_code == 200  # the reviewer may download it
    assert '<datalist id="id_section-suggestions">' in html
    assert '<option value="Eligibility"></option>' in html
    assert 'list="id_section-suggestions"' in html


def test_the_owner_is_told_whom_the_circulation_reaches_before_and_after(client, people, clock):
    """In the test data only DHS has a representative in the SPOG: before circulating, the owner
    is told which member agencies nobody would hear of it at, or nobody could answer for; after,
    how many people were e-mailed; staff of an agency see who submits its answer, or that
    nobody can yet."""
    from pitf.models import Agency

    client.force_login(people["staff"])  # HHS
    client.post(reverse("grants:solicitation-create"), form_data())
    solicitation = Solicitation.objects.get()
    circulate = reverse("grants:solicitation-circulate", args=[solicitation.pk])
    page = client.get(circulate).content.decode()
    assert "Before you go on" in page
    unheard = page.split("nobody to receive it")[1].split("</p>")[0]
    assert "DOJ" in unheard and "DHS" not in unheard and "HHS" not in unheard
    response = client.post(
        circulate, {"version": 1, "deadline": "2026-12-18", "audience": "spog"}, follow=True
    )
    text = response.content.decode()
    assert "1 person was e-mailed" in text
    assert "Nobody was e-mailed at" in text
    circulation = Circulation.objects.get()
    client.force_login(UserFactory(agency=Agency.objects.get(acronym="DHS")))
    page = client.get(reverse("circulation:detail", args=[circulation.pk])).content.decode()
    assert "It is submitted by Riley Representative" in page
    client.force_login(UserFactory(agency=Agency.objects.get(acronym="DOJ")))
    page = client.get(reverse("circulation:detail", args=[circulation.pk])).content.decode()
    assert "Nobody may submit DOJ's answer yet" in page


def test_the_unfiltered_filter_form_is_kept_rendered_until_the_directory_changes(client, people):
    """The filter form of an unfiltered list is the same for everyone: the second request reads
    it, agencies' drop-down included, without reading the agencies; a new agency shows at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pitf.models import Agency

    client.force_login(people["staff"])
    url = reverse("grants:solicitation-list")
    first = client.get(url).content.decode()
    assert "Department of Homeland Security" in first
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url).content.decode()
    assert not [q for q in queries if 'FROM "pitf_agency" ORDER BY' in q["sql"]]
    form = second[second.index('id="filter-heading"') : second.index('id="results-heading"')]
    assert form == first[first.index('id="filter-heading"') : first.index('id="results-heading"')]
    Agency.objects.create(name="Office of the Newest Agency", acronym="ONA", kind="component")
    assert "Office of the Newest Agency" in client.get(url).content.decode()
    # A filtered list's form shows what was chosen: rendered for the request.
    chosen = client.get(url, {"geography": "Texas"}).content.decode()
    assert 'value="Texas"' in chosen
