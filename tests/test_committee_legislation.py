"""The legislation working group's tracker of bills: bill status XML (GPO's BILLSTATUS schema)
imported once and again without change, a file not of the schema or cut short refused with its
line and nothing imported; each agency's view given by its own staff; the consolidated views as
Word with the marking; a bill circulated to the working group's agencies for views."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from committees.bills import parse_bill_status
from committees.models import AgencyView, Bill
from committees.services import legislation as services
from pitf.circulation.models import Circulation
from pitf.models import Agency, Body, Membership
from tests.committee_fixtures import START
from tests.factories import BodyRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def bill_status(
    number: int,
    *,
    title: str = "Trafficking Survivors Relief Act",
    action: str = "Referred to the Committee on the Judiciary.",
    older: bool = False,
) -> bytes:
    """A bill status file as GPO publishes it (the current schema, or the earlier one)."""
    number_tag, type_tag = ("billNumber", "billType") if older else ("number", "type")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<billStatus>
  <version>3.0.0</version>
  <bill>
    <{number_tag}>{number}</{number_tag}>
    <updateDate>2026-11-02T08:05:17Z</updateDate>
    <{type_tag}>HR</{type_tag}>
    <introducedDate>2025-03-04</introducedDate>
    <congress>119</congress>
    <committees>
      <item><systemCode>hsju00</systemCode><name>Judiciary Committee</name><chamber>House</chamber></item>
    </committees>
    <sponsors>
      <item><bioguideId>S000522</bioguideId><fullName>Rep. Smith, Christopher H. [R-NJ-4]</fullName></item>
    </sponsors>
    <title>{title}</title>
    <latestAction>
      <actionDate>2025-03-04</actionDate>
      <text>{action}</text>
    </latestAction>
  </bill>
</billStatus>
""".encode()


@pytest.fixture
def group(reference):
    body = Body.objects.get(short_name="legislation")
    agencies = {a.acronym: a for a in Agency.objects.filter(acronym__in=["DHS", "HHS", "DOJ"])}
    for acronym in ("DHS", "HHS", "DOJ"):
        Membership.objects.create(agency=agencies[acronym], body=body, start_date=START)
    people = {
        "DHS": UserFactory(agency=agencies["DHS"]),
        "HHS": UserFactory(agency=agencies["HHS"]),
        "office": UserFactory(agency=agencies["DOJ"]),
        "outsider": UserFactory(agency=Agency.objects.get(acronym="DOS")),
    }
    BodyRoleFactory(person=people["office"], body=body, start_date=START)
    return body, agencies, people


def test_the_current_and_the_earlier_schema_are_read():
    facts = parse_bill_status(bill_status(1234))
    assert (facts.congress, facts.bill_type, facts.number) == (119, "hr", 1234)
    assert facts.sponsor == "Rep. Smith, Christopher H. [R-NJ-4]"
    assert facts.committees == "Judiciary Committee"
    assert facts.link == "https://www.congress.gov/bill/119th-congress/house-bill/1234"
    assert parse_bill_status(bill_status(77, older=True)).number == 77


def test_an_import_loads_each_bill_once_and_again_changes_nothing(client, group):
    _, _, people = group
    files = [
        ("BILLSTATUS-119hr1234.xml", bill_status(1234)),
        ("BILLSTATUS-119hr88.xml", bill_status(88)),
    ]
    result = services.bills_import(actor=people["office"], files=files)
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    again = services.bills_import(actor=people["office"], files=files)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Bill.objects.count() == 2
    moved = services.bills_import(
        actor=people["office"],
        files=[("BILLSTATUS-119hr88.xml", bill_status(88, action="Passed the House."))],
    )
    assert moved.updated == 1
    assert Bill.objects.get(number=88).latest_action == "Passed the House."
    with pytest.raises(PermissionDenied):
        services.bills_import(actor=people["DHS"], files=files)
    # Through the page, several files at once.
    client.force_login(people["office"])
    answer = client.post(
        reverse("committees:bill-import"),
        {
            "files": [
                SimpleUploadedFile("a.xml", bill_status(1234)),
                SimpleUploadedFile("b.xml", bill_status(5)),
            ]
        },
        follow=True,
    )
    assert "Imported: 1 new, 0 brought up to date, 1 unchanged." in answer.content.decode()


