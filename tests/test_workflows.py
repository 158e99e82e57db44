"""Every workflow's table, tried: for each transition a workflow forbids from a state (as its
table in pitf.workflow declares it), a row is brought to that state through the services, then
the transition is tried through its service (refused, with the table's words) and through its
URL (refused: a message, or no such page), and nothing about the row changed. The cases are
generated from the tables, so a transition added to a table without a way to try it here fails
this module."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from grants import services as grants
from grants.models import Award, Solicitation
from grants.workflows import AWARD, SOLICITATION
from pitf import workdays
from pitf.circulation import services as circulation
from pitf.circulation.models import Circulation, Comment, Recipient
from pitf.circulation.workflows import ANSWER, CIRCULATION
from pitf.meetings import services as meetings
from pitf.meetings.models import ActionItem, AgendaItem, Invitee, Meeting, Minutes
from pitf.meetings.workflows import ACTION_ITEM, AGENDA_ITEM, INVITEE, MEETING, MINUTES
from pitf.models import Body
from pitf.workflow import TransitionRefused
from tests.conftest import meeting_on, pdf_upload
from tests.factories import UserFactory
from tests.test_grants import draft_values
from tests.test_grants import form_data as solicitation_form
from tests.test_grants_awards import award_values
from tests.test_grants_awards import form_data as award_form

pytestmark = pytest.mark.django_db
# Monday 7 December 2026, 10:00 in Washington; comments due Friday 18 December.
NOW = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=workdays.EASTERN)
DEADLINE = datetime.date(2026, 12, 18)
AFTER_DEADLINE = datetime.datetime(2026, 12, 21, 9, 0, tzinfo=workdays.EASTERN)
EASTERN = workdays.EASTERN


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def cases(workflow):
    return [pytest.param(state, name, id=f"{state}-{name}") for state, name in workflow.forbidden()]


def refused_through_url(client, person, url, data, refusal: str) -> None:
    """The page refuses: no such page for this state (404), or the form again with the table's
    words. What changed is checked by the caller."""
    client.force_login(person)
    response = client.post(url, data)
    assert response.status_code in (200, 403, 404), response.status_code
    if response.status_code == 200:
        assert refusal in response.content.decode(), refusal


# Circulation ---------------------------------------------------------------------------------


def circulated(people, *, document=None) -> Circulation:
    return circulation.circulation_start(
        actor=people["staff"],
        document=document or Body.objects.get(short_name="spog"),
        owner_agency=people["staff"].agency,
        title="FY2027 NOFO: Services for Victims of Human Trafficking",
        deadline=DEADLINE,
    )


def circulation_in(state: str, people, clock) -> Circulation:
    row = circulated(people)
    if state == "withdrawn":
        circulation.circulation_withdraw(
            actor=people["staff"], circulation=row, expected_version=row.version, reason="Redone"
        )
    if state == "closed":
        clock.move_to(AFTER_DEADLINE)
        circulation.circulations_close_due()
    row.refresh_from_db()
    assert CIRCULATION.state(row) == state
    return row


def snapshot_circulation(row: Circulation):
    row.refresh_from_db()
    return (row.status, row.version, row.deadline_at, row.closed_at)


CIRCULATION_TRIES = {
    "extend": (
        lambda row, people: circulation.circulation_extend(
            actor=people["staff"],
            circulation=row,
            expected_version=row.version,
            deadline=datetime.date(2027, 1, 8),
        ),
        lambda row: (
            reverse("circulation:extend", args=[row.pk]),
            {"version": row.version, "deadline": "2027-01-08"},
        ),
    ),
    "withdraw": (
        lambda row, people: circulation.circulation_withdraw(
            actor=people["staff"], circulation=row, expected_version=row.version, reason="Again"
        ),
        lambda row: (
            reverse("circulation:withdraw", args=[row.pk]),
            {"version": row.version, "reason": "Again"},
        ),
    ),
    # The beat closes only what is open: a closed or withdrawn circulation is left alone.
    "close": (lambda row, people: circulation.circulations_close_due(), None),
}


@pytest.mark.parametrize("state, name", cases(CIRCULATION))
def test_a_circulation_refuses_what_its_table_forbids(client, people, clock, state, name):
    row = circulation_in(state, people, clock)
    before = snapshot_circulation(row)
    service, url = CIRCULATION_TRIES[name]
    if name == "close":
        assert service(row, people) == 0
    else:
        with pytest.raises(TransitionRefused):
            service(row, people)
    assert snapshot_circulation(row) == before
    if url is not None:
        refused_through_url(client, people["staff"], *url(row), _refusal(CIRCULATION, row, name))
        assert snapshot_circulation(row) == before


def _refusal(workflow, row, name) -> str:
    with pytest.raises(TransitionRefused) as refused:
        workflow.require(row, name)
    return refused.value.messages[0]


def test_a_close_moves_the_version_so_an_extend_loaded_before_it_is_refused(people, clock):
    from pitf.concurrency import EditConflict

    row = circulated(people)
    loaded = row.version
    clock.move_to(AFTER_DEADLINE)
    circulation.circulations_close_due()
    with pytest.raises(EditConflict):
        circulation.circulation_withdraw(
            actor=people["staff"], circulation=row, expected_version=loaded, reason="Late"
        )
    row.refresh_from_db()
    assert (row.status, row.version) == ("closed", loaded + 1)


# An agency's answer --------------------------------------------------------------------------


def answer_in(state: str, people, clock) -> Recipient:
    """DHS's answer (its representative drafts and submits it), with one comment drafted."""
    row = circulated(people)
    representative = people["representative"]
    circulation.comment_add(
        actor=representative, circulation=row, section="C.2", kind="substantive", text="Clarify."
    )
    recipient = row.recipients.get(agency=representative.agency)
    if state in ("submitted", "final"):
        circulation.answer_submit(
            actor=representative,
            recipient=recipient,
            expected_version=recipient.version,
            answer="comments",
        )
    if state in ("final", "unanswered"):
        clock.move_to(AFTER_DEADLINE)
        circulation.circulations_close_due()
    if state == "withdrawn":
        row.refresh_from_db()
        circulation.circulation_withdraw(
            actor=people["staff"], circulation=row, expected_version=row.version, reason="Redone"
        )
    recipient = Recipient.objects.select_related("circulation", "agency").get(pk=recipient.pk)
    assert ANSWER.state(recipient) == state
    return recipient


