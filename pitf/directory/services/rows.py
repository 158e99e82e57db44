"""What every directory write needs: the row as saved now, the locks that keep two writes from
both passing a check, and the message for a unique value taken a moment before."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from pitf.concurrency import current_at
from pitf.formats import long_date
from pitf.models import Body, User

ONE_DAY = datetime.timedelta(days=1)


def lock_body(body: Body) -> Body:
    """Lock the body's row for the rest of the transaction. Every write to a body's
    memberships and designations takes this lock first, so two requests cannot both pass an
    overlap check and then both save (a check cannot lock rows that do not exist yet)."""
    return Body.objects.select_for_update().get(pk=body.pk)


def lock_people(*people: User) -> dict[int, User]:
    """Lock the people's rows (in a fixed order, so two requests cannot deadlock), so that
    their agency cannot change between the check and the save."""
    pks = sorted({person.pk for person in people})
    return {
        person.pk: person
        for person in User.objects.select_for_update(of=("self",))
        .select_related("agency")
        .filter(pk__in=pks)
        .order_by("pk")
    }


def integrity_error(error: IntegrityError, fields: dict[str, str]) -> ValidationError:
    """A unique name or acronym taken by a request that saved a moment before this one."""
    text = str(error)
    for field, message in fields.items():
        if field in text:
            return ValidationError({field: message})
    return ValidationError("The change could not be saved; please try again.")


def end_within_body_life(
    body: Body, end: datetime.date | None, *, what: str
) -> tuple[datetime.date | None, dict[str, str]]:
    """A membership's or designation's last day, kept within the body's life: with no end given,
    a body with a sunset date ends it on that day; an end after the sunset is an error."""
    if body.sunset is None:
        return end, {}
    if end is None:
        return body.sunset, {}
    if end > body.sunset:
        return end, {
            "end_date": (
                f"The {body.name} ends on {long_date(body.sunset)} (its sunset date); a {what} "
                "cannot run past that. Leave the end date empty to end it with the body."
            )
        }
    return end, {}


def end_change_errors(row, end: datetime.date, *, what: str) -> dict[str, str]:
    """Ending a membership or designation: one that has already ended cannot be ended again,
    and a set end can only be brought forward (a later end could overlap rows recorded since)."""
    if row.end_date is None:
        return {}
    if row.end_date < timezone.localdate():
        return {
            "end_date": (
                f"This {what} already ended on {long_date(row.end_date)}; it cannot be ended "
                "again. Record a new one if it has resumed."
            )
        }
    if end > row.end_date:
        return {
            "end_date": (
                f"This {what} is already set to end on {long_date(row.end_date)}; the end can "
                "be brought forward, not moved later."
            )
        }
    return {}


def require_history_kept(actor: User, day: datetime.date | None, *, field: str, what: str):
    """Nobody but a site administrator puts a span's last day in the past: history is not
    rewritten from the directory's pages, and a correction is an audited administrator action."""
    from pitf.roles import roles_of

    today = timezone.localdate()
    if day is not None and day < today and not roles_of(actor).site_admin:
        raise ValidationError(
            {
                field: f"{long_date(day)} is in the past: a {what} ends today at the earliest. "
                "Only a site administrator corrects the record of earlier dates."
            }
        )


def span_end(row, *, expected_version: int, end_date: datetime.date, what: str):
    """End a designation or a term of office in the transaction that holds its body's lock:
    `end_date` is the last day. Returns the row as saved, or raises ValidationError (nothing
    saved) or EditConflict."""
    from pitf.concurrency import save_versioned

    row = current_at(row, expected_version)
    _, errors = end_within_body_life(row.body, end_date, what=what)
    for field, message in end_change_errors(row, end_date, what=what).items():
        errors.setdefault(field, message)
    if end_date < row.start_date:
        errors["end_date"] = (
            f"The end date ({long_date(end_date)}) is before the start date "
            f"({long_date(row.start_date)})."
        )
    if errors:
        raise ValidationError(errors)
    row.end_date = end_date
    row.full_clean(exclude=["version"])
    save_versioned(row, expected_version=expected_version, update_fields=["end_date"])
    return row
