"""Circulation for comment, the core mechanism: an agency circulates a document to the SPOG's
member agencies with a deadline in business days; each recipient agency's representatives and
grant contacts are written to once; staff draft the agency's answer, which only that agency sees;
its representative (or a delegate) submits it once; the owner resolves each comment; two business
days before the deadline the agencies that have not answered are reminded once; at the deadline
the circulation closes itself and the owner is told who answered. The clock is driven with
time-machine. Any row can be circulated: these tests circulate the SPOG's own row as the
document, as grant solicitations will be."""

from __future__ import annotations

import datetime
import threading

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from pitf import workdays
from pitf.circulation import selectors, services
from pitf.circulation.models import Circulation, Comment, Contact, Delegate, Recipient
from pitf.circulation.tasks import remind_and_close
from pitf.concurrency import EditConflict
from pitf.models import Agency, Body, Notification
from pitf.roles import roles_of
from tests.conftest import written
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
# Monday 7 December 2026, 10:00 in Washington.
NOW = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=workdays.EASTERN)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def agencies(reference):
    return {a.acronym: a for a in Agency.objects.all()}


@pytest.fixture
def world(people, agencies, clock):
    """HHS circulates; a second DHS person drafts; DOJ has staff too."""
    return {
        **people,
        "dhs_staff": UserFactory(agency=agencies["DHS"], full_name="Dana DHS-Staff"),
        "doj_staff": UserFactory(agency=agencies["DOJ"], full_name="Drew DOJ-Staff"),
        "hhs": agencies["HHS"],
        "dhs": agencies["DHS"],
        "spog": Body.objects.get(short_name="spog"),
    }


def circulate(world, *, deadline=None, **options) -> Circulation:
    return services.circulation_start(
        actor=world["staff"],
        document=world["spog"],
        owner_agency=world["hhs"],
        title="FY2027 NOFO: Services for Victims of Human Trafficking",
        deadline=deadline or datetime.date(2026, 12, 18),
        message="Please comment on eligibility and the performance measures.",
        **options,
    )


def test_the_deadline_is_close_of_business_and_the_reminder_two_business_days_before(world):
    circulation = circulate(world, deadline=datetime.date(2026, 12, 28))
    assert circulation.deadline_at == datetime.datetime(
        2026, 12, 28, 17, 0, tzinfo=workdays.EASTERN
    )
    # Two business days before Monday 28 December: Christmas (Friday) and the weekend skipped.
    assert circulation.remind_at == datetime.datetime(2026, 12, 23, 9, 0, tzinfo=workdays.EASTERN)
    assert workdays.add_business_days(datetime.date(2026, 12, 24), 1) == datetime.date(2026, 12, 28)


def test_circulating_writes_each_agencys_representatives_and_grant_contacts_once(world):
    contact = UserFactory(agency=world["dhs"], full_name="Gale Grants-Contact")
    Contact.objects.create(
        topic="grants", agency=world["dhs"], person=contact, added_by=world["site_admin"]
    )
    # The representative is also a grant contact: still one message.
    Contact.objects.create(
        topic="grants",
        agency=world["dhs"],
        person=world["representative"],
        added_by=world["site_admin"],
    )
    circulation = circulate(world)
    members = set(
        Agency.objects.filter(
            memberships__body=world["spog"], memberships__status="member"
        ).values_list("acronym", flat=True)
    )
    asked = set(circulation.recipients.values_list("agency__acronym", flat=True))
    assert asked == members - {"HHS"}
    assert "OBS" not in asked  # an invited observer is not a member
    notices = Notification.objects.filter(kind="circulation.request")
    assert sorted(notices.values_list("recipient", flat=True)) == sorted(
        [world["representative"].email, contact.email]
    )
    notice = written(notices.get(recipient=contact.email))
    assert "FY2027 NOFO" in notice.subject and "December 18" in notice.subject
    assert f"/circulation/{circulation.pk}/" in notice.body
    assert "eligibility and the performance measures" in notice.body
    # Chosen agencies instead of the default.
    chosen = circulate(world, agencies=[world["dhs"], world["hhs"]])
    assert list(chosen.recipients.values_list("agency__acronym", flat=True)) == ["DHS"]