def snapshot_answer(recipient: Recipient):
    recipient.refresh_from_db()
    comments = list(
        Comment.objects.filter(recipient=recipient).values_list("pk", "text", "resolution")
    )
    return (recipient.answer, recipient.submitted_at, recipient.version, comments)


def _comment(recipient: Recipient) -> Comment:
    return Comment.objects.filter(recipient=recipient).first()


ANSWER_TRIES = {
    "comment": (
        "representative",
        lambda r, people: circulation.comment_add(
            actor=people["representative"],
            circulation=r.circulation,
            section="D.1",
            kind="editorial",
            text="One more.",
        ),
        lambda r: (
            reverse("circulation:comment-add", args=[r.circulation_id]),
            {"section": "D.1", "kind": "editorial", "text": "One more."},
        ),
    ),
    "submit": (
        "representative",
        lambda r, people: circulation.answer_submit(
            actor=people["representative"],
            recipient=r,
            expected_version=r.version,
            answer="comments",
        ),
        lambda r: (
            reverse("circulation:submit", args=[r.circulation_id]),
            {"version": r.version, "answer": "comments"},
        ),
    ),
    "reopen": (
        "staff",
        lambda r, people: circulation.answer_reopen(
            actor=people["staff"], recipient=r, expected_version=r.version
        ),
        lambda r: (
            reverse("circulation:reopen", args=[r.circulation_id, r.pk]),
            {"version": r.version},
        ),
    ),
    "resolve": (
        "staff",
        lambda r, people: circulation.comment_resolve(
            actor=people["staff"],
            comment=_comment(r),
            expected_version=_comment(r).version,
            resolution="adopted",
        ),
        lambda r: (
            reverse("circulation:resolve", args=[r.circulation_id, _comment(r).pk]),
            {"version": _comment(r).version, "resolution": "adopted"},
        ),
    ),
}


@pytest.mark.parametrize("state, name", cases(ANSWER))
def test_an_answer_refuses_what_its_table_forbids(client, people, clock, state, name):
    recipient = answer_in(state, people, clock)
    before = snapshot_answer(recipient)
    who, service, url = ANSWER_TRIES[name]
    with pytest.raises(TransitionRefused):
        service(recipient, people)
    assert snapshot_answer(recipient) == before
    refused_through_url(client, people[who], *url(recipient), _refusal(ANSWER, recipient, name))
    assert snapshot_answer(recipient) == before


