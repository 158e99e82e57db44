"""Writes of circulation for comment: circulate a document, extend or withdraw it, draft and
submit an agency's answer, resolve and reply to comments, and the periodic reminder and close.
Every notice goes through the notification outbox, once per person and occasion."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from pitf import workdays
from pitf.audit import log_event
from pitf.circulation import kinds
from pitf.circulation.models import Circulation, Comment, Contact, Delegate, Recipient
from pitf.circulation.selectors import people_to_write
from pitf.circulation.workflows import ANSWER, CIRCULATION
from pitf.concurrency import current_at, save_versioned
from pitf.formats import long_date
from pitf.links import page_link
from pitf.models import Agency, Body, Membership, User
from pitf.notifications.services import notification_send
from pitf.roles import acts_for, roles_of

DEFAULT_BUSINESS_DAYS = 10
REMINDER_BUSINESS_DAYS = 2


def circulation_link(circulation: Circulation) -> str:
    return page_link("circulation:detail", circulation.pk)


# Who may do what ----------------------------------------------------------------------------


def _require_owner(actor: User, circulation: Circulation) -> None:
    if not acts_for(actor, circulation.owner_agency_id):
        raise PermissionDenied(
            f"Only {circulation.owner_agency.acronym}, which circulated it, may do this."
        )


def may_submit_for(actor: User, recipient: Recipient) -> bool:
    """The agency's representatives designated to the circulating body, and the delegates the
    agency's representatives named; a designation to another body does not answer for it."""
    if actor.agency_id != recipient.agency_id:
        return False
    if roles_of(actor).represents_in(recipient.agency_id, recipient.circulation.body_id):
        return True
    return Delegate.objects.filter(agency_id=recipient.agency_id, person=actor).exists()


def deadline_problem(day: datetime.date) -> str | None:
    if day <= workdays.today_in_washington():
        return f"{long_date(day)} has passed or is today; give the agencies at least a day."
    return workdays.day_problem(day)


def reminder_time(deadline: datetime.date) -> datetime.datetime | None:
    """9:00 AM Eastern two business days before the deadline, or None when that has passed (a
    circulation that short gets no reminder)."""
    at = workdays.opening_of(workdays.add_business_days(deadline, -REMINDER_BUSINESS_DAYS))
    return at if at > timezone.now() else None


# Recipients ---------------------------------------------------------------------------------


def default_recipients(body: Body, owner: Agency, *, day: datetime.date) -> list[Agency]:
    """The body's member agencies on `day`, without the owner."""
    return list(
        Agency.objects.filter(
            pk__in=Membership.objects.filter(body=body, status=Membership.Status.MEMBER)
            .current_on(day)
            .values("agency_id"),
            active=True,
        ).exclude(pk=owner.pk)
    )


def _write(circulation: Circulation, kind: str, occasion: str, agency_ids, **context) -> int:
    sent = 0
    for persons in people_to_write(circulation, list(agency_ids)).values():
        for person in persons:
            notification_send(
                kind=kind,
                recipient=person.email,
                context={
                    "circulation": circulation,
                    "person": person,
                    "link": circulation_link(circulation),
                    **context,
                },
                about=circulation,
                occasion=occasion,
            )
            sent += 1
    return sent


def _write_owner(circulation: Circulation, kind: str, occasion: str, **context) -> None:
    """The person who circulated it and the owner agency's representatives in the body."""
    owners = {circulation.circulated_by_id: circulation.circulated_by}
    for persons in people_to_write(circulation, [circulation.owner_agency_id]).values():
        owners.update({person.pk: person for person in persons})
    for person in owners.values():
        if person.is_active:
            notification_send(
                kind=kind,
                recipient=person.email,
                context={
                    "circulation": circulation,
                    "person": person,
                    "link": circulation_link(circulation),
                    **context,
                },
                about=circulation,
                occasion=occasion,
            )


# Circulating --------------------------------------------------------------------------------