@pytest.mark.parametrize(
    "deadline, message",
    [
        (datetime.date(2026, 12, 4), "has passed"),
        (datetime.date(2026, 12, 7), "has passed or is today"),
        (datetime.date(2026, 12, 12), "is a Saturday"),
        (datetime.date(2026, 12, 25), "federal holiday (Christmas Day)"),
    ],
)
def test_a_bad_deadline_is_refused_and_nothing_is_saved_or_sent(world, deadline, message):
    with pytest.raises(ValidationError) as refused:
        circulate(world, deadline=deadline)
    assert message in " ".join(refused.value.message_dict["deadline"])
    assert not Circulation.objects.exists()
    assert not Notification.objects.exists()


def test_no_recipients_and_someone_of_another_agency_are_refused(world):
    with pytest.raises(ValidationError) as refused:
        circulate(world, agencies=[world["hhs"]])
    assert "at least one agency other than yours" in str(refused.value)
    with pytest.raises(PermissionDenied):
        services.circulation_start(
            actor=world["dhs_staff"],
            document=world["spog"],
            owner_agency=world["hhs"],
            title="Not theirs",
            deadline=datetime.date(2026, 12, 18),
        )
    assert not Circulation.objects.exists()


def test_a_draft_is_the_agencys_own_until_its_representative_submits(world):
    circulation = circulate(world)
    dhs = circulation.recipients.get(agency=world["dhs"])
    comment = services.comment_add(
        actor=world["dhs_staff"],
        circulation=circulation,
        section="Section C.2, page 14",
        kind=Comment.Kind.SUBSTANTIVE,
        text="Eligibility should include tribal governments.",
    )
    owner = selectors.standing_of(world["staff"], roles_of(world["staff"]), circulation)
    doj = selectors.standing_of(world["doj_staff"], roles_of(world["doj_staff"]), circulation)
    mine = selectors.standing_of(world["dhs_staff"], roles_of(world["dhs_staff"]), circulation)
    # The owner and another recipient agency cannot reach the draft comment.
    for standing in (owner, doj):
        with pytest.raises(Exception) as hidden:
            selectors.comment_for(circulation=circulation, standing=standing, pk=comment.pk)
        assert hidden.type.__name__ == "Http404"
    assert selectors.comment_for(circulation=circulation, standing=mine, pk=comment.pk) == comment
    [answer] = [r for r in selectors.answers_of(circulation) if r.agency == world["dhs"]]
    assert answer.submitted_comments == []
    # Staff draft; only the representative (or a delegate) submits.
    with pytest.raises(PermissionDenied):
        services.answer_submit(
            actor=world["dhs_staff"], recipient=dhs, expected_version=dhs.version, answer="comments"
        )
    with pytest.raises(ValidationError) as refused:
        services.answer_submit(
            actor=world["representative"],
            recipient=dhs,
            expected_version=dhs.version,
            answer="no_comment",
        )
    assert "remove them to answer no comment" in str(refused.value)
    dhs = services.answer_submit(
        actor=world["representative"],
        recipient=dhs,
        expected_version=dhs.version,
        answer="comments",
    )
    assert dhs.submitted and dhs.answer == "comments"
    [answer] = [r for r in selectors.answers_of(circulation) if r.agency == world["dhs"]]
    assert answer.submitted_comments == [comment]
    assert selectors.comment_for(circulation=circulation, standing=owner, pk=comment.pk)
    # Never another recipient agency, even once submitted.
    with pytest.raises(Exception) as hidden:
        selectors.comment_for(circulation=circulation, standing=doj, pk=comment.pk)
    assert hidden.type.__name__ == "Http404"
    # The Grantmaking Committee's chair sees every submitted answer.
    chair = selectors.standing_of(world["chair"], roles_of(world["chair"]), circulation)
    assert chair.sees_all_answers
    # Final: a second answer and a late comment are refused.
    with pytest.raises(ValidationError) as refused:
        services.answer_submit(
            actor=world["representative"],
            recipient=dhs,
            expected_version=dhs.version,
            answer="comments",
        )
    assert "final unless the owner agency reopens it" in str(refused.value)
    with pytest.raises(ValidationError):
        services.comment_add(
            actor=world["dhs_staff"],
            circulation=circulation,
            section="p. 2",
            kind="editorial",
            text="Typo.",
        )
    # The owner reopens; the agency may change it again.
    services.answer_reopen(actor=world["staff"], recipient=dhs, expected_version=dhs.version)
    services.comment_add(
        actor=world["dhs_staff"],
        circulation=circulation,
        section="p. 2",
        kind="editorial",
        text="Typo.",
    )
    assert Comment.objects.filter(recipient=dhs).count() == 2