def test_the_owner_cannot_reopen_an_answer_after_comments_closed(client, people, clock):
    """The case a review found: only the template asked, so a posted form reopened a final
    answer and its comments dropped out of the matrix."""
    recipient = answer_in("final", people, clock)
    client.force_login(people["staff"])
    page = client.get(reverse("circulation:detail", args=[recipient.circulation_id]))
    assert "Reopen" not in page.content.decode()
    response = client.post(
        reverse("circulation:reopen", args=[recipient.circulation_id, recipient.pk]),
        {"version": recipient.version},
    )
    assert "a submitted answer is final" in response.content.decode()
    recipient.refresh_from_db()
    assert recipient.answer == "comments" and recipient.submitted


# Grant documents -----------------------------------------------------------------------------

KINDS = {
    "solicitation": (Solicitation, SOLICITATION, draft_values, "post", solicitation_form),
    "award": (Award, AWARD, award_values, "made", award_form),
}


def document_in(kind: str, state: str, people, clock):
    model, workflow, values = KINDS[kind][:3]
    staff = people["staff"]
    document = grants.document_create(actor=staff, model=model, **values())
    if state in ("circulated", "comments_closed", "posted", "made"):
        grants.document_circulate(
            actor=staff, document=document, expected_version=document.version, deadline=DEADLINE
        )
        document.refresh_from_db()
    if state in ("comments_closed", "posted", "made"):
        clock.move_to(AFTER_DEADLINE)
        circulation.circulations_close_due()
        document.refresh_from_db()
    if state in ("posted", "made"):
        grants.document_finish(actor=staff, document=document, expected_version=document.version)
    if state == "withdrawn":
        grants.document_withdraw(
            actor=staff, document=document, expected_version=document.version, reason="Not now"
        )
    document.refresh_from_db()
    assert workflow.state(document) == state
    return document


def snapshot_document(document):
    document.refresh_from_db()
    circulations = list(
        Circulation.objects.filter(
            document_type=ContentType.objects.get_for_model(document),
            document_id=str(document.pk),
        ).values_list("pk", "status")
    )
    return (document.status, document.version, document.title, circulations)


def _ended(document, status: str) -> None:
    """What a circulation's service calls when one of the document's circulations ends."""
    grants.circulation_ended(
        circulation=Circulation(
            document_type=ContentType.objects.get_for_model(document),
            document_id=str(document.pk),
            status=status,
        ),
        actor=None,
    )


def document_tries(kind: str):
    finish = KINDS[kind][3]
    return {
        "edit": (
            lambda d, staff: grants.document_edit(
                actor=staff, document=d, expected_version=d.version, title="Changed"
            ),
            lambda d: (
                reverse(f"grants:{kind}-edit", args=[d.pk]),
                {**KINDS[kind][4](title="Changed"), "version": d.version},
            ),
        ),
        "circulate": (
            lambda d, staff: grants.document_circulate(
                actor=staff, document=d, expected_version=d.version, deadline=DEADLINE
            ),
            lambda d: (
                reverse(f"grants:{kind}-circulate", args=[d.pk]),
                {"version": d.version, "deadline": "2027-01-08", "audience": "spog"},
            ),
        ),
        # Followed, not asked for: a circulation's end leaves a document it does not apply to.
        "comments_close": (lambda d, staff: _ended(d, "closed"), None),
        "circulation_withdrawn": (lambda d, staff: _ended(d, "withdrawn"), None),
        "finish": (
            lambda d, staff: grants.document_finish(
                actor=staff, document=d, expected_version=d.version
            ),
            lambda d: (reverse(f"grants:{kind}-{finish}", args=[d.pk]), {"version": d.version}),
        ),
        "withdraw": (
            lambda d, staff: grants.document_withdraw(
                actor=staff, document=d, expected_version=d.version, reason="Again"
            ),
            lambda d: (
                reverse(f"grants:{kind}-withdraw", args=[d.pk]),
                {"version": d.version, "reason": "Again"},
            ),
        ),
    }