def test_a_file_not_of_the_schema_or_cut_short_is_refused_and_nothing_imported(client, group):
    _, _, people = group
    good = ("good.xml", bill_status(1234))
    cut = ("cut.xml", bill_status(99)[:300])
    other = ("other.xml", b"<?xml version='1.0'?>\n<rss><channel/></rss>\n")
    with pytest.raises(ValidationError) as refused:
        services.bills_import(actor=people["office"], files=[good, cut, other])
    messages = refused.value.messages
    assert messages[0].startswith("cut.xml, line ") and "cut short" in messages[0]
    assert (
        messages[1]
        == "other.xml, line 2: the file is <rss>, not a bill status file (<billStatus>)."
    )
    assert not Bill.objects.exists()
    with pytest.raises(Exception, match="Nothing imported"):
        import tempfile
        from pathlib import Path

        folder = Path(tempfile.mkdtemp())
        (folder / "cut.xml").write_bytes(cut[1])
        call_command("import_bill_status", str(folder / "cut.xml"))
    out = io.StringIO()
    with __import__("tempfile").NamedTemporaryFile(suffix=".xml") as handle:
        handle.write(bill_status(1234))
        handle.flush()
        call_command("import_bill_status", handle.name, stdout=out)
        call_command("import_bill_status", handle.name, stdout=out)
    assert (
        "Imported: 1 new" in out.getvalue()
        and "0 new, 0 brought up to date, 1 unchanged" in out.getvalue()
    )


def test_each_agency_gives_its_own_view_and_the_views_come_out_as_word(client, group):
    _, agencies, people = group
    bill = Bill.objects.create(congress=119, bill_type="hr", number=1234, title="Relief Act")
    services.view_write(
        actor=people["DHS"], bill=bill, agency=agencies["DHS"], expected_version=0,
        position="support",
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.view_write(
            actor=people["HHS"], bill=bill, agency=agencies["DHS"], expected_version=1,
            position="oppose",
        )  # fmt: skip
    client.force_login(people["HHS"])
    answer = client.post(
        reverse("committees:bill-view", args=[bill.pk]), {"position": "technical", "version": 0}
    )
    assert "Write the technical comments." in answer.content.decode()
    client.post(
        reverse("committees:bill-view", args=[bill.pk]),
        {"position": "technical", "comments": "Section 3 should name HHS's program.", "version": 0},
    )
    assert AgencyView.objects.get(agency=agencies["HHS"]).position == "technical"
    assert AgencyView.objects.get(agency=agencies["DHS"]).position == "support"
    page = client.get(reverse("committees:bill", args=[bill.pk])).content.decode()
    assert "No view given" in page  # DOJ
    answer = client.get(reverse("committees:bill-docx", args=[bill.pk]))
    document = docx.Document(io.BytesIO(answer.content))
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert rows[1:] == [
        ["Department of Homeland Security (DHS)", "Support", ""],
        ["Department of Justice (DOJ)", "No view given", ""],
        [
            "Department of Health and Human Services (HHS)",
            "Technical comments",
            "Section 3 should name HHS's program.",
        ],
    ]
    assert document.sections[0].header.paragraphs[0].text.strip()
    workspace = client.get(reverse("committees:workspace", args=["legislation"]))
    assert "Bills the working group follows" in workspace.content.decode()
    client.force_login(people["outsider"])
    assert client.get(reverse("committees:bill", args=[bill.pk])).status_code == 404


def test_the_office_circulates_a_bill_to_the_agencies_for_views(client, group):
    _, _, people = group
    bill = Bill.objects.create(congress=119, bill_type="s", number=567, title="Supply Chains Act")
    client.force_login(people["office"])
    answer = client.post(
        reverse("committees:bill-circulate", args=[bill.pk]),
        {"deadline": "2027-03-12"},
        follow=True,
    )
    text = answer.content.decode()
    assert "is circulated to the agencies for their views until March 12, 2027" in text
    started = Circulation.objects.get()
    assert sorted(started.recipients.values_list("agency__acronym", flat=True)) == ["DHS", "HHS"]
    client.force_login(people["HHS"])
    request = client.get(reverse("circulation:detail", args=[started.pk])).content.decode()
    assert "Supply Chains Act" in request and "Give your agency's position" in request
