"""An agency's lists: the contacts the document kinds write to and the delegates who submit its
answers, kept by its representatives."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from pitf.audit import log_event
from pitf.circulation import kinds
from pitf.circulation.models import Contact, Delegate
from pitf.models import Agency, User
from pitf.roles import roles_of

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
