"""Statistics of the Research & Data Committee: indicators defined by its offices (and the SPOG
chair's office), values entered by an agency for itself or imported from CSV (all or nothing,
each error named by row and column; importing the same file again changes nothing), the table
and chart over the years and the CSV export."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pitf.models import Agency, Body, BodyRole
from spog.models import Indicator, IndicatorValue
from spog.services import statistics as services
from tests.factories import BodyRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee_office(people):
    person = UserFactory(agency=Agency.objects.get(acronym="DOJ"), full_name="Robin Research")
    BodyRoleFactory(
        person=person,
        body=Body.objects.get(short_name="research-data"),
        role=BodyRole.Role.CHAIRS_OFFICE,
        start_date=datetime.date(2020, 1, 1),
    )
    return person


@pytest.fixture
def indicator(committee_office) -> Indicator:
    return services.indicator_create(
        actor=committee_office,
        name="Victims served",
        unit="victims",
        definition="People identified as victims of trafficking who received services.",
        owning_agency=Agency.objects.get(acronym="HHS"),
        source="Agency program data",
    )


def test_only_the_committee_and_the_chair_office_define_indicators(people, indicator):
    assert Indicator.objects.get().created_by.full_name == "Robin Research"
    for role in ("staff", "representative", "chair"):
        with pytest.raises(PermissionDenied):
            services.indicator_create(
                actor=people[role],
                name=f"By {role}",
                unit="x",
                definition="x",
                owning_agency=Agency.objects.get(acronym="HHS"),
                source="x",
            )
    services.indicator_create(
        actor=people["chairs_office"],
        name="Trafficking cases",
        unit="cases",
        definition="Cases opened.",
        owning_agency=Agency.objects.get(acronym="DOJ"),
        source="Case records",
    )


def test_an_agency_enters_its_own_value_and_no_other(people, indicator):
    hhs, dhs = Agency.objects.get(acronym="HHS"), Agency.objects.get(acronym="DHS")
    services.value_record(
        actor=people["staff"], indicator=indicator, agency=hhs, fiscal_year=2026, value=120
    )
    services.value_record(
        actor=people["staff"], indicator=indicator, agency=hhs, fiscal_year=2026, value=125
    )
    assert IndicatorValue.objects.get().value == 125
    with pytest.raises(PermissionDenied):
        services.value_record(
            actor=people["staff"], indicator=indicator, agency=dhs, fiscal_year=2026, value=5
        )


def upload(rows) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def test_a_csv_with_errors_imports_nothing_and_names_each_row_and_column(
    committee_office, indicator
):
    with pytest.raises(ValidationError) as refused:
        services.values_import(
            actor=committee_office, text=upload([["indicator", "agency", "year", "value"]])
        )
    assert "Row 1: the header must be indicator,agency,fiscal_year,value" in str(refused.value)
    text = upload(
        [
            ["indicator", "agency", "fiscal_year", "value"],
            ["Victims served", "HHS", "2026", "120"],
            ["Victims served", "XYZ", "2026", "3"],
            ["Trafficking cases", "DOJ", "2026", "40"],
            ["Victims served", "DHS", "2026", "many"],
            ["Victims served", "DOJ", "2026", "-4"],
            ["Victims served", "HHS", "2026", "121"],
        ]
    )
    with pytest.raises(ValidationError) as refused:
        services.values_import(actor=committee_office, text=text)
    assert refused.value.messages == [
        "Nothing was imported.",
        "Row 3, column agency: no agency has the acronym “XYZ”.",
        "Row 4, column indicator: no indicator is named “Trafficking cases”.",
        "Row 5, column value: “many” is not a number of zero or more.",
        "Row 6, column value: “-4” is not a number of zero or more.",
        "Row 7: the same indicator, agency and fiscal year as row 2.",
    ]
    assert not IndicatorValue.objects.exists()


def test_importing_the_same_file_again_changes_nothing(committee_office, indicator):
    rows = [["indicator", "agency", "fiscal_year", "value"]] + [
        ["Victims served", acronym, str(year), str(10 * year - 20000)]
        for acronym in ("HHS", "DHS", "DOJ")
        for year in (2024, 2025, 2026)
    ]
    first = services.values_import(actor=committee_office, text="\ufeff" + upload(rows))
    assert (first.created, first.updated) == (9, 0)
    again = services.values_import(actor=committee_office, text=upload(rows))
    assert (again.created, again.updated) == (0, 0)
    rows[1][3] = "999"
    changed = services.values_import(actor=committee_office, text=upload(rows))
    assert (changed.created, changed.updated) == (0, 1)
    assert IndicatorValue.objects.count() == 9


def test_the_pages_show_the_table_and_chart_import_and_export(client, committee_office, indicator):
    client.force_login(committee_office)
    answer = client.post(
        reverse("spog:statistics-import"),
        {
            "file": SimpleUploadedFile(
                "values.csv", b"indicator,agency,fiscal_year,value\nVictims served,HHS,2026,x\n"
            )
        },
    )
    assert "Row 2, column value: “x” is not a number of zero or more." in answer.content.decode()
    answer = client.post(
        reverse("spog:statistics-import"),
        {
            "file": SimpleUploadedFile(
                "values.csv",
                b"indicator,agency,fiscal_year,value\n"
                b"Victims served,HHS,2025,100\nVictims served,HHS,2026,120\n"
                b"Victims served,DHS,2026,30\n",
            )
        },
        follow=True,
    )
    assert "Imported: 3 new values, 0 changed." in answer.content.decode()
    page = client.get(reverse("spog:indicator", args=[indicator.pk])).content.decode()
    assert '<th scope="col">FY 2026</th>' in page
    assert "<strong>150</strong>" in page  # the year's total
    assert (
        'alt="Bar chart, victims served, all agencies, by fiscal year. FY 2025: 100; FY 2026: 150."'
        in page
    )
    exported = client.get(reverse("spog:statistics-csv"))
    lines = b"".join(exported.streaming_content if exported.streaming else [exported.content])
    rows = list(csv.reader(io.StringIO(lines.decode("utf-8-sig"))))
    assert rows[0] == ["indicator", "agency", "fiscal_year", "value", "unit"]
    assert ["Victims served", "DHS", "2026", "30.00", "victims"] in rows


def test_an_indicator_page_makes_the_same_queries_at_two_sizes(client, people, indicator):
    hhs = Agency.objects.get(acronym="HHS")
    services.value_record(
        actor=people["staff"], indicator=indicator, agency=hhs, fiscal_year=2026, value=1
    )
    client.force_login(people["staff"])
    url = reverse("spog:indicator", args=[indicator.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for agency in Agency.objects.exclude(pk=hhs.pk)[:8]:
        for year in (2022, 2023, 2024, 2025):
            IndicatorValue.objects.create(
                indicator=indicator,
                agency=agency,
                fiscal_year=year,
                value=3,
                entered_by=people["site_admin"],
            )
    with CaptureQueriesContext(connection) as large:
        page = client.get(url)
    assert "FY 2022" in page.content.decode()
    assert len(large) == len(small)
