"""Accomplishment reporting: the chair's office opens a cycle (a report per participating
agency, their representatives told once), agency staff write entries against the objectives,
the representative submits, the chair's office returns or accepts, every submission is kept;
reminders reach only the agencies that owe their report; another agency's report is 404."""

from __future__ import annotations

import datetime
import decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pitf.concurrency import EditConflict
from pitf.models import Agency, Body, Membership, Notification
from pitf.workdays import EASTERN
from pitf.workflow import TransitionRefused
from spog import services
from spog.models import Category, Entry, Objective, ReportingCycle
from spog.reference import load_plans
from spog.tasks import remind_reports_due
from tests.factories import UserFactory
from tests.spog_fixtures import dhs_report, objective, training

pytestmark = pytest.mark.django_db


def test_the_shipped_plan_has_the_four_priorities_and_loads_once(db):
    import io

    from django.core.management import call_command

    output = io.StringIO()
    call_command("load_reference_data", stdout=output)
    assert "plans of priorities: 1 created" in output.getvalue()
    load_plans()
    objectives = Objective.objects.select_related("priority__plan")
    assert sorted({o.priority.name for o in objectives}) == [
        "Procurement and supply chains",
        "Public awareness and outreach",
        "Rule of law",
        "Victim services",
    ]
    assert objective("3.1").priority.name == "Procurement and supply chains"
    assert objectives.count() == 13


def test_opening_a_cycle_gives_each_spog_member_a_report_and_tells_its_representatives(
    people, cycle
):
    members = set(
        Membership.objects.filter(
            body__short_name="spog", status=Membership.Status.MEMBER, agency__active=True
        )
        .current_on(cycle.due_date)
        .values_list("agency__acronym", flat=True)
    )
    assert set(cycle.reports.values_list("agency__acronym", flat=True)) == members
    assert "OBS" not in members  # an invited observer does not report
    assert (cycle.start_date, cycle.end_date) == (
        datetime.date(2026, 10, 1),
        datetime.date(2026, 12, 31),
    )
    opened = Notification.objects.filter(kind="spog.cycle_opened")
    assert [n.recipient for n in opened] == [people["representative"].email]
    assert "due January 29, 2027: FY 2027, first quarter" in opened.get().subject


def test_a_cycle_is_refused_when_due_before_its_period_or_opened_twice(people, cycle):
    with pytest.raises(ValidationError) as refused:
        services.cycle_open(
            actor=people["chairs_office"],
            fiscal_year=2027,
            period="q3",
            due_date=datetime.date(2027, 3, 31),
        )
    assert "before the period starts (April 1, 2027)" in str(refused.value)
    with pytest.raises(ValidationError, match="already open"):
        services.cycle_open(
            actor=people["chairs_office"],
            fiscal_year=2027,
            period="q1",
            due_date=datetime.date(2027, 2, 1),
        )
    with pytest.raises(PermissionDenied):
        services.cycle_open(
            actor=people["representative"],
            fiscal_year=2027,
            period="q2",
            due_date=datetime.date(2027, 4, 30),
        )
    assert ReportingCycle.objects.count() == 1


def test_an_entry_needs_an_objective_and_its_categorys_figures(cycle, drafter):
    report = dhs_report(cycle)
    with pytest.raises(ValidationError) as refused:
        training(drafter, report, objectives=[], people_trained=None, audience="")
    errors = refused.value.message_dict
    assert errors["objectives"] == ["Choose at least one objective the entry serves."]
    assert errors["people_trained"] == ["Trainings need “people trained”."]
    assert errors["audience"] == ["Trainings need “Who was trained”."]
    with pytest.raises(ValidationError) as refused:
        training(
            drafter,
            report,
            category=Category.GRANTS,
            funds_awarded=decimal.Decimal("-5"),
        )
    assert "funds_awarded" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        training(drafter, report, end_date=datetime.date(2026, 10, 1))
    assert refused.value.message_dict["end_date"] == ["It ends on or after the day it began."]
    assert not Entry.objects.exists()