def test_a_delegate_named_by_the_representative_submits(world):
    circulation = circulate(world)
    Delegate.objects.create(
        agency=world["dhs"], person=world["dhs_staff"], named_by=world["representative"]
    )
    dhs = circulation.recipients.get(agency=world["dhs"])
    dhs = services.answer_submit(
        actor=world["dhs_staff"], recipient=dhs, expected_version=dhs.version, answer="no_comment"
    )
    assert dhs.answer == Recipient.Answer.NO_COMMENT and dhs.submitted_by == world["dhs_staff"]


def test_a_designation_to_another_body_does_not_answer_for_the_agency(client, world):
    """DHS's principal to the Grantmaking Committee (not to the SPOG) sees the SPOG circulation
    as DHS's staff do, but neither the page nor the service lets them submit DHS's answer."""
    from pitf.models import Designation

    circulation = circulate(world)
    Designation.objects.create(
        person=world["dhs_staff"],
        agency=world["dhs"],
        body=Body.objects.get(short_name="grantmaking"),
        role=Designation.Role.PRINCIPAL,
        start_date=datetime.date(2020, 1, 1),
    )
    dhs = circulation.recipients.get(agency=world["dhs"])
    with pytest.raises(PermissionDenied):
        services.answer_submit(
            actor=world["dhs_staff"],
            recipient=dhs,
            expected_version=dhs.version,
            answer="no_comment",
        )
    client.force_login(world["dhs_staff"])
    submit = reverse("circulation:submit", args=[circulation.pk])
    assert client.get(submit).status_code == 403
    assert client.post(submit, {"version": dhs.version, "answer": "no_comment"}).status_code == 403
    dhs.refresh_from_db()
    assert not dhs.submitted
    # The SPOG's principal of DHS still answers.
    services.answer_submit(
        actor=world["representative"],
        recipient=dhs,
        expected_version=dhs.version,
        answer="no_comment",
    )


def test_two_people_editing_one_draft_comment_do_not_overwrite_each_other(world):
    circulation = circulate(world)
    comment = services.comment_add(
        actor=world["dhs_staff"], circulation=circulation, section="A", kind="question", text="Why?"
    )
    services.comment_edit(
        actor=world["dhs_staff"],
        comment=comment,
        expected_version=comment.version,
        section="A",
        kind="question",
        text="Why this ceiling?",
    )
    with pytest.raises(EditConflict):
        services.comment_edit(
            actor=world["representative"],
            comment=comment,
            expected_version=comment.version,  # loaded before the first save
            section="A",
            kind="question",
            text="Why not more?",
        )
    assert Comment.objects.get(pk=comment.pk).text == "Why this ceiling?"


def test_the_owner_resolves_each_comment(world):
    circulation = circulate(world)
    comment = services.comment_add(
        actor=world["dhs_staff"], circulation=circulation, section="B.1", kind="editorial", text="X"
    )
    dhs = circulation.recipients.get(agency=world["dhs"])
    services.answer_submit(
        actor=world["representative"],
        recipient=dhs,
        expected_version=dhs.version,
        answer="comments",
    )
    with pytest.raises(ValidationError) as refused:
        services.comment_resolve(
            actor=world["staff"],
            comment=comment,
            expected_version=comment.version,
            resolution="not_adopted",
        )
    assert "Say why" in str(refused.value)
    with pytest.raises(PermissionDenied):
        services.comment_resolve(
            actor=world["dhs_staff"],
            comment=comment,
            expected_version=comment.version,
            resolution="adopted",
        )
    comment = services.comment_resolve(
        actor=world["staff"],
        comment=comment,
        expected_version=comment.version,
        resolution="not_adopted",
        reason="Statute sets the eligible applicants.",
        reply="Thank you; see 22 U.S.C. 7105.",
    )
    assert Comment.objects.get(pk=comment.pk).resolution == "not_adopted"


