"""The TIP Report data call: the chair's office opens it (the narrative's five sections),
assigns each section to agencies with a lead (their representatives told once), assigned
agencies contribute until it closes, those who have not are reminded once, the compiled draft is
read as a page and as Word, and circulated for review through the core's circulation."""

from __future__ import annotations

import datetime
import io

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pitf.circulation.models import Circulation
from pitf.concurrency import EditConflict
from pitf.models import Agency, Body, Notification
from pitf.workdays import EASTERN
from pitf.workflow import TransitionRefused
from spog.models import DataCall, Section
from spog.services import tip as services
from spog.tasks import remind_data_calls_due
from spog.tip import compiled_docx
from tests.factories import DesignationFactory, UserFactory

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2027, 1, 11, 9, 0, tzinfo=EASTERN)


@pytest.fixture
def tip_clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def call(people, tip_clock) -> DataCall:
    return services.data_call_open(
        actor=people["chairs_office"], report_year=2027, deadline=datetime.date(2027, 2, 12)
    )


def agency(acronym: str) -> Agency:
    return Agency.objects.get(acronym=acronym)


def section(call, kind: str) -> Section:
    return call.sections.get(kind=kind)


def assign(people, call, kind="prosecution", lead="DHS", others=("HHS",)) -> Section:
    row = section(call, kind)
    return services.section_assign(
        actor=people["chairs_office"],
        section=row,
        expected_version=row.version,
        lead=agency(lead),
        agencies=[agency(a) for a in others],
    )


def test_a_call_has_the_five_sections_and_is_opened_by_the_chair_office_once(people, call):
    assert [s.get_kind_display() for s in call.sections.all()] == [
        "Trafficking Profile",
        "Prosecution",
        "Protection",
        "Prevention",
        "Recommendations",
    ]
    with pytest.raises(ValidationError, match="already open"):
        services.data_call_open(
            actor=people["chairs_office"], report_year=2027, deadline=datetime.date(2027, 3, 1)
        )
    with pytest.raises(ValidationError, match="That day has passed"):
        services.data_call_open(
            actor=people["chairs_office"], report_year=2028, deadline=datetime.date(2027, 1, 1)
        )
    with pytest.raises(PermissionDenied):
        services.data_call_open(
            actor=people["representative"], report_year=2028, deadline=datetime.date(2027, 3, 1)
        )


def test_assigning_tells_each_newly_assigned_agency_once(people, call):
    doj_rep = UserFactory(agency=agency("DOJ"))
    DesignationFactory(
        person=doj_rep,
        agency=doj_rep.agency,
        body=Body.objects.get(short_name="spog"),
        start_date=datetime.date(2020, 1, 1),
    )
    assigned = assign(people, call)
    assert set(assigned.agencies.values_list("acronym", flat=True)) == {"DHS", "HHS"}
    told = Notification.objects.filter(kind="spog.tip_assigned")
    assert [n.recipient for n in told] == [people["representative"].email]
    assert "your agency is asked for “Prosecution”" in told.get().subject
    assign(people, call, others=("HHS", "DOJ"))
    assert sorted(told.values_list("recipient", flat=True)) == sorted(
        [people["representative"].email, doj_rep.email]
    )


def test_only_assigned_agencies_contribute_while_the_call_is_open(people, call, client):
    prosecution = assign(people, call)
    with pytest.raises(PermissionDenied):
        services.contribution_save(
            actor=people["chairs_office"], section=prosecution, text="DOS text"
        )
    with pytest.raises(ValidationError, match="Write your agency's contribution"):
        services.contribution_save(actor=people["staff"], section=prosecution, text=" ")
    first = services.contribution_save(
        actor=people["staff"], section=prosecution, text="## HHS\n\nCertification letters."
    )
    services.contribution_save(
        actor=people["staff"],
        section=prosecution,
        text="Certification letters: 1,100.",
        expected_version=first.version,
    )
    with pytest.raises(EditConflict):
        services.contribution_save(
            actor=people["staff"], section=prosecution, text="Old", expected_version=1
        )
    client.force_login(people["chairs_office"])
    url = reverse("spog:section-contribute", args=[prosecution.pk])
    assert client.get(url).status_code == 404  # DOS is not assigned
    call.refresh_from_db()
    services.data_call_close(
        actor=people["chairs_office"], call=call, expected_version=call.version
    )
    with pytest.raises(TransitionRefused):
        services.contribution_save(
            actor=people["staff"], section=prosecution, text="Late", expected_version=2
        )