@pytest.mark.parametrize(
    "kind, state, name",
    [
        pytest.param(kind, state, name, id=f"{kind}-{state}-{name}")
        for kind, (_, workflow, *_) in KINDS.items()
        for state, name in workflow.forbidden()
    ],
)
def test_a_grant_document_refuses_what_its_table_forbids(client, people, clock, kind, state, name):
    workflow = KINDS[kind][1]
    document = document_in(kind, state, people, clock)
    before = snapshot_document(document)
    service, url = document_tries(kind)[name]
    if url is None:
        service(document, people["staff"])
    else:
        with pytest.raises(TransitionRefused):
            service(document, people["staff"])
    assert snapshot_document(document) == before
    if url is not None:
        refused_through_url(
            client, people["staff"], *url(document), _refusal(workflow, document, name)
        )
        assert snapshot_document(document) == before


def test_withdrawing_the_circulation_from_its_page_makes_the_document_a_draft_again(
    client, people, clock
):
    """The case a review found: the document stayed "circulated" with no circulation open."""
    document = document_in("solicitation", "circulated", people, clock)
    row = Circulation.objects.get(document_id=str(document.pk))
    client.force_login(people["staff"])
    response = client.post(
        reverse("circulation:withdraw", args=[row.pk]),
        {"version": row.version, "reason": "The NOFO is being rewritten."},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == "draft"
    page = client.get(reverse("grants:solicitation-detail", args=[document.pk])).content.decode()
    assert "Circulate for comment" in page and "Record it as posted" not in page


# Meetings ------------------------------------------------------------------------------------

MEETING_DAY = datetime.date(2027, 4, 6)
AFTER_MEETING = datetime.datetime(2027, 4, 6, 12, 0, tzinfo=EASTERN)
DURING_MEETING = datetime.datetime(2027, 4, 6, 10, 30, tzinfo=EASTERN)


def meeting_in(state: str, people, clock) -> Meeting:
    """A Grantmaking Committee meeting (its chair on the list) on 6 April 2027, 10 to 11."""
    meeting = meeting_on(
        people["site_admin"],
        Body.objects.get(short_name="grantmaking"),
        MEETING_DAY,
        title="Grantmaking Committee",
    )
    if state == "cancelled":
        meetings.meeting_cancel(
            actor=people["site_admin"],
            meeting=meeting,
            expected_version=meeting.version,
            reason="No quorum",
        )
    if state == "over":
        clock.move_to(AFTER_MEETING)
    if state == "under_way":
        clock.move_to(DURING_MEETING)
    meeting.refresh_from_db()
    assert MEETING.state(meeting) == state
    return meeting


def _chair_on(meeting: Meeting, people) -> Invitee:
    return meeting.invitees.select_related("person").get(person=people["chair"])


def snapshot_meeting(meeting: Meeting):
    meeting.refresh_from_db()
    invitees = list(
        meeting.invitees.order_by("pk").values_list("person_id", "removed_at", "response")
    )
    attended = list(meeting.attendance.order_by("pk").values_list("person_id", "mode"))
    items = list(
        meeting.agenda_items.order_by("pk").values_list("title", "status", "position", "version")
    )
    documents = list(meeting.documents.values_list("title", flat=True))
    outcomes = (
        list(meeting.decisions.values_list("text", flat=True)),
        list(meeting.action_items.values_list("title", "status", "version")),
    )
    return (
        meeting.status,
        meeting.version,
        meeting.title,
        meeting.sequence,
        invitees,
        attended,
        items,
        documents,
        outcomes,
        meeting.agenda_publications,
    )


MEETING_TRIES = {
    "reschedule": (
        "site_admin",
        lambda m, people: meetings.meeting_reschedule(
            actor=people["site_admin"],
            meeting=m,
            expected_version=m.version,
            reason="Moved",
            title="Moved",
        ),
        lambda m, people: (reverse("meetings:reschedule", args=[m.pk]), {"version": m.version}),
    ),
    "cancel": (
        "site_admin",
        lambda m, people: meetings.meeting_cancel(
            actor=people["site_admin"], meeting=m, expected_version=m.version, reason="Again"
        ),
        lambda m, people: (
            reverse("meetings:cancel", args=[m.pk]),
            {"version": m.version, "reason": "Again"},
        ),
    ),
    "invite": (
        "site_admin",
        lambda m, people: meetings.invitee_add(
            actor=people["site_admin"], meeting=m, person=people["speaker"]
        ),
        lambda m, people: (
            reverse("meetings:invitee-add", args=[m.pk]),
            {"person": people["speaker"].pk},
        ),
    ),
    "take_off": (
        "site_admin",
        lambda m, people: meetings.invitee_remove(
            actor=people["site_admin"], meeting=m, invitee=_chair_on(m, people)
        ),
        lambda m, people: (
            reverse("meetings:invitee-remove", args=[m.pk, _chair_on(m, people).pk]),
            {},
        ),
    ),
    "answer": (
        "chair",
        lambda m, people: meetings.invitee_answer(
            actor=people["chair"], invitee=_chair_on(m, people), response="in_person"
        ),
        lambda m, people: (reverse("meetings:answer", args=[m.pk]), {"response": "in_person"}),
    ),
    "record_attendance": (
        "site_admin",
        lambda m, people: meetings.attendance_record(
            actor=people["site_admin"], meeting=m, present=[], expected="none"
        ),
        lambda m, people: (reverse("meetings:attendance", args=[m.pk]), {"expected": "none"}),
    ),
    "add_document": (
        "site_admin",
        lambda m, people: meetings.document_add(
            actor=people["site_admin"], meeting=m, title="Read-ahead", upload=pdf_upload()
        ),
        lambda m, people: (
            reverse("meetings:document-add", args=[m.pk]),
            {"title": "Read-ahead", "marking": "predecisional", "upload": pdf_upload()},
        ),
    ),
    "record_outcomes": (
        "site_admin",
        lambda m, people: meetings.decision_record(
            actor=people["site_admin"], meeting=m, text="Agreed."
        ),
        lambda m, people: (reverse("meetings:decision-add", args=[m.pk]), {"text": "Agreed."}),
    ),
    "arrange_agenda": (
        "site_admin",
        lambda m, people: meetings.agenda_item_add(
            actor=people["site_admin"], meeting=m, title="Welcome"
        ),
        lambda m, people: (
            reverse("meetings:agenda-item-add", args=[m.pk]),
            {"title": "Welcome", "kind": "information"},
        ),
    ),
    "propose_item": (
        "chair",
        lambda m, people: meetings.agenda_item_propose(
            actor=people["chair"], meeting=m, title="DOJ grants"
        ),
        lambda m, people: (
            reverse("meetings:agenda-item-propose", args=[m.pk]),
            {"title": "DOJ grants", "kind": "information"},
        ),
    ),
    "remind": (
        "site_admin",
        lambda m, people: meetings.meeting_remind_now(
            actor=people["site_admin"], meeting=m, audience="everyone", message="Soon."
        ),
        lambda m, people: (
            reverse("meetings:remind", args=[m.pk]),
            {"audience": "everyone", "message": "Soon."},
        ),
    ),
}


@pytest.fixture
def meeting_people(people):
    return {**people, "speaker": UserFactory(agency=people["staff"].agency)}


@pytest.mark.parametrize("state, name", cases(MEETING))
def test_a_meeting_refuses_what_its_table_forbids(client, meeting_people, clock, state, name):
    people = meeting_people
    meeting = meeting_in(state, people, clock)
    before = snapshot_meeting(meeting)
    who, service, url = MEETING_TRIES[name]
    with pytest.raises(TransitionRefused):
        service(meeting, people)
    assert snapshot_meeting(meeting) == before
    refused_through_url(
        client, people[who], *url(meeting, people), _refusal(MEETING, meeting, name)
    )
    assert snapshot_meeting(meeting) == before


def invitee_in(state: str, people, clock) -> Invitee:
    meeting = meeting_in("scheduled", people, clock)
    invitee = _chair_on(meeting, people)
    if state == "removed":
        meetings.invitee_remove(actor=people["site_admin"], meeting=meeting, invitee=invitee)
        invitee.refresh_from_db()
    assert INVITEE.state(invitee) == state
    return invitee


INVITEE_TRIES = {
    "answer": MEETING_TRIES["answer"],
    "take_off": MEETING_TRIES["take_off"],
    "invite_again": (
        "site_admin",
        lambda m, people: meetings.invitee_add(
            actor=people["site_admin"], meeting=m, person=people["chair"]
        ),
        lambda m, people: (
            reverse("meetings:invitee-add", args=[m.pk]),
            {"person": people["chair"].pk},
        ),
    ),
}


@pytest.mark.parametrize("state, name", cases(INVITEE))
def test_a_place_on_the_list_refuses_what_its_table_forbids(
    client, meeting_people, clock, state, name
):
    people = meeting_people
    invitee = invitee_in(state, people, clock)
    meeting = invitee.meeting
    before = snapshot_meeting(meeting)
    who, service, url = INVITEE_TRIES[name]
    # Refused by the table; adding someone already on the list is said on the form's field.
    refusal = "is already invited" if name == "invite_again" else _refusal(INVITEE, invitee, name)
    with pytest.raises(ValidationError) as refused:
        service(meeting, people)
    assert refusal in " ".join(refused.value.messages)
    assert snapshot_meeting(meeting) == before
    refused_through_url(client, people[who], *url(meeting, people), refusal)
    assert snapshot_meeting(meeting) == before


# Agenda items --------------------------------------------------------------------------------


def agenda_item_in(state: str, people, clock) -> AgendaItem:
    """A proposal of DOJ (the committee's chair) to a scheduled Grantmaking Committee meeting,
    beside an item on its agenda ("Host"), decided into `state`."""
    meeting = meeting_in("scheduled", people, clock)
    host = meetings.agenda_item_add(actor=people["site_admin"], meeting=meeting, title="Host")
    item = meetings.agenda_item_propose(actor=people["chair"], meeting=meeting, title="DOJ grants")
    decision = {
        "accepted": "accept",
        "declined": "decline",
        "merged": "merge",
        "removed": "accept",
    }.get(state)
    if decision:
        meetings.agenda_item_decide(
            actor=people["site_admin"], item=item, decision=decision, note="No", merged_into=host
        )
    if state == "removed":
        meetings.agenda_item_decide(actor=people["site_admin"], item=item, decision="remove")
    item.refresh_from_db()
    assert AGENDA_ITEM.state(item) == state
    return item


def _decide(decision: str):
    return (
        "site_admin",
        lambda item, people: meetings.agenda_item_decide(
            actor=people["site_admin"],
            item=item,
            decision=decision,
            note="No",
            merged_into=item.meeting.agenda_items.get(title="Host"),
        ),
        lambda item, people: (
            reverse("meetings:agenda-item-decide", args=[item.meeting_id, item.pk]),
            {
                "decision": decision,
                "note": "No",
                "merged_into": item.meeting.agenda_items.get(title="Host").pk,
            },
        ),
    )


AGENDA_ITEM_TRIES = {
    "accept": _decide("accept"),
    "decline": _decide("decline"),
    "merge": _decide("merge"),
    "remove": _decide("remove"),
    "move": (
        "site_admin",
        lambda item, people: meetings.agenda_item_move(
            actor=people["site_admin"], item=item, up=True
        ),
        lambda item, people: (
            reverse("meetings:agenda-item-move", args=[item.meeting_id, item.pk]),
            {"direction": "up"},
        ),
    ),
    "edit": (
        "site_admin",
        lambda item, people: meetings.agenda_item_edit(
            actor=people["site_admin"], item=item, expected_version=item.version, title="Changed"
        ),
        lambda item, people: (
            reverse("meetings:agenda-item-edit", args=[item.meeting_id, item.pk]),
            {"title": "Changed", "kind": "information", "version": item.version},
        ),
    ),
}


@pytest.mark.parametrize("state, name", cases(AGENDA_ITEM))
def test_an_agenda_item_refuses_what_its_table_forbids(client, people, clock, state, name):
    item = agenda_item_in(state, people, clock)
    before = snapshot_meeting(item.meeting)
    who, service, url = AGENDA_ITEM_TRIES[name]
    with pytest.raises(TransitionRefused):
        service(item, people)
    assert snapshot_meeting(item.meeting) == before
    refused_through_url(client, people[who], *url(item, people), _refusal(AGENDA_ITEM, item, name))
    assert snapshot_meeting(item.meeting) == before


# Action items --------------------------------------------------------------------------------


def action_item_in(state: str, people, clock) -> ActionItem:
    """DOJ's action item of a Grantmaking Committee meeting that is over, moved into `state`."""
    meeting = meeting_in("over", people, clock)
    item = meetings.action_item_add(
        actor=people["site_admin"],
        meeting=meeting,
        title="Send the figures",
        owner_agency=people["chair"].agency,
        due_date=MEETING_DAY + datetime.timedelta(days=14),
    )
    move = {"in_progress": "start", "done": "finish", "dropped": "drop"}.get(state)
    if move:
        meetings.action_item_update(
            actor=people["chair"], item=item, expected_version=1, move=move, note="Why"
        )
    item.refresh_from_db()
    assert ACTION_ITEM.state(item) == state
    return item


def _update(move: str):
    return (
        "chair",
        lambda item, people: meetings.action_item_update(
            actor=people["chair"], item=item, expected_version=item.version, move=move, note="Why"
        ),
        lambda item, people: (
            reverse("meetings:action", args=[item.pk]),
            {"move": move, "note": "Why", "version": item.version},
        ),
    )


ACTION_ITEM_TRIES = {name: _update(name) for name in ("start", "finish", "drop", "note", "reopen")}


@pytest.mark.parametrize("state, name", cases(ACTION_ITEM))
def test_an_action_item_refuses_what_its_table_forbids(client, people, clock, state, name):
    item = action_item_in(state, people, clock)
    before = snapshot_meeting(item.meeting)
    who, service, url = ACTION_ITEM_TRIES[name]
    with pytest.raises(TransitionRefused):
        service(item, people)
    assert snapshot_meeting(item.meeting) == before
    refused_through_url(client, people[who], *url(item, people), _refusal(ACTION_ITEM, item, name))
    assert snapshot_meeting(item.meeting) == before


# Minutes -------------------------------------------------------------------------------------


def minutes_in(state: str, people, clock) -> Minutes:
    """The minutes of a Grantmaking Committee meeting that is over, which DOJ (its chair)
    attended, moved into `state` by the site administrator (of DOS)."""
    meeting = meeting_in("over", people, clock)
    admin = people["site_admin"]
    meetings.attendance_record(
        actor=admin,
        meeting=meeting,
        present=[meetings.Present(person=people["chair"], mode="in_person")],
        expected="none",
    )
    minutes = meetings.minutes_start(actor=admin, meeting=meeting)
    if state in ("circulated", "approved"):
        meetings.minutes_circulate(
            actor=admin, minutes=minutes, expected_version=1, deadline=datetime.date(2027, 4, 13)
        )
    if state == "approved":
        meetings.minutes_approve(actor=admin, minutes=minutes, expected_version=2)
    minutes.refresh_from_db()
    assert MINUTES.state(minutes) == state
    return minutes


def _minutes_try(service, name: str, data):
    return (
        "site_admin",
        lambda m, people: service(
            actor=people["site_admin"], minutes=m, expected_version=m.version
        ),
        lambda m, people: (
            reverse(f"meetings:minutes-{name}", args=[m.meeting_id]),
            {"version": m.version, **data},
        ),
    )


MINUTES_TRIES = {
    "edit": _minutes_try(
        lambda **kw: meetings.minutes_save(**kw, text="Changed"), "edit", {"text": "Changed"}
    ),
    "circulate": _minutes_try(
        lambda **kw: meetings.minutes_circulate(**kw, deadline=datetime.date(2027, 4, 13)),
        "circulate",
        {"deadline": "2027-04-13"},
    ),
    "approve": _minutes_try(meetings.minutes_approve, "approve", {}),
    "amend": _minutes_try(
        lambda **kw: meetings.minutes_amend(**kw, reason="Typo", text="Changed"),
        "amend",
        {"reason": "Typo", "text": "Changed"},
    ),
}


def snapshot_minutes(minutes: Minutes):
    minutes.refresh_from_db()
    return (
        minutes.status,
        minutes.version,
        list(minutes.versions.values_list("number", "text")),
        Circulation.objects.count(),
    )


@pytest.mark.parametrize("state, name", cases(MINUTES))
def test_minutes_refuse_what_their_table_forbids(client, people, clock, state, name):
    minutes = minutes_in(state, people, clock)
    before = snapshot_minutes(minutes)
    who, service, url = MINUTES_TRIES[name]
    with pytest.raises(TransitionRefused):
        service(minutes, people)
    assert snapshot_minutes(minutes) == before
    refused_through_url(
        client, people[who], *url(minutes, people), _refusal(MINUTES, minutes, name)
    )
    assert snapshot_minutes(minutes) == before