def circulation_start(
    *,
    actor: User,
    document,
    owner_agency: Agency,
    title: str,
    deadline: datetime.date,
    message: str = "",
    body: Body | None = None,
    agencies: list[Agency] | None = None,
) -> Circulation:
    """Circulate `document` for comment until close of business (Eastern) on `deadline`, a
    business day: to `agencies`, or by default to the member agencies of `body` (unless given,
    the body its kind of document names) on that date, never to the owner. Each recipient
    agency's representatives in the body and the contacts the kind writes to are written to."""
    if not acts_for(actor, owner_agency.pk):
        raise PermissionDenied(f"Only staff of {owner_agency.acronym} circulate its documents.")
    body = body or kinds.default_body(kinds.kind_for_model(document))
    if body is None:
        raise ValidationError({"body": "Choose the body whose member agencies are asked."})
    problem = deadline_problem(deadline)
    if problem:
        raise ValidationError({"deadline": problem})
    today = workdays.today_in_washington()
    chosen = (
        default_recipients(body, owner_agency, day=today)
        if agencies is None
        else [a for a in agencies if a.pk != owner_agency.pk]
    )
    if not chosen and agencies is None:
        raise ValidationError(
            {
                "body": f"The {body.name} has no member agency other than yours today; choose "
                "the agencies instead."
            }
        )
    if not chosen:
        raise ValidationError(
            {"agencies": "Choose at least one agency other than yours to circulate it to."}
        )
    deadline_at = workdays.close_of_business(deadline)
    with transaction.atomic():
        circulation = Circulation.objects.create(
            document_type=ContentType.objects.get_for_model(document),
            document_id=str(document.pk),
            title=title,
            owner_agency=owner_agency,
            body=body,
            circulated_by=actor,
            message=message,
            deadline_at=deadline_at,
            remind_at=reminder_time(deadline),
        )
        Recipient.objects.bulk_create(
            Recipient(circulation=circulation, agency=agency) for agency in chosen
        )
        written = _write(circulation, "circulation.request", "request", [a.pk for a in chosen])
        log_event(
            "circulation.started",
            actor=actor,
            target=circulation,
            agencies=len(chosen),
            people=written,
            deadline=deadline.isoformat(),
        )
    return circulation


def circulation_extend(
    *, actor: User, circulation: Circulation, expected_version: int, deadline: datetime.date
) -> Circulation:
    """A later deadline; every recipient agency is told, and those that have not answered get a
    reminder again before it."""
    _require_owner(actor, circulation)
    with transaction.atomic():
        circulation = _locked(circulation, expected_version)
        CIRCULATION.require(circulation, "extend")
        if workdays.close_of_business(deadline) <= circulation.deadline_at:
            raise ValidationError(
                {"deadline": "The new deadline must be later than the current one."}
            )
        problem = deadline_problem(deadline)
        if problem:
            raise ValidationError({"deadline": problem})
        circulation.deadline_at = workdays.close_of_business(deadline)
        circulation.remind_at = reminder_time(deadline)
        circulation.reminded_at = None
        save_versioned(
            circulation,
            expected_version=expected_version,
            update_fields=["deadline_at", "remind_at", "reminded_at"],
        )
        agencies = circulation.recipients.values_list("agency_id", flat=True)
        _write(circulation, "circulation.extended", f"extended-{deadline.isoformat()}", agencies)
        log_event(
            "circulation.extended", actor=actor, target=circulation, deadline=deadline.isoformat()
        )
    return circulation


def _locked(circulation: Circulation, expected_version: int) -> Circulation:
    """The circulation as saved now, its row locked for the transaction (so the beat's close
    and a person's extend or withdraw happen one after the other, never both); EditConflict if
    it changed since the form was loaded."""
    current = Circulation.objects.select_for_update(of=("self",)).get(pk=circulation.pk)
    return current_at(current, expected_version)


def document_follows(circulation: Circulation, *, actor: User | None) -> None:
    """The circulated document's own state follows its circulation's close or withdrawal, in
    the same transaction: the feature that registered the document's kind says how
    (pitf.circulation.kinds.DocumentKind.ended)."""
    follow = kinds.kind_of(circulation.document_type_id).follow_end()
    if follow is not None:
        follow(circulation=circulation, actor=actor)


def circulation_withdraw(
    *, actor: User, circulation: Circulation, expected_version: int, reason: str
) -> Circulation:
    _require_owner(actor, circulation)
    if not reason.strip():
        raise ValidationError({"reason": "Say why it is withdrawn; the agencies are told."})
    with transaction.atomic():
        circulation = _locked(circulation, expected_version)
        changed = CIRCULATION.move(circulation, "withdraw")
        circulation.withdrawn_reason = reason
        circulation.closed_at = timezone.now()
        save_versioned(
            circulation,
            expected_version=expected_version,
            update_fields=[*changed, "withdrawn_reason", "closed_at"],
        )
        document_follows(circulation, actor=actor)
        agencies = circulation.recipients.values_list("agency_id", flat=True)
        _write(circulation, "circulation.withdrawn", "withdrawn", agencies, reason=reason)
        log_event("circulation.withdrawn", actor=actor, target=circulation, reason=reason)
    return circulation


