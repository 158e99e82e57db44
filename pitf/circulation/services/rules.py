"""What every write of circulation shares: who may act, the deadlines and reminders, which agencies
are asked, and writing to them through the outbox."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from pitf import workdays
from pitf.circulation.models import Circulation, Delegate, Recipient
from pitf.circulation.selectors import people_to_write
from pitf.formats import long_date
from pitf.links import page_link
from pitf.models import Agency, Body, Membership, User
from pitf.notifications.services import Notice, notifications_send_many
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


def _notice(circulation: Circulation, person, kind: str, occasion: str, **context) -> Notice:
    return Notice(
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


def _write(circulation: Circulation, kind: str, occasion: str, agency_ids, **context) -> int:
    """Write to the people of `agency_ids` (people_to_write); the worker writes and sends each
    notice (the outbox's fan-out). Returns how many."""
    notices = [
        _notice(circulation, person, kind, occasion, **context)
        for persons in people_to_write(circulation, list(agency_ids)).values()
        for person in persons
    ]
    if notices:
        notifications_send_many(notices)
    return len(notices)


def _write_owner(circulation: Circulation, kind: str, occasion: str, **context) -> None:
    """The person who circulated it and the owner agency's representatives in the body."""
    owners = {circulation.circulated_by_id: circulation.circulated_by}
    for persons in people_to_write(circulation, [circulation.owner_agency_id]).values():
        owners.update({person.pk: person for person in persons})
    notices = [
        _notice(circulation, person, kind, occasion, **context)
        for person in owners.values()
        if person.is_active
    ]
    if notices:
        notifications_send_many(notices)