def test_staff_draft_the_representative_submits_the_office_returns_then_accepts(
    people, cycle, drafter
):
    report = dhs_report(cycle)
    entry = training(drafter, report)
    with pytest.raises(PermissionDenied):
        services.report_submit(actor=drafter, report=report, expected_version=report.version)
    with pytest.raises(PermissionDenied):
        training(people["chairs_office"], report)
    first = services.report_submit(
        actor=people["representative"], report=report, expected_version=report.version
    )
    report.refresh_from_db()
    assert (report.status, first.number) == ("submitted", 1)
    assert first.entries[0]["title"] == "Victim identification for port officers"
    with pytest.raises(TransitionRefused):
        training(drafter, report, title="Late addition")

    with pytest.raises(ValidationError, match="what the agency should change"):
        services.report_return(
            actor=people["chairs_office"],
            report=report,
            expected_version=report.version,
            comments=" ",
        )
    services.report_return(
        actor=people["chairs_office"],
        report=report,
        expected_version=report.version,
        comments="Say which ports.",
    )
    report.refresh_from_db()
    assert report.status == "returned"
    returned = Notification.objects.get(kind="spog.report_reviewed")
    assert returned.recipient == people["representative"].email
    assert returned.subject.startswith("Returned: DHS's accomplishment report")

    services.entry_edit(
        actor=drafter,
        entry=entry,
        expected_version=entry.version,
        objectives=[objective("1.2")],
        description="Two-day course at Miami, Houston, Newark, Seattle and San Diego.",
    )
    second = services.report_submit(
        actor=people["representative"], report=report, expected_version=report.version
    )
    assert second.number == 2
    assert "Miami" in second.entries[0]["description"]
    first.refresh_from_db()
    assert "Miami" not in first.entries[0]["description"]  # every version kept as it was
    report.refresh_from_db()
    services.report_accept(
        actor=people["chairs_office"], report=report, expected_version=report.version
    )
    report.refresh_from_db()
    assert report.status == "accepted"
    with pytest.raises(TransitionRefused):
        services.entry_remove(actor=drafter, entry=entry)


def test_an_empty_report_is_not_submitted(people, cycle):
    report = dhs_report(cycle)
    with pytest.raises(ValidationError, match="at least one entry"):
        services.report_submit(
            actor=people["representative"], report=report, expected_version=report.version
        )


def test_two_people_changing_one_entry_do_not_overwrite_each_other(cycle, drafter):
    entry = training(drafter, dhs_report(cycle))
    stale = entry.version
    services.entry_edit(
        actor=drafter, entry=entry, expected_version=stale, objectives=[objective()], title="A"
    )
    with pytest.raises(EditConflict):
        services.entry_edit(
            actor=drafter, entry=entry, expected_version=stale, objectives=[objective()], title="B"
        )
    entry.refresh_from_db()
    assert entry.title == "A"


def test_a_shared_entry_is_confirmed_by_its_partner_and_asked_again_after_a_change(
    people, cycle, drafter
):
    hhs = Agency.objects.get(acronym="HHS")
    entry = training(drafter, dhs_report(cycle), partners=[hhs])
    partner = entry.partners.get()
    with pytest.raises(PermissionDenied):
        services.partner_confirm(actor=drafter, partner=partner)
    services.partner_confirm(actor=people["staff"], partner=partner)
    partner.refresh_from_db()
    assert partner.confirmed_by == people["staff"]
    entry.refresh_from_db()
    services.entry_edit(
        actor=drafter,
        entry=entry,
        expected_version=entry.version,
        objectives=[objective()],
        partners=[hhs],
        people_trained=260,
    )
    partner.refresh_from_db()
    assert partner.confirmed_at is None
    with pytest.raises(ValidationError, match="Partners are other agencies"):
        training(drafter, dhs_report(cycle), partners=[Agency.objects.get(acronym="DHS")])