# An agency's answer -------------------------------------------------------------------------


def _recipient_for(actor: User, circulation: Circulation) -> Recipient:
    recipient = circulation.recipients.filter(agency_id=actor.agency_id).first()
    if recipient is None or not actor.is_active:
        raise PermissionDenied("Your agency was not asked to comment on this document.")
    return recipient


def require_may_change_comment(actor: User, recipient: Recipient, *, what: str = "changes") -> None:
    """Who may change or remove a comment, asked by the pages before they offer the form and by
    the services before they save: staff of the commenting agency (PermissionDenied for anyone
    else), while the agency is still drafting its answer (ValidationError once it is closed or
    submitted)."""
    if recipient.agency_id != actor.agency_id:
        raise PermissionDenied(f"Only the commenting agency {what} its comments.")
    _require_drafting(recipient)


def _require_drafting(recipient: Recipient, transition: str = "comment") -> None:
    ANSWER.require(recipient, transition)


def comment_add(
    *, actor: User, circulation: Circulation, section: str, kind: str, text: str
) -> Comment:
    """A comment in the actor's agency's draft answer (seen only by that agency until it is
    submitted)."""
    with transaction.atomic():
        recipient = (
            Recipient.objects.select_for_update()
            .select_related("circulation", "agency")
            .get(pk=_recipient_for(actor, circulation).pk)
        )
        _require_drafting(recipient)
        comment = Comment(recipient=recipient, section=section, kind=kind, text=text, author=actor)
        comment.full_clean()
        comment.save()
    return comment


def comment_edit(
    *, actor: User, comment: Comment, expected_version: int, section: str, kind: str, text: str
) -> Comment:
    """Change a draft comment; a change someone of the agency saved in between is not
    overwritten (EditConflict)."""
    with transaction.atomic():
        recipient = Recipient.objects.select_for_update().get(pk=comment.recipient_id)
        require_may_change_comment(actor, recipient)
        comment = current_at(comment, expected_version)
        comment.section, comment.kind, comment.text = section, kind, text
        comment.full_clean()
        save_versioned(
            comment, expected_version=expected_version, update_fields=["section", "kind", "text"]
        )
    return comment


def comment_delete(*, actor: User, comment: Comment, expected_version: int) -> None:
    with transaction.atomic():
        recipient = Recipient.objects.select_for_update().get(pk=comment.recipient_id)
        require_may_change_comment(actor, recipient, what="removes")
        current_at(comment, expected_version).delete()


def answer_submit(
    *, actor: User, recipient: Recipient, expected_version: int, answer: str
) -> Recipient:
    """The agency's answer, final: its comments, or no comment. Only its representative or a
    delegate they named submits; a second submission is refused."""
    if not may_submit_for(actor, recipient):
        raise PermissionDenied(
            f"Only {recipient.agency.acronym}'s designated representatives, or a delegate they "
            "named, submit its answer."
        )
    with transaction.atomic():
        recipient = (
            Recipient.objects.select_for_update()
            .select_related("circulation", "agency")
            .get(pk=recipient.pk)
        )
        _require_drafting(recipient, "submit")
        if recipient.version != expected_version:
            from pitf.concurrency import EditConflict

            raise EditConflict(recipient)
        count = recipient.comments.count()
        if answer == Recipient.Answer.COMMENTS and count == 0:
            raise ValidationError({"answer": "There are no comments to submit; add one first."})
        if answer == Recipient.Answer.NO_COMMENT and count:
            raise ValidationError(
                {
                    "answer": f"The draft has {count} comment{'s' if count != 1 else ''}; remove "
                    "them to answer no comment, or submit them."
                }
            )
        if answer not in (Recipient.Answer.COMMENTS, Recipient.Answer.NO_COMMENT):
            raise ValidationError({"answer": "Choose comments or no comment."})
        recipient.answer = answer
        recipient.submitted_at = timezone.now()
        recipient.submitted_by = actor
        save_versioned(
            recipient,
            expected_version=expected_version,
            update_fields=["answer", "submitted_at", "submitted_by"],
        )
        log_event(
            "circulation.answered",
            actor=actor,
            target=recipient.circulation,
            agency=recipient.agency.acronym,
            answer=answer,
            comments=count,
        )
    return recipient


