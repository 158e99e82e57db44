"""Writes of a body's work plan: the chair's office adds and changes deliverables (a due date
within a working group's life, an owner of the owner agency, a reason to drop one); the owner
agency's staff write dated progress; the daily sweep reminds the owners of an overdue
deliverable once per overdue period."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from committees.access import require_keeper, writes_progress
from committees.models import Deliverable, DeliverableUpdate
from pitf import workdays
from pitf.audit import log_event
from pitf.concurrency import current_at, save_versioned
from pitf.links import page_link
from pitf.models import Agency, Body, Designation, Membership, User
from pitf.notifications.services import Notice, notifications_send_many
from pitf.roles import roles_of

# An overdue deliverable is reminded when it falls due, then once in each such period after.
OVERDUE_PERIOD = datetime.timedelta(days=30)

FIELDS = ("title", "description", "owner_agency", "owner", "due_date")


def _check(
    body: Body, values: dict, *, status: str, drop_reason: str, current: Deliverable | None = None
) -> None:
    """Refuse a due date after a working group's sunset, an owner agency outside the body, an
    owner of another agency and a drop without a reason (values not given are `current`'s)."""
    if current is not None:
        values = {name: getattr(current, name) for name in FIELDS} | values
    errors = {}
    due = values.get("due_date")
    if due and body.sunset and due > body.sunset:
        errors["due_date"] = (
            f"The {body} ends on {body.sunset:%B %-d, %Y}; a deliverable is due by then."
        )
    agency: Agency | None = values.get("owner_agency")
    today = workdays.today_in_washington()
    if agency is not None and not (
        Membership.objects.filter(body=body, agency=agency).current_on(today).exists()
    ):
        errors["owner_agency"] = f"{agency} does not belong to the {body}."
    owner: User | None = values.get("owner")
    if owner is not None and agency is not None and owner.agency_id != agency.pk:
        errors["owner"] = f"{owner} is not of {agency.acronym}; choose one of its staff."
    if status == Deliverable.Status.DROPPED and not drop_reason.strip():
        errors["drop_reason"] = "Say why the deliverable is dropped."
    if errors:
        raise ValidationError(errors)


def _link(deliverable: Deliverable, links: dict | None) -> None:
    """Link the meetings, decisions and action items given (those of the body's meetings)."""
    if links is None:
        return
    body_id = deliverable.body_id
    deliverable.meetings.set([m for m in links.get("meetings", ()) if m.body_id == body_id])
    for name in ("decisions", "action_items"):
        rows = [row for row in links.get(name, ()) if row.meeting.body_id == body_id]
        getattr(deliverable, name).set(rows)


def deliverable_add(*, actor: User, body: Body, links: dict | None = None, **values) -> Deliverable:
    require_keeper(actor, body)
    _check(body, values, status=Deliverable.Status.PLANNED, drop_reason="")
    with transaction.atomic():
        deliverable = Deliverable(body=body, created_by=actor, **values)
        deliverable.full_clean()
        deliverable.save()
        _link(deliverable, links)
        log_event("committees.deliverable_added", actor=actor, target=deliverable)
    return deliverable


def deliverable_change(
    *,
    actor: User,
    deliverable: Deliverable,
    expected_version: int,
    status: str,
    drop_reason: str = "",
    links: dict | None = None,
    **values,
) -> Deliverable:
    """The chair's office changes a deliverable's facts and status (dropping it needs a reason)."""
    require_keeper(actor, deliverable.body)
    _check(deliverable.body, values, status=status, drop_reason=drop_reason, current=deliverable)
    with transaction.atomic():
        deliverable = current_at(deliverable, expected_version)
        if values.get("due_date", deliverable.due_date) != deliverable.due_date:
            values["next_reminder_on"] = None
        for name, value in values.items():
            setattr(deliverable, name, value)
        deliverable.status = status
        deliverable.drop_reason = drop_reason.strip() if status == "dropped" else ""
        deliverable.full_clean()
        save_versioned(
            deliverable,
            expected_version=expected_version,
            update_fields=[*values, "status", "drop_reason"],
        )
        _link(deliverable, links)
    return deliverable


PROGRESS_STATUSES = (
    Deliverable.Status.PLANNED,
    Deliverable.Status.IN_PROGRESS,
    Deliverable.Status.DONE,
)


def progress_add(
    *, actor: User, deliverable: Deliverable, day: datetime.date, text: str, status: str
) -> DeliverableUpdate:
    """A dated note of progress by the owner agency (or the chair's office), which may move the
    deliverable on (planned, in progress, done; only the chair's office drops one)."""
    if not writes_progress(actor, roles_of(actor), deliverable):
        raise PermissionDenied("Only the owner agency's staff write its progress.")
    errors = {}
    if not text.strip():
        errors["text"] = "Say what progress was made."
    if day > workdays.today_in_washington():
        errors["day"] = "Progress is written for today or a past day."
    if status not in PROGRESS_STATUSES:
        errors["status"] = "Choose planned, in progress or done."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Deliverable.objects.select_for_update().get(pk=deliverable.pk)
        if locked.status == Deliverable.Status.DROPPED:
            raise ValidationError("The deliverable was dropped; its progress is closed.")
        update = DeliverableUpdate.objects.create(
            deliverable=locked, day=day, text=text.strip(), status=status, author=actor
        )
        if locked.status != status:
            locked.status = status
            locked.version += 1
            locked.save(update_fields=["status", "version"])
        log_event(
            "committees.progress", actor=actor, target=locked, status=status, day=day.isoformat()
        )
    return update


def _period(deliverable: Deliverable, today: datetime.date) -> str:
    """Which overdue period `today` falls in, for the notice's deduplication key."""
    number = ((today - deliverable.due_date).days - 1) // OVERDUE_PERIOD.days
    return f"{deliverable.due_date.isoformat()}/{number}"


def owner_addresses(deliverables) -> dict[int, list[str]]:
    """Each deliverable's owner, or, without an active one, its agency's people designated to
    the body (one query)."""
    keys = {(d.owner_agency_id, d.body_id) for d in deliverables}
    designated: dict[tuple[int, int], set[str]] = {}
    if keys:
        query = Q()
        for agency_id, body_id in keys:
            query |= Q(agency_id=agency_id, body_id=body_id)
        rows = (
            Designation.objects.filter(query, person__is_active=True)
            .current_on(workdays.today_in_washington())
            .values_list("agency_id", "body_id", "person__email")
        )
        for agency_id, body_id, email in rows:
            designated.setdefault((agency_id, body_id), set()).add(email)
    found = {}
    for deliverable in deliverables:
        owner = deliverable.owner
        if owner is not None and owner.is_active:
            found[deliverable.pk] = [owner.email]
        else:
            key = (deliverable.owner_agency_id, deliverable.body_id)
            found[deliverable.pk] = sorted(designated.get(key, ()))
    return found


def deliverables_remind_overdue(*, limit: int = 200) -> int:
    """Remind the owners of each open deliverable past its due date, once per overdue period:
    the deliverables are claimed with FOR UPDATE SKIP LOCKED and marked with the period they
    were reminded of, so two beats never remind twice. Returns how many were reminded."""
    today = workdays.today_in_washington()
    with transaction.atomic():
        due = list(
            Deliverable.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("body", "owner", "owner_agency")
            .filter(status__in=Deliverable.OPEN, due_date__lt=today)
            .filter(Q(next_reminder_on__isnull=True) | Q(next_reminder_on__lte=today))
            .order_by("due_date", "pk")[:limit]
        )
        addresses = owner_addresses(due)
        notices = []
        for deliverable in due:
            deliverable.next_reminder_on = today + OVERDUE_PERIOD
            link = page_link("committees:deliverable", deliverable.pk)
            notices += [
                Notice(
                    kind="committees.deliverable_overdue",
                    recipient=address,
                    context={"deliverable": deliverable, "body": deliverable.body, "link": link},
                    about=deliverable,
                    occasion=f"overdue-{_period(deliverable, today)}",
                )
                for address in addresses[deliverable.pk]
            ]
        Deliverable.objects.bulk_update(due, ["next_reminder_on"])
        if notices:
            notifications_send_many(notices)
    return len(due)
