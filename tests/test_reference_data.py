"""The reference data loader: loads the brief's data, twice changes nothing, and a malformed
file is refused with its file, line and field while nothing is loaded."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from pitf import reference_data
from pitf.models import Agency, Body, Membership

pytestmark = pytest.mark.django_db


def counts():
    return Agency.objects.count(), Body.objects.count(), Membership.objects.count()


def test_loads_the_bodies_and_agencies_of_the_brief():
    reference_data.load()
    spog = Body.objects.get(short_name="spog")
    assert spog.cadence == Body.Cadence.QUARTERLY
    assert spog.parent.short_name == "pitf"
    assert spog.chair_title == "Ambassador-at-Large to Monitor and Combat Trafficking in Persons"
    pitf = Body.objects.get(short_name="pitf")
    assert (pitf.chair_title, pitf.cadence) == ("Secretary of State", Body.Cadence.ANNUAL)
    committees = Body.objects.filter(kind=Body.Kind.STANDING_COMMITTEE, parent=spog)
    assert sorted(committees.values_list("name", flat=True)) == [
        "Grantmaking Committee",
        "Public Affairs Committee",
        "Research & Data Committee",
    ]
    assert Body.objects.filter(kind=Body.Kind.WORKING_GROUP, parent=spog).count() == 3
    assert Agency.objects.get(acronym="FBI").parent.acronym == "DOJ"
    dot = Membership.objects.get(agency__acronym="DOT", body=spog)
    assert dot.start_date == datetime.date(2011, 1, 1)


def test_running_twice_changes_nothing():
    reference_data.load()
    before = counts()
    Agency.objects.filter(acronym="DOS").update(website="https://edited.example.gov")
    report = reference_data.load()
    assert counts() == before
    assert sum(report.created.values()) == 0 and sum(report.updated.values()) == 0
    # An edit made in the product survives a reload.
    assert Agency.objects.get(acronym="DOS").website == "https://edited.example.gov"


def test_update_restores_what_the_file_says():
    reference_data.load()
    Agency.objects.filter(acronym="DOS").update(website="https://edited.example.gov")
    report = reference_data.load(update=True)
    assert report.updated["agency"] == 1
    assert Agency.objects.get(acronym="DOS").website == "https://www.state.gov"


def test_command_reports_what_it_did(capsys):
    call_command("load_reference_data")
    assert "agency: 17 created" in capsys.readouterr().out


GOOD_HEAD = """\
agencies:
  - acronym: AAA
    name: Alpha Agency
    kind: independent_agency
"""


@pytest.mark.parametrize(
    ("body", "line", "field", "message"),
    [
        ("  - acronym: BBB\n    name: Beta\n    kind: ministry\n", 5, "kind", "must be one of"),
        ("  - acronym: BBB\n    kind: component\n", 5, "name", "is required"),
        ("  - acronym: AAA\n    name: Again\n    kind: component\n", 5, "acronym", "appears twice"),
        (
            "  - acronym: BBB\n    name: B\n    kind: component\n    parent: ZZZ\n",
            5,
            "parent",
            "ZZZ",
        ),
        (
            "  - acronym: BBB\n    name: B\n    kind: component\n    colour: red\n",
            5,
            "colour",
            "not a known",
        ),
        (
            "memberships:\n  - bodies: [nope]\n    agencies: [AAA]\n    start_date: 2010-01-01\n",
            6,
            "bodies",
            "'nope' is not a listed body",
        ),
        (
            "bodies:\n  - short_name: wg\n    name: WG\n    kind: working_group\n"
            "    established: 2012-05-01\n    sunset: 2011-01-01\n",
            6,
            "sunset",
            "cannot be before",
        ),
        (
            "bodies:\n  - short_name: wg\n    name: WG\n    kind: working_group\n"
            "    established: May 2012\n",
            6,
            "established",
            "YYYY-MM-DD",
        ),
    ],
)
def test_malformed_file_is_refused_with_file_line_and_field(tmp_path, body, line, field, message):
    path = tmp_path / "reference.yaml"
    path.write_text(GOOD_HEAD + body)
    with pytest.raises(CommandError) as error:
        call_command("load_reference_data", file=path)
    text = str(error.value)
    assert text.startswith("Nothing was loaded.")
    assert f"{path}, line {line}, field '{field}'" in text
    assert message in text
    assert counts() == (0, 0, 0)


def test_invalid_yaml_names_the_line(tmp_path):
    path = tmp_path / "reference.yaml"
    path.write_text(GOOD_HEAD + "  - acronym: [unclosed\n")
    with pytest.raises(reference_data.ReferenceDataError) as error:
        reference_data.load(path)
    assert error.value.line is not None and error.value.line >= 5
    assert "not valid YAML" in str(error.value)
    assert counts() == (0, 0, 0)


def test_error_late_in_the_file_loads_nothing(tmp_path):
    """Every row before the bad one is valid; still nothing reaches the database."""
    path = tmp_path / "reference.yaml"
    text = reference_data.DEFAULT_PATH.read_text()
    path.write_text(text + "  - bodies: [spog]\n    agencies: [DOT]\n    start_date: someday\n")
    with pytest.raises(reference_data.ReferenceDataError, match="start_date"):
        reference_data.load(path)
    assert counts() == (0, 0, 0)


def test_missing_file_is_named(tmp_path):
    path = tmp_path / "absent.yaml"
    with pytest.raises(reference_data.ReferenceDataError, match="absent.yaml: cannot be read"):
        reference_data.load(path)


def test_shipped_file_dates_match_the_seed():
    data = reference_data.parse(reference_data.DEFAULT_PATH)
    start = {(m["body"], m["agency"]): m["start_date"] for m in data["memberships"]}
    for acronym in ("USDA", "EEOC", "DOI"):
        assert start[("spog", acronym)].year == 2010
    assert start[("spog", "DOT")].year == 2011
    assert data["bodies"]["pitf"]["cadence"] == "annual"
    assert data["bodies"]["spog"]["cadence"] == "quarterly"
