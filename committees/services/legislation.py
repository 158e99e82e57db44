"""Writes of the legislation tracker: the working group's chair's office imports bills from the
bill status XML (all of the files or none; a bill already there is brought up to date, an
unchanged one left alone) or types one in, and circulates a bill for the agencies' comments;
each member agency's staff write their agency's view of a bill (support, oppose, technical
comments or no position), a change since it was read refused rather than overwritten."""

from __future__ import annotations

import dataclasses
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from committees.access import require_keeper, sees
from committees.bills import BillStatusError, congress_link, parse_bill_status
from committees.models import AgencyView, Bill
from pitf import workdays
from pitf.audit import log_event
from pitf.circulation import services as circulation
from pitf.concurrency import EditConflict
from pitf.models import Body, Membership, User
from pitf.roles import acts_for, roles_of

LEGISLATION = "legislation"


def legislation() -> Body:
    return Body.objects.get(short_name=LEGISLATION)


@dataclasses.dataclass
class Imported:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def bills_import(*, actor: User | None, files: list[tuple[str, bytes]]) -> Imported:
    """Import bill status files: every file read first, and if any is refused nothing is saved
    (each refusal names its file and line). `actor` None is the management command."""
    if actor is not None:
        require_keeper(actor, legislation())
    facts, errors = [], []
    for name, data in files:
        try:
            facts.append(parse_bill_status(data))
        except BillStatusError as error:
            errors.append(f"{name}, {error}")
    if errors:
        raise ValidationError(errors)
    result = Imported()
    with transaction.atomic():
        for fact in facts:
            values = dataclasses.asdict(fact)
            key = {name: values.pop(name) for name in ("congress", "bill_type", "number")}
            bill = Bill.objects.select_for_update().filter(**key).first()
            if bill is None:
                Bill.objects.create(**key, **values, added_by=actor)
                result.created += 1
            elif any(getattr(bill, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(bill, name, value)
                bill.version += 1
                bill.save()
                result.updated += 1
            else:
                result.unchanged += 1
        if actor is not None:
            log_event("committees.bills_imported", actor=actor, **dataclasses.asdict(result))
    return result


def bill_add(*, actor: User, **values) -> Bill:
    """A bill typed in (its link to congress.gov made from its number)."""
    require_keeper(actor, legislation())
    key = {name: values[name] for name in ("congress", "bill_type", "number")}
    if Bill.objects.filter(**key).exists():
        raise ValidationError({"number": "This bill is already tracked."})
    if not values.get("link"):
        values["link"] = congress_link(key["congress"], key["bill_type"], key["number"])
    with transaction.atomic():
        bill = Bill(added_by=actor, **values)
        bill.full_clean()
        bill.save()
        log_event("committees.bill_added", actor=actor, target=bill)
    return bill


def may_give_view(user, agency_id: int | None, roles=None) -> bool:
    """An agency that belongs to the working group today: its own staff give its view."""
    body = legislation()
    if not (acts_for(user, agency_id) and sees(user, roles or roles_of(user), body)):
        return False
    today = workdays.today_in_washington()
    return Membership.objects.filter(body=body, agency_id=agency_id).current_on(today).exists()


def view_write(
    *, actor: User, bill: Bill, agency, expected_version: int, position: str, comments: str = ""
) -> AgencyView:
    """An agency's view of a bill, by its own staff; `expected_version` 0 for the first."""
    if not may_give_view(actor, agency.pk):
        raise PermissionDenied("An agency's own staff give its view of a bill.")
    if position not in AgencyView.Position.values:
        raise ValidationError({"position": "Choose the agency's position."})
    if position == AgencyView.Position.TECHNICAL and not comments.strip():
        raise ValidationError({"comments": "Write the technical comments."})
    with transaction.atomic():
        view, _ = AgencyView.objects.select_for_update().get_or_create(
            bill=bill,
            agency=agency,
            defaults={"position": position, "written_by": actor, "version": 0},
        )
        if view.version != expected_version:
            raise EditConflict(view)
        view.position, view.comments, view.written_by = position, comments.strip(), actor
        view.version += 1
        view.save()
        log_event("committees.bill_view", actor=actor, target=bill, position=position)
    return view


def bill_circulate(*, actor: User, bill: Bill, deadline: datetime.date, message: str = ""):
    """Ask the working group's member agencies for their views, through circulation for
    comment (the actor's agency owns it)."""
    body = legislation()
    require_keeper(actor, body)
    if actor.agency_id is None:
        raise PermissionDenied("A bill is circulated by the chair's office's staff.")
    return circulation.circulation_start(
        actor=actor,
        document=bill,
        owner_agency=actor.agency,
        title=f"Agency views: {bill.label}",
        deadline=deadline,
        message=message,
        body=body,
    )