def test_an_entry_is_copied_forward_from_the_previous_cycle(
    people, cycle, drafter, reporting_clock
):
    earlier = training(drafter, dhs_report(cycle), partners=[Agency.objects.get(acronym="HHS")])
    reporting_clock.move_to(datetime.datetime(2027, 4, 5, 9, 0, tzinfo=EASTERN))
    following = services.cycle_open(
        actor=people["chairs_office"],
        fiscal_year=2027,
        period="q2",
        due_date=datetime.date(2027, 4, 30),
    )
    report = dhs_report(following)
    copy = services.entry_copy_forward(actor=drafter, entry=earlier, report=report)
    assert (copy.report, copy.copied_from, copy.title) == (report, earlier, earlier.title)
    assert list(copy.objectives.all()) == [objective("1.2")]
    assert copy.partners.get().confirmed_at is None
    with pytest.raises(ValidationError, match="earlier cycle"):
        services.entry_copy_forward(actor=drafter, entry=copy, report=dhs_report(cycle))


def test_the_reminder_reaches_only_agencies_that_owe_their_report_once(
    people, cycle, drafter, reporting_clock
):
    hhs_rep = UserFactory(agency=Agency.objects.get(acronym="HHS"), full_name="Hana HHS")
    from tests.factories import DesignationFactory

    DesignationFactory(
        person=hhs_rep,
        agency=hhs_rep.agency,
        body=Body.objects.get(short_name="spog"),
        start_date=datetime.date(2020, 1, 1),
    )
    report = dhs_report(cycle)
    training(drafter, report)
    services.report_submit(
        actor=people["representative"], report=report, expected_version=report.version
    )
    assert remind_reports_due() == 0  # not yet: a week before the due date
    reporting_clock.move_to(datetime.datetime(2027, 1, 22, 9, 0, tzinfo=EASTERN))
    assert remind_reports_due() == 1
    assert remind_reports_due() == 0
    reminded = Notification.objects.filter(kind="spog.cycle_reminder")
    assert [n.recipient for n in reminded] == [hhs_rep.email]


def test_the_chair_office_reminds_chosen_late_agencies_in_its_own_words(
    people, cycle, reporting_clock
):
    reporting_clock.move_to(datetime.datetime(2027, 2, 1, 9, 0, tzinfo=EASTERN))
    dhs = Agency.objects.get(acronym="DHS")
    with pytest.raises(ValidationError):
        services.cycle_send_reminder(
            actor=people["chairs_office"], cycle=cycle, message="", agencies=[dhs]
        )
    reminder = services.cycle_send_reminder(
        actor=people["chairs_office"],
        cycle=cycle,
        message="The portrait goes to the PITF on Friday.",
        agencies=[dhs],
    )
    sent = Notification.objects.get(kind="spog.cycle_reminder", occasion=f"reminder-{reminder.pk}")
    assert sent.recipient == people["representative"].email


def test_another_agencys_report_and_entries_answer_404(client, people, cycle, drafter):
    report = dhs_report(cycle)
    entry = training(drafter, report)
    client.force_login(people["staff"])  # HHS
    for url in (
        reverse("spog:report", args=[report.pk]),
        reverse("spog:entry-add", args=[report.pk]),
        reverse("spog:entry-edit", args=[entry.pk]),
        reverse("spog:entry-remove", args=[entry.pk]),
        reverse("spog:report-submit", args=[report.pk]),
    ):
        assert client.get(url).status_code == 404, url
    client.force_login(drafter)
    page = client.get(reverse("spog:report", args=[report.pk]))
    assert page.status_code == 200
    assert "Victim identification for port officers" in page.content.decode()