def test_the_reminder_goes_once_to_those_who_have_not_answered_and_the_deadline_closes_it(
    world, clock
):
    Contact.objects.create(
        topic="grants",
        agency=Agency.objects.get(acronym="DOJ"),
        person=world["doj_staff"],
        added_by=world["site_admin"],
    )
    circulation = circulate(world)  # due Friday 18 December
    dhs = circulation.recipients.get(agency=world["dhs"])
    services.answer_submit(
        actor=world["representative"],
        recipient=dhs,
        expected_version=dhs.version,
        answer="no_comment",
    )
    assert remind_and_close() == {"reminded": 0, "closed": 0}  # not yet
    clock.move_to(datetime.datetime(2026, 12, 16, 9, 0, 1, tzinfo=workdays.EASTERN))
    assert remind_and_close() == {"reminded": 1, "closed": 0}
    assert remind_and_close() == {"reminded": 0, "closed": 0}  # beat again: nothing twice
    reminders = Notification.objects.filter(kind="circulation.reminder")
    assert list(reminders.values_list("recipient", flat=True)) == [world["doj_staff"].email]
    # At the deadline it closes itself; the owner is told who answered.
    clock.move_to(datetime.datetime(2026, 12, 18, 17, 0, 1, tzinfo=workdays.EASTERN))
    with pytest.raises(ValidationError) as refused:
        services.comment_add(
            actor=world["doj_staff"],
            circulation=circulation,
            section="A",
            kind="question",
            text="?",
        )
    assert "The deadline has passed" in str(refused.value)
    assert remind_and_close() == {"reminded": 0, "closed": 1}
    circulation.refresh_from_db()
    assert circulation.status == Circulation.Status.CLOSED
    [closed] = Notification.objects.filter(kind="circulation.closed")
    assert closed.recipient == world["staff"].email
    assert "No comment: DHS" in written(closed).body
    assert "1 of 16 agencies answered" in closed.subject
    assert remind_and_close() == {"reminded": 0, "closed": 0}


