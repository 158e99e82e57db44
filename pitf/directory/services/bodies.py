"""Writes of the directory's bodies: creating a committee or working group, editing a body."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from pitf.audit import log_event
from pitf.concurrency import current_at, save_versioned
from pitf.directory.services.rows import integrity_error, lock_body
from pitf.formats import long_date
from pitf.models import Agency, Body, User
from pitf.permissions import require_site_admin

# Bodies created in the product's pages; the task force and the SPOG exist once, from the
# reference data.
CREATABLE_BODY_KINDS = (Body.Kind.STANDING_COMMITTEE, Body.Kind.WORKING_GROUP)


BODY_FIELDS = [
    "name",
    "chair_title",
    "chair_agency",
    "cadence",
    "purpose",
    "charter",
    "established",
    "sunset",
]
UNIQUE_BODY = {
    "short_name": "A body with this short name was saved a moment ago by someone else.",
    "name": "A body with this name was saved a moment ago by someone else.",
}


def _body_errors(body: Body) -> dict[str, str]:
    errors = {}
    if body.sunset and body.established and body.sunset < body.established:
        errors["sunset"] = (
            f"The sunset date ({long_date(body.sunset)}) is before the date the body was established "
            f"({long_date(body.established)}); a body cannot end before it begins."
        )
    if body.sunset and body.kind != Body.Kind.WORKING_GROUP:
        errors["sunset"] = "Only an ad hoc working group has a sunset date; leave it empty."
    others = Body.objects.exclude(pk=body.pk)
    if others.filter(name__iexact=body.name).exists():
        errors["name"] = f"A body named “{body.name}” already exists."
    if others.filter(short_name__iexact=body.short_name).exists():
        errors["short_name"] = f"The short name “{body.short_name}” is already used."
    if body.chair_agency is not None and not body.chair_agency.active and body.pk is None:
        errors["chair_agency"] = f"{body.chair_agency.name} is inactive; choose an active agency."
    return errors


def _rows_outside_life(body: Body) -> dict[str, str]:
    """The body's memberships and designations that its new dates would leave outside its life:
    starting before it was established, or running past its sunset."""
    errors = {}
    rows = (("membership", body.memberships.all()), ("designation", body.designations.all()))
    if body.established:
        early = [(name, qs.filter(start_date__lt=body.established).count()) for name, qs in rows]
        early = [f"{count} {name}{'s' if count > 1 else ''}" for name, count in early if count]
        if early:
            errors["established"] = (
                f"This date would leave {' and '.join(early)} of the {body.name} starting before "
                f"{long_date(body.established)}; change or end them before moving it."
            )
    if body.sunset:
        late = Q(end_date__isnull=True) | Q(end_date__gt=body.sunset)
        after = [(name, qs.filter(late).count()) for name, qs in rows]
        after = [f"{count} {name}{'s' if count > 1 else ''}" for name, count in after if count]
        if after:
            errors["sunset"] = (
                f"This sunset would leave {' and '.join(after)} of the {body.name} running past "
                f"{long_date(body.sunset)} or without an end; end them by that day first."
            )
    return errors


def body_create(
    *,
    actor: User,
    kind: str,
    name: str,
    short_name: str,
    parent: Body | None,
    chair_title: str = "",
    chair_agency: Agency | None = None,
    cadence: str = Body.Cadence.AS_SET,
    purpose: str = "",
    charter: str = "",
    established: datetime.date | None = None,
    sunset: datetime.date | None = None,
) -> Body:
    """Create a standing committee or an ad hoc working group (with a sunset date) of the
    SPOG, or of another body given as `parent`."""
    require_site_admin(actor, "create bodies")
    if kind not in CREATABLE_BODY_KINDS:
        raise ValidationError({"kind": "Choose a standing committee or an ad hoc working group."})
    body = Body(
        kind=kind,
        name=name.strip(),
        short_name=short_name.strip().lower(),
        parent=parent,
        chair_title=chair_title.strip(),
        chair_agency=chair_agency,
        cadence=cadence,
        purpose=purpose.strip(),
        charter=charter.strip(),
        established=established,
        sunset=sunset,
    )
    errors = _body_errors(body)
    if parent is None:
        errors["parent"] = "Choose the body this one reports to, usually the SPOG."
    elif parent.kind not in (Body.Kind.TASK_FORCE, Body.Kind.OPERATING_GROUP):
        errors["parent"] = (
            f"A committee or working group reports to the SPOG (or the task force), not to the "
            f"{parent.name}."
        )
    if kind == Body.Kind.WORKING_GROUP and sunset is None and "sunset" not in errors:
        errors["sunset"] = "An ad hoc working group ends on a sunset date; give the date."
    if errors:
        raise ValidationError(errors)
    body.full_clean()
    try:
        with transaction.atomic():
            body.save()
            log_event("body.created", actor=actor, target=body, kind=body.kind)
    except IntegrityError as error:
        raise integrity_error(error, UNIQUE_BODY) from error
    return body


def body_update(
    *,
    actor: User,
    body: Body,
    expected_version: int,
    name: str,
    chair_title: str,
    chair_agency: Agency | None,
    cadence: str,
    purpose: str,
    charter: str,
    established: datetime.date | None,
    sunset: datetime.date | None,
) -> Body:
    """Edit a body's name, chair, cadence, purpose, charter and dates; EditConflict if someone
    saved it since the form was loaded."""
    require_site_admin(actor, "edit bodies")
    body = current_at(body, expected_version)
    body.name = name.strip()
    body.chair_title = chair_title.strip()
    body.chair_agency = chair_agency
    body.cadence = cadence
    body.purpose = purpose.strip()
    body.charter = charter.strip()
    had_sunset = body.sunset is not None
    body.established = established
    body.sunset = sunset
    errors = _body_errors(body)
    if had_sunset and sunset is None and body.kind == Body.Kind.WORKING_GROUP:
        errors["sunset"] = (
            "An ad hoc working group ends on a sunset date; move it rather than clear it."
        )
    if errors:
        raise ValidationError(errors)
    body.full_clean(exclude=["version"])
    try:
        with transaction.atomic():
            lock_body(body)
            errors = _rows_outside_life(body)
            if errors:
                raise ValidationError(errors)
            save_versioned(body, expected_version=expected_version, update_fields=BODY_FIELDS)
            log_event("body.changed", actor=actor, target=body)
    except IntegrityError as error:
        raise integrity_error(error, UNIQUE_BODY) from error
    return body