def answer_reopen(*, actor: User, recipient: Recipient, expected_version: int) -> Recipient:
    """The owner reopens a submitted answer, so the agency may change it before the deadline."""
    _require_owner(actor, recipient.circulation)
    with transaction.atomic():
        recipient = current_at(
            Recipient.objects.select_for_update(of=("self",))
            .select_related("circulation", "agency")
            .get(pk=recipient.pk),
            expected_version,
        )
        ANSWER.require(recipient, "reopen")
        recipient.answer, recipient.submitted_at, recipient.submitted_by = "", None, None
        save_versioned(
            recipient,
            expected_version=expected_version,
            update_fields=["answer", "submitted_at", "submitted_by"],
        )
        log_event(
            "circulation.reopened",
            actor=actor,
            target=recipient.circulation,
            agency=recipient.agency.acronym,
        )
    return recipient


# The owner's resolution ---------------------------------------------------------------------


def comment_resolve(
    *,
    actor: User,
    comment: Comment,
    expected_version: int,
    resolution: str,
    reason: str = "",
    reply: str = "",
) -> Comment:
    """The owner's resolution of a submitted comment (a reason is required when not adopted),
    and its reply to the commenting agency."""
    recipient = Recipient.objects.select_related("circulation__owner_agency").get(
        pk=comment.recipient_id
    )
    _require_owner(actor, recipient.circulation)
    ANSWER.require(recipient, "resolve")
    if resolution not in Comment.Resolution.values:
        raise ValidationError({"resolution": "Choose a resolution."})
    if resolution == Comment.Resolution.NOT_ADOPTED and not reason.strip():
        raise ValidationError({"reason": "Say why the comment is not adopted."})
    with transaction.atomic():
        comment = current_at(comment, expected_version)
        comment.resolution = resolution
        comment.resolution_reason = reason
        comment.reply = reply
        comment.resolved_by = actor
        save_versioned(
            comment,
            expected_version=expected_version,
            update_fields=["resolution", "resolution_reason", "reply", "resolved_by"],
        )
    return comment


# Periodic work ------------------------------------------------------------------------------


def circulations_remind_due(*, batch: int = 50) -> int:
    """Two business days before the deadline, the recipient agencies that have not submitted an
    answer get one reminder. Circulations are claimed with FOR UPDATE SKIP LOCKED and marked in
    the same transaction as their notices are recorded, so two beats at once, or a crash, never
    send one twice. Returns how many circulations were taken."""
    now = timezone.now()
    with transaction.atomic():
        due = list(
            Circulation.objects.select_for_update(skip_locked=True)
            .filter(status=Circulation.Status.OPEN, reminded_at__isnull=True, remind_at__lte=now)
            .filter(deadline_at__gt=now)
            .select_related("owner_agency", "body")
            .order_by("remind_at")[:batch]
        )
        for circulation in due:
            waiting = circulation.recipients.filter(submitted_at__isnull=True).values_list(
                "agency_id", flat=True
            )
            _write(
                circulation,
                "circulation.reminder",
                f"reminder-{circulation.deadline_at:%Y%m%d%H%M}",
                waiting,
            )
            circulation.reminded_at = now
            circulation.save(update_fields=["reminded_at"])
    return len(due)


def circulations_close_due(*, batch: int = 50) -> int:
    """At the deadline a circulation closes itself and the owner is told who answered."""
    now = timezone.now()
    with transaction.atomic():
        due = list(
            Circulation.objects.select_for_update(skip_locked=True)
            .filter(status=Circulation.Status.OPEN, deadline_at__lte=now)
            .select_related("owner_agency", "body", "circulated_by")
            .order_by("deadline_at")[:batch]
        )
        for circulation in due:
            changed = CIRCULATION.move(circulation, "close")
            circulation.closed_at = now
            # The version moves, so an extend or withdraw loaded before the close is refused
            # as an edit conflict rather than applied to a closed circulation.
            save_versioned(
                circulation,
                expected_version=circulation.version,
                update_fields=[*changed, "closed_at"],
            )
            document_follows(circulation, actor=None)
            recipients = list(circulation.recipients.select_related("agency"))
            _write_owner(
                circulation,
                "circulation.closed",
                "closed",
                answered=[r for r in recipients if r.answer == Recipient.Answer.COMMENTS],
                no_comment=[r for r in recipients if r.answer == Recipient.Answer.NO_COMMENT],
                silent=[r for r in recipients if not r.submitted],
                answered_count=sum(1 for r in recipients if r.submitted),
                asked=len(recipients),
            )
            log_event(
                "circulation.closed",
                target=circulation,
                answered=sum(1 for r in recipients if r.submitted),
                of=len(recipients),
            )
    return len(due)