def test_extending_tells_everyone_and_rearms_the_reminder(world, clock):
    circulation = circulate(world)
    clock.move_to(datetime.datetime(2026, 12, 16, 9, 30, tzinfo=workdays.EASTERN))
    remind_and_close()
    assert Notification.objects.filter(kind="circulation.reminder").count() == 1
    circulation.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.circulation_extend(
            actor=world["staff"],
            circulation=circulation,
            expected_version=circulation.version,
            deadline=datetime.date(2026, 12, 17),
        )
    assert "later than the current one" in str(refused.value)
    circulation = services.circulation_extend(
        actor=world["staff"],
        circulation=circulation,
        expected_version=circulation.version,
        deadline=datetime.date(2027, 1, 8),
    )
    assert Notification.objects.filter(kind="circulation.extended").count() == 1
    assert circulation.remind_at == datetime.datetime(2027, 1, 6, 9, 0, tzinfo=workdays.EASTERN)
    clock.move_to(datetime.datetime(2027, 1, 6, 9, 0, 1, tzinfo=workdays.EASTERN))
    remind_and_close()
    assert Notification.objects.filter(kind="circulation.reminder").count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_beats_at_once_remind_once(people, reference):
    """Two beats in two threads (two database connections) at the reminder time: SKIP LOCKED
    gives the circulation to one of them; every agency is reminded once."""
    world = {
        **people,
        "hhs": Agency.objects.get(acronym="HHS"),
        "spog": Body.objects.get(short_name="spog"),
    }
    with time_machine.travel(NOW, tick=False) as clock:
        circulation = circulate(world)
        clock.move_to(datetime.datetime(2026, 12, 16, 9, 30, tzinfo=workdays.EASTERN))
        results, barrier = [], threading.Barrier(2)

        def beat():
            try:
                barrier.wait()
                results.append(remind_and_close())
            finally:
                connection.close()

        threads = [threading.Thread(target=beat) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert sorted(r["reminded"] for r in results) == [0, 1]
    reminders = Notification.objects.filter(kind="circulation.reminder", about_id=circulation.pk)
    assert reminders.count() == 1  # only DHS has a representative in the fixture


def test_the_pages_show_each_standing_what_it_may_see(client, world):
    circulation = circulate(world)
    comment = services.comment_add(
        actor=world["dhs_staff"],
        circulation=circulation,
        section="C.2",
        kind="substantive",
        text="Add tribal governments.",
    )
    detail = reverse("circulation:detail", args=[circulation.pk])
    edit = reverse("circulation:comment-edit", args=[circulation.pk, comment.pk])
    client.force_login(world["dhs_staff"])
    page = client.get(detail).content.decode()
    assert "Add tribal governments." in page and "Draft: only your agency sees it" in page
    assert client.get(edit).status_code == 200
    client.force_login(world["staff"])  # the owner, before it is submitted
    page = client.get(detail).content.decode()
    assert "Add tribal governments." not in page and "No answer" in page
    assert client.get(edit).status_code == 403
    client.force_login(world["doj_staff"])
    assert "Add tribal governments." not in client.get(detail).content.decode()
    assert client.get(edit).status_code == 404
    client.force_login(world["observer"])  # not asked, not the owner
    assert client.get(detail).status_code == 404


@pytest.mark.django_db(transaction=True)
@pytest.mark.worker
def test_through_the_worker_each_person_gets_the_request_once(
    people, celery_worker_process, smtp_sink
):
    """A principal and an alternate of every SPOG member agency but HHS, and a grant contact of
    each (the DHS principal is also DHS's grant contact): every one of them receives the request
    once, at the SMTP sink; nobody else does."""
    from tests.factories import DesignationFactory

    spog = Body.objects.get(short_name="spog")
    hhs = Agency.objects.get(acronym="HHS")
    expected = {people["representative"].email}
    members = Agency.objects.filter(memberships__body=spog, memberships__status="member")
    for agency in members.exclude(pk=hhs.pk).exclude(acronym="DHS"):
        for role in ("principal", "alternate"):
            person = UserFactory(agency=agency)
            DesignationFactory(
                person=person,
                agency=agency,
                body=spog,
                role=role,
                start_date=datetime.date(2020, 1, 1),
            )
            expected.add(person.email)
    for agency in members.exclude(pk=hhs.pk):
        contact = UserFactory(agency=agency)
        Contact.objects.create(
            topic="grants", agency=agency, person=contact, added_by=people["site_admin"]
        )
        expected.add(contact.email)
    Contact.objects.create(
        topic="grants",
        agency=people["representative"].agency,
        person=people["representative"],
        added_by=people["site_admin"],
    )
    deadline = workdays.add_business_days(workdays.today_in_washington(), 10)
    services.circulation_start(
        actor=people["staff"],
        document=spog,
        owner_agency=hhs,
        title="FY2027 NOFO",
        deadline=deadline,
    )
    messages = smtp_sink.wait_for(len(expected), timeout=60)
    to = [m["To"] for m in messages]
    assert sorted(to) == sorted(expected)  # each once, nobody else
    assert all("For comment: FY2027 NOFO" in str(m["Subject"]) for m in messages)


def test_a_waiting_request_or_reminder_is_dropped_once_it_is_no_longer_wanted(world, clock):
    """The outbox asks, when a notice's turn comes: a reminder to an agency that answered since
    it was recorded, and any request or reminder of a circulation withdrawn meanwhile, are
    dropped with the reason and never sent; a reminder to an agency still silent goes."""
    from pitf.notifications.claims import notification_claim

    Contact.objects.create(
        topic="grants",
        agency=Agency.objects.get(acronym="DOJ"),
        person=world["doj_staff"],
        added_by=world["site_admin"],
    )
    circulation = circulate(world)
    clock.move_to(datetime.datetime(2026, 12, 16, 9, 0, 1, tzinfo=workdays.EASTERN))
    assert remind_and_close() == {"reminded": 1, "closed": 0}
    reminders = Notification.objects.filter(kind="circulation.reminder", about_id=circulation.pk)
    to_dhs = reminders.get(recipient=world["representative"].email)
    to_doj = reminders.get(recipient=world["doj_staff"].email)
    # DHS answers while its reminder waits in the outbox.
    dhs = circulation.recipients.get(agency=world["dhs"])
    services.answer_submit(
        actor=world["representative"],
        recipient=dhs,
        expected_version=dhs.version,
        answer="no_comment",
    )
    assert notification_claim(notification_id=to_dhs.pk) is None
    to_dhs.refresh_from_db()
    assert to_dhs.status == Notification.Status.DROPPED
    assert to_dhs.last_error == "Dropped: the agency has submitted its answer"
    assert notification_claim(notification_id=to_doj.pk) is not None  # still silent: it goes
    # Withdrawn: a request still waiting is not sent.
    request = Notification.objects.filter(
        kind="circulation.request", about_id=circulation.pk, status="pending"
    ).first()
    services.circulation_withdraw(
        actor=world["staff"],
        circulation=circulation,
        expected_version=circulation.version,
        reason="Rewritten",
    )
    assert notification_claim(notification_id=request.pk) is None
    request.refresh_from_db()
    assert (request.status, request.last_error) == (
        "dropped",
        "Dropped: the circulation was withdrawn",
    )
    withdrawn = Notification.objects.filter(kind="circulation.withdrawn", about_id=circulation.pk)
    assert notification_claim(notification_id=withdrawn.first().pk) is not None


def test_a_site_administrator_of_another_agency_oversees_but_does_not_act_for_the_owner(
    world, client
):
    """One rule for "only the owner agency" (pitf.roles.acts_for), in the service, the
    standing the pages ask and grants alike: the site administrator (DOS) sees HHS's
    circulation and every answer, and is refused what only HHS does."""
    circulation = circulate(world)
    admin = world["site_admin"]
    assert admin.agency.acronym != "HHS"
    standing = selectors.standing_of(admin, roles_of(admin), circulation)
    assert standing.sees_all_answers and not standing.owner
    with pytest.raises(PermissionDenied):
        services.circulation_extend(
            actor=admin,
            circulation=circulation,
            expected_version=circulation.version,
            deadline=datetime.date(2027, 1, 8),
        )
    client.force_login(admin)
    page = client.get(reverse("circulation:detail", args=[circulation.pk]))
    assert page.status_code == 200
    assert reverse("circulation:extend", args=[circulation.pk]) not in page.content.decode()
    assert client.get(reverse("circulation:extend", args=[circulation.pk])).status_code == 403


def test_a_kind_declares_its_body_its_overseers_and_whom_it_writes_to(world):
    """Circulation knows no kind of document: a body (tests/circulated) goes by default to the
    SPOG, is overseen by the Grantmaking Committee's offices and reaches grant contacts, as
    grants declares for its documents; an agency, a kind nobody declared, needs its body chosen,
    reaches representatives alone and has no overseer."""
    from pitf.circulation import kinds

    contact = UserFactory(agency=world["dhs"], full_name="Gale Grants-Contact")
    Contact.objects.create(
        topic="grants", agency=world["dhs"], person=contact, added_by=world["site_admin"]
    )
    declared = kinds.kind_for_model(world["spog"])
    assert (declared.default_body, declared.overseers) == ("spog", "grantmaking")
    assert declared.contacts.noun == "grant contact"
    undeclared = kinds.kind_for_model(world["hhs"])
    assert undeclared == kinds.DocumentKind(model="pitf.agency")

    def circulate_agency(**options):
        return services.circulation_start(
            actor=world["staff"],
            document=world["hhs"],
            owner_agency=world["hhs"],
            title="HHS's own profile, for comment",
            deadline=datetime.date(2026, 12, 18),
            **options,
        )

    with pytest.raises(ValidationError) as refused:
        circulate_agency()
    assert "Choose the body" in " ".join(refused.value.message_dict["body"])
    assert not Circulation.objects.exists()
    circulation = circulate_agency(body=world["spog"])
    notices = Notification.objects.filter(kind="circulation.request", about_id=circulation.pk)
    assert list(notices.values_list("recipient", flat=True)) == [world["representative"].email]
    chair = selectors.standing_of(world["chair"], roles_of(world["chair"]), circulation)
    assert not chair.oversight and not chair.sees_all_answers
    # The declared kind reaches the grant contact, and the chair oversees it.
    body_circulation = circulate(world)
    reached = Notification.objects.filter(kind="circulation.request").exclude(
        about_id=circulation.pk
    )
    assert contact.email in reached.values_list("recipient", flat=True)
    chair = selectors.standing_of(world["chair"], roles_of(world["chair"]), body_circulation)
    assert chair.oversight