def test_the_reminder_reaches_only_agencies_that_have_not_contributed_once(people, call, tip_clock):
    hhs_rep = UserFactory(agency=agency("HHS"))
    DesignationFactory(
        person=hhs_rep,
        agency=hhs_rep.agency,
        body=Body.objects.get(short_name="spog"),
        start_date=datetime.date(2020, 1, 1),
    )
    prosecution = assign(people, call)
    services.contribution_save(actor=people["staff"], section=prosecution, text="HHS text")
    assert remind_data_calls_due() == 0
    tip_clock.move_to(datetime.datetime(2027, 2, 8, 9, 0, tzinfo=EASTERN))
    assert remind_data_calls_due() == 1
    assert remind_data_calls_due() == 0
    reminded = Notification.objects.filter(kind="spog.tip_reminder")
    assert [n.recipient for n in reminded] == [people["representative"].email]


def test_the_compiled_draft_attributes_each_contribution_and_downloads_as_word(
    people, call, client
):
    from docx import Document

    prosecution = assign(people, call)
    services.contribution_save(
        actor=people["representative"],
        section=prosecution,
        text="## Investigations\n\n- 1,200 cases opened\n\n<script>alert(1)</script>",
        data="Cases opened: 1,200 (ICE HSI)",
    )
    services.contribution_save(actor=people["staff"], section=prosecution, text="HHS support.")
    document = Document(io.BytesIO(compiled_docx(call)))
    headings = [(p.style.name, p.text) for p in document.paragraphs if "Heading" in p.style.name]
    assert ("Heading 1", "Prosecution") in headings
    dhs_at = headings.index(("Heading 2", "Contributed by Department of Homeland Security"))
    hhs_at = headings.index(("Heading 2", "Contributed by Department of Health and Human Services"))
    assert dhs_at < hhs_at  # the lead agency first
    assert ("Heading 2", "Investigations") in headings
    assert document.sections[0].header.paragraphs[0].text == "PRE-DECISIONAL / DELIBERATIVE"
    client.force_login(people["chairs_office"])
    page = client.get(reverse("spog:datacall-compiled", args=[call.pk])).content.decode()
    assert "<li>1,200 cases opened</li>" in page
    assert "<script>alert(1)</script>" not in page
    download = client.get(reverse("spog:datacall-docx", args=[call.pk]))
    assert download["Content-Disposition"] == (
        'attachment; filename="tip-report-2027-compiled.docx"'
    )
    client.force_login(people["staff"])
    assert client.get(reverse("spog:datacall-compiled", args=[call.pk])).status_code == 403


def test_the_compiled_draft_is_circulated_for_review(people, call, client):
    prosecution = assign(people, call)
    services.contribution_save(actor=people["staff"], section=prosecution, text="HHS support.")
    call.refresh_from_db()
    with pytest.raises(TransitionRefused):
        services.data_call_circulate(
            actor=people["chairs_office"],
            call=call,
            expected_version=call.version,
            deadline=datetime.date(2027, 1, 22),
        )
    call = services.data_call_close(
        actor=people["chairs_office"], call=call, expected_version=call.version
    )
    started = services.data_call_circulate(
        actor=people["chairs_office"],
        call=call,
        expected_version=call.version,
        deadline=datetime.date(2027, 1, 22),
    )
    call.refresh_from_db()
    assert call.status == "circulated"
    assert Circulation.objects.get() == started
    assert started.title == "2027 TIP Report: compiled U.S. narrative"
    assert "DHS" in set(started.recipients.values_list("agency__acronym", flat=True))
    client.force_login(people["representative"])
    page = client.get(reverse("circulation:detail", args=[started.pk])).content.decode()
    assert "HHS support." in page


def test_my_page_says_what_the_agency_owes_and_the_dashboard_shows_each_agency(
    people, call, client
):
    from spog.services import cycles

    opened = cycles.cycle_open(
        actor=people["chairs_office"],
        fiscal_year=2027,
        period="q2",
        due_date=datetime.date(2027, 4, 30),
    )
    assign(people, call, lead="HHS", others=())
    client.force_login(people["staff"])  # HHS
    page = client.get(reverse("my-page")).content.decode()
    assert "What your agency owes the SPOG" in page
    assert "Accomplishment report, FY 2027, second quarter" in page
    assert "2027 TIP Report, “Prosecution”" in page
    assert client.get(reverse("spog:dashboard")).status_code == 403
    client.force_login(people["chairs_office"])
    dashboard = client.get(reverse("spog:dashboard")).content.decode()
    assert f'href="{reverse("spog:cycle", args=[opened.pk])}"' in dashboard
    assert "Not started: " in dashboard
    assert "HHS <strong>not started</strong>" in dashboard