def notice_unwanted(notification) -> str:
    """Why a notice asking an agency for its answer is no longer wanted when the outbox's turn
    comes: the circulation was withdrawn or closed meanwhile, or (a reminder) the person's agency
    has submitted its answer since."""
    if notification.about_id is None or notification.about_type_id != (
        ContentType.objects.get_for_model(Circulation).pk
    ):
        return ""
    circulation = Circulation.objects.filter(pk=notification.about_id).first()
    if circulation is None:
        return "the circulation no longer exists"
    if not CIRCULATION.can(circulation, "extend"):
        return f"the circulation was {CIRCULATION.states[CIRCULATION.state(circulation)]}"
    if notification.kind == "circulation.reminder":
        answered = Recipient.objects.filter(
            circulation=circulation,
            agency__in=User.objects.filter(email__iexact=notification.recipient).values(
                "agency_id"
            ),
            submitted_at__isnull=False,
        )
        if answered.exists():
            return "the agency has submitted its answer"
    return ""


# An agency's contacts and delegates ---------------------------------------------------------


def _require_manages(actor: User, agency: Agency) -> None:
    if not roles_of(actor).manages_agency(agency.pk):
        raise PermissionDenied(
            f"Only {agency.acronym}'s designated representatives and the secretariat keep its "
            "contacts and delegates."
        )


def _staff_of(agency: Agency, person: User, field: str) -> None:
    if person.agency_id != agency.pk or not person.is_active:
        raise ValidationError(
            {field: f"{person.full_name or person.email} is not on {agency.acronym}'s staff."}
        )


def _name(
    actor: User, agency: Agency, person: User, *, rows, by: str, what: str, event: str, **fields
):
    """One of the agency's staff added to one of its lists (`rows`, a query set of Contact
    rows of one topic or of Delegate rows; `fields` the rest of the row)."""
    _require_manages(actor, agency)
    _staff_of(agency, person, "person")
    if rows.filter(agency=agency, person=person).exists():
        raise ValidationError(
            {"person": f"{person.full_name or person.email} is already a {what}."}
        )
    with transaction.atomic():
        row = rows.model.objects.create(agency=agency, person=person, **{by: actor}, **fields)
        log_event(event, actor=actor, target=agency, person=person.email, **fields)
    return row


def _unname(actor: User, row, *, event: str, **fields) -> None:
    _require_manages(actor, row.agency)
    with transaction.atomic():
        row.delete()
        log_event(event, actor=actor, target=row.agency, person=row.person.email, **fields)


def agency_ties(person: User, agency_id: int) -> list[str]:
    """What keeps `person` acting for the agency `agency_id` in circulation, in words: its
    contact lists and delegates (a move to another agency waits until they are removed)."""
    ties = []
    topics = set(
        Contact.objects.filter(agency_id=agency_id, person=person).values_list("topic", flat=True)
    )
    for listed in kinds.contact_lists():
        if listed.topic in topics:
            ties.append(f"a {listed.noun} of the agency (its contacts page lists them)")
    if Delegate.objects.filter(agency_id=agency_id, person=person).exists():
        ties.append("a delegate who submits the agency's answers")
    return ties


def contact_add(*, actor: User, agency: Agency, person: User, topic: str) -> Contact:
    """A person of the agency on its list `topic` (a ContactList a document kind declares),
    who receives the documents of the kinds that write to that list."""
    listed = kinds.contact_list(topic)
    if listed is None:
        raise ValidationError({"person": "No document kind writes to such a list."})
    return _name(
        actor,
        agency,
        person,
        rows=Contact.objects.filter(topic=topic),
        by="added_by",
        what=listed.noun,
        event="circulation.contact_added",
        topic=topic,
    )


def contact_remove(*, actor: User, contact: Contact) -> None:
    _unname(actor, contact, event="circulation.contact_removed", topic=contact.topic)


def delegate_add(*, actor: User, agency: Agency, person: User) -> Delegate:
    """Someone the agency's representative names to submit its answers in their place."""
    return _name(
        actor,
        agency,
        person,
        rows=Delegate.objects.all(),
        by="named_by",
        what="delegate",
        event="circulation.delegate_named",
    )


def delegate_remove(*, actor: User, delegate: Delegate) -> None:
    _unname(actor, delegate, event="circulation.delegate_removed")