def test_the_pages_of_a_cycle_work_through_forms(client, people, plans, reporting_clock, drafter):
    office = people["chairs_office"]
    client.force_login(office)
    answer = client.post(
        reverse("spog:cycle-open"),
        {"fiscal_year": 2027, "period": "q1", "due_date": "2026-09-01", "reminder_days": 7},
    )
    assert "The due date is before the period starts" in answer.content.decode()
    answer = client.post(
        reverse("spog:cycle-open"),
        {"fiscal_year": 2027, "period": "q1", "due_date": "2027-01-29", "reminder_days": 7},
        follow=True,
    )
    assert "The cycle for FY 2027, first quarter is open" in answer.content.decode()
    cycle = ReportingCycle.objects.get()
    report = dhs_report(cycle)
    client.force_login(drafter)
    answer = client.post(
        reverse("spog:entry-add", args=[report.pk]),
        {
            "category": "training",
            "title": "Port officers",
            "description": "A course.",
            "start_date": "2026-10-14",
            "people_trained": "-3",
            "audience": "CBP officers",
            "objectives": [objective().pk],
        },
    )
    assert "Ensure this value is greater than or equal to 0." in answer.content.decode()
    answer = client.post(
        reverse("spog:entry-add", args=[report.pk]),
        {
            "category": "training",
            "title": "Port officers",
            "description": "A course.",
            "start_date": "2026-10-14",
            "people_trained": "40",
            "audience": "CBP officers",
            "objectives": [objective().pk],
        },
        follow=True,
    )
    assert "“Port officers” is added." in answer.content.decode()
    client.force_login(people["representative"])
    answer = client.post(
        reverse("spog:report-submit", args=[report.pk]), {"version": 1}, follow=True
    )
    assert "The report is submitted (version 1)" in answer.content.decode()
    client.force_login(office)
    page = client.get(reverse("spog:cycle", args=[cycle.pk]))
    assert "Submitted" in page.content.decode()
    answer = client.post(
        reverse("spog:report-review", args=[report.pk]),
        {"decision": "accept", "comments": "", "version": 2},
        follow=True,
    )
    assert "The report is accepted" in answer.content.decode()


def test_opening_a_cycle_reaches_each_representative_once_through_the_worker(
    people, celery_worker_process, smtp_sink
):
    """Through the worker and the SMTP sink: DHS's principal and HHS's principal and alternate
    each get one message, with the link to their agency's report; nobody else is written to."""
    from tests.conftest import text_of
    from tests.factories import DesignationFactory

    hhs = Agency.objects.get(acronym="HHS")
    spog = Body.objects.get(short_name="spog")
    hhs_people = [UserFactory(agency=hhs), UserFactory(agency=hhs)]
    for person, role in zip(hhs_people, ("principal", "alternate"), strict=True):
        DesignationFactory(
            person=person, agency=hhs, body=spog, role=role, start_date=datetime.date(2020, 1, 1)
        )
    cycle = services.cycle_open(
        actor=people["chairs_office"],
        fiscal_year=2027,
        period="q2",
        due_date=datetime.date(2027, 4, 30),
    )
    expected = sorted([people["representative"].email, *(p.email for p in hhs_people)])
    arrived = smtp_sink.wait_for(len(expected), timeout=60)
    assert sorted(m["To"] for m in arrived) == expected
    hhs_report = cycle.reports.get(agency=hhs)
    text = text_of(next(m for m in arrived if m["To"] == hhs_people[0].email))
    assert f"/spog/reports/{hhs_report.pk}/" in text
    assert "due on Friday, April 30, 2027" in text
    # Opening is told once: the fan-out's rows are keyed, a second call finds them recorded.
    from pitf.notifications.services import notifications_send_many
    from spog.services.cycles import representative_notices

    notifications_send_many(
        representative_notices(
            list(cycle.reports.all()),
            kind="spog.cycle_opened",
            occasion="opened",
            context={"cycle": cycle},
        )
    )
    assert Notification.objects.filter(kind="spog.cycle_opened").count() == len(expected)
