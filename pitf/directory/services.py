"""Writes of the directory: agencies, bodies, memberships and designations. Each function checks
everything before it writes, writes all or nothing in one transaction, and leaves an explicit
audit entry beside the field history django-auditlog keeps."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction

from pitf.audit import log_event
from pitf.concurrency import EditConflict, save_versioned
from pitf.directory.selectors import agency_acronym_taken, agency_name_taken
from pitf.formats import date_span, long_date
from pitf.models import Agency, Body, Designation, Membership, User
from pitf.permissions import require_site_admin
from pitf.roles import roles_of

ONE_DAY = datetime.timedelta(days=1)
# Bodies created in the product's pages; the task force and the SPOG exist once, from the
# reference data.
CREATABLE_BODY_KINDS = (Body.Kind.STANDING_COMMITTEE, Body.Kind.WORKING_GROUP)


def _require_designates_for(actor: User, agency: Agency) -> None:
    if not roles_of(actor).manages_agency(agency.pk):
        raise PermissionDenied(
            f"You may manage the designations of the agency you represent only, not of "
            f"{agency.name}."
        )


def _current(instance, expected_version: int):
    """The row as saved now, a fresh copy the caller may change (the caller's own instance is
    left as it was); EditConflict first if it changed since the form was loaded."""
    current = type(instance)._default_manager.filter(pk=instance.pk).first()
    if current is None or current.version != expected_version:
        raise EditConflict(current or instance)
    return current


def _lock_body(body: Body) -> Body:
    """Lock the body's row for the rest of the transaction. Every write to a body's
    memberships and designations takes this lock first, so two requests cannot both pass an
    overlap check and then both save (a check cannot lock rows that do not exist yet)."""
    return Body.objects.select_for_update().get(pk=body.pk)


def _lock_people(*people: User) -> dict[int, User]:
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


def _integrity(error: IntegrityError, fields: dict[str, str]) -> ValidationError:
    """A unique name or acronym taken by a request that saved a moment before this one."""
    text = str(error)
    for field, message in fields.items():
        if field in text:
            return ValidationError({field: message})
    return ValidationError("The change could not be saved; please try again.")


# Agencies ----------------------------------------------------------------------------------

AGENCY_FIELDS = ["name", "acronym", "kind", "parent", "website"]


def _agency_errors(agency: Agency) -> dict[str, str]:
    errors = {}
    editing = agency if agency.pk is not None else None
    if agency_name_taken(agency.name, exclude=editing):
        errors["name"] = f"An agency named “{agency.name}” already exists."
    if agency_acronym_taken(agency.acronym, exclude=editing):
        errors["acronym"] = f"The acronym {agency.acronym} is already used by another agency."
    parent = agency.parent
    if parent is not None:
        if agency.pk is not None and parent.pk == agency.pk:
            errors["parent"] = "An agency cannot be its own parent department."
        elif parent.parent_id is not None:
            errors["parent"] = (
                f"{parent.name} is itself a component of another department; choose the department."
            )
        elif agency.pk is not None and agency.components.exists():
            errors["parent"] = (
                f"{agency.name} has components of its own, so it cannot become a component."
            )
    if agency.kind == Agency.Kind.COMPONENT and parent is None:
        errors["parent"] = "A component needs its parent department."
    if agency.kind != Agency.Kind.COMPONENT and parent is not None:
        errors["kind"] = "An agency with a parent department is a component; choose that kind."
    return errors


UNIQUE_AGENCY = {
    "name": "An agency with this name was saved a moment ago by someone else.",
    "acronym": "An agency with this acronym was saved a moment ago by someone else.",
}


def agency_create(
    *,
    actor: User,
    name: str,
    acronym: str,
    kind: str,
    parent: Agency | None = None,
    website: str = "",
) -> Agency:
    require_site_admin(actor, "create agencies")
    agency = Agency(
        name=name.strip(),
        acronym=acronym.strip().upper(),
        kind=kind,
        parent=parent,
        website=website.strip(),
    )
    errors = _agency_errors(agency)
    if errors:
        raise ValidationError(errors)
    agency.full_clean()
    try:
        with transaction.atomic():
            agency.save()
            log_event("agency.created", actor=actor, target=agency)
    except IntegrityError as error:
        raise _integrity(error, UNIQUE_AGENCY) from error
    return agency


def agency_update(
    *,
    actor: User,
    agency: Agency,
    expected_version: int,
    name: str,
    acronym: str,
    kind: str,
    parent: Agency | None,
    website: str,
) -> Agency:
    """Edit an agency's name, acronym, kind, parent department and website; EditConflict if
    someone saved it since the form was loaded."""
    require_site_admin(actor, "edit agencies")
    agency = _current(agency, expected_version)
    agency.name = name.strip()
    agency.acronym = acronym.strip().upper()
    agency.kind = kind
    agency.parent = parent
    agency.website = website.strip()
    errors = _agency_errors(agency)
    if errors:
        raise ValidationError(errors)
    agency.full_clean(exclude=["version"])
    try:
        with transaction.atomic():
            save_versioned(agency, expected_version=expected_version, update_fields=AGENCY_FIELDS)
            log_event("agency.changed", actor=actor, target=agency)
    except IntegrityError as error:
        raise _integrity(error, UNIQUE_AGENCY) from error
    return agency


def agency_deactivate(*, actor: User, agency: Agency, expected_version: int) -> Agency:
    """Deactivate an agency: it leaves the public directory and the lists people are invited
    or designated from, and its designations no longer make anyone a representative. Its
    memberships and designations stay as they are: history does not change."""
    require_site_admin(actor, "deactivate agencies")
    agency = _current(agency, expected_version)
    if not agency.active:
        raise ValidationError(f"{agency.name} is already inactive.")
    agency.active = False
    with transaction.atomic():
        save_versioned(agency, expected_version=expected_version, update_fields=["active"])
        log_event("agency.deactivated", actor=actor, target=agency)
    return agency


def agency_reactivate(*, actor: User, agency: Agency, expected_version: int) -> Agency:
    require_site_admin(actor, "reactivate agencies")
    agency = _current(agency, expected_version)
    if agency.active:
        raise ValidationError(f"{agency.name} is already active.")
    agency.active = True
    with transaction.atomic():
        save_versioned(agency, expected_version=expected_version, update_fields=["active"])
        log_event("agency.reactivated", actor=actor, target=agency)
    return agency


# Bodies ------------------------------------------------------------------------------------

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
    if errors:
        raise ValidationError(errors)
    body.full_clean()
    try:
        with transaction.atomic():
            body.save()
            log_event("body.created", actor=actor, target=body, kind=body.kind)
    except IntegrityError as error:
        raise _integrity(error, UNIQUE_BODY) from error
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
    body = _current(body, expected_version)
    body.name = name.strip()
    body.chair_title = chair_title.strip()
    body.chair_agency = chair_agency
    body.cadence = cadence
    body.purpose = purpose.strip()
    body.charter = charter.strip()
    body.established = established
    body.sunset = sunset
    errors = _body_errors(body)
    if errors:
        raise ValidationError(errors)
    body.full_clean(exclude=["version"])
    try:
        with transaction.atomic():
            save_versioned(body, expected_version=expected_version, update_fields=BODY_FIELDS)
            log_event("body.changed", actor=actor, target=body)
    except IntegrityError as error:
        raise _integrity(error, UNIQUE_BODY) from error
    return body


# Memberships -------------------------------------------------------------------------------


def _membership_overlap_error(
    *,
    agency: Agency,
    body: Body,
    start: datetime.date,
    end: datetime.date | None,
    exclude: list[int] | None = None,
) -> str | None:
    clash = (
        Membership.objects.filter(agency=agency, body=body)
        .overlapping(start, end)
        .exclude(pk__in=exclude or [])
        .order_by("start_date")
        .first()
    )
    if clash is None:
        return None
    return (
        f"{agency.acronym} already belongs to the {body.name} "
        f"({clash.get_status_display().lower()}, {date_span(clash.start_date, clash.end_date)}); "
        "memberships of one agency in one body cannot overlap. End that membership first, or "
        "change its status."
    )


def _membership_dates_errors(
    *, body: Body, start: datetime.date, end: datetime.date | None, start_field: str
) -> dict[str, str]:
    errors = {}
    if end is not None and end < start:
        errors["end_date"] = (
            f"The end date ({long_date(end)}) is before the start date ({long_date(start)})."
        )
    if body.established and start < body.established:
        errors[start_field] = (
            f"The {body.name} was established on {long_date(body.established)}; a membership cannot "
            "start before that."
        )
    if body.sunset and start > body.sunset:
        errors[start_field] = (
            f"The {body.name} ended on {long_date(body.sunset)} (its sunset date); a membership "
            "cannot start after that."
        )
    return errors


def membership_join(
    *,
    actor: User,
    agency: Agency,
    body: Body,
    status: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
) -> Membership:
    """An agency joins a body, as a member or invited (observer), from `start_date`."""
    require_site_admin(actor, "record memberships")
    with transaction.atomic():
        body = _lock_body(body)
        errors = _membership_dates_errors(
            body=body, start=start_date, end=end_date, start_field="start_date"
        )
        if not agency.active:
            errors["agency"] = f"{agency.name} is inactive; reactivate it before it joins a body."
        elif "end_date" not in errors:
            overlap = _membership_overlap_error(
                agency=agency, body=body, start=start_date, end=end_date
            )
            if overlap:
                errors["agency"] = overlap
        if errors:
            raise ValidationError(errors)
        membership = Membership(
            agency=agency, body=body, status=status, start_date=start_date, end_date=end_date
        )
        membership.full_clean()
        membership.save()
        log_event(
            "membership.joined",
            actor=actor,
            target=membership,
            agency=agency.acronym,
            body=body.short_name,
            status=status,
            start_date=start_date.isoformat(),
        )
    return membership


def membership_end(
    *,
    actor: User,
    membership: Membership,
    expected_version: int,
    end_date: datetime.date,
) -> Membership:
    """The agency leaves the body: `end_date` is its last day as member (or invited). The
    agency's designations in that body that run past it end on the same day; one that would
    start after it must be ended first."""
    require_site_admin(actor, "record memberships")
    with transaction.atomic():
        body = _lock_body(membership.body)
        membership = _current(membership, expected_version)
        errors = {}
        if end_date < membership.start_date:
            errors["end_date"] = (
                f"The end date ({long_date(end_date)}) is before the start date "
                f"({long_date(membership.start_date)})."
            )
        later = (
            Designation.objects.filter(agency=membership.agency, body=body, start_date__gt=end_date)
            .filter(start_date__lte=membership.end_date or datetime.date.max)
            .select_related("person")
            .first()
        )
        if later is not None and "end_date" not in errors:
            errors["end_date"] = (
                f"{later.person}'s designation for {membership.agency.acronym} starts on "
                f"{long_date(later.start_date)}, after this date; end that designation first."
            )
        if errors:
            raise ValidationError(errors)
        membership.end_date = end_date
        membership.full_clean(exclude=["version"])
        save_versioned(membership, expected_version=expected_version, update_fields=["end_date"])
        cut = list(
            Designation.objects.filter(agency=membership.agency, body=body)
            .current_on(end_date)
            .filter(models.Q(end_date__isnull=True) | models.Q(end_date__gt=end_date))
            .select_related("person")
        )
        for designation in cut:
            designation.end_date = end_date
            save_versioned(
                designation, expected_version=designation.version, update_fields=["end_date"]
            )
            log_event(
                "designation.ended",
                actor=actor,
                target=designation,
                end_date=end_date.isoformat(),
                reason="the agency left the body",
            )
        log_event(
            "membership.left",
            actor=actor,
            target=membership,
            agency=membership.agency.acronym,
            body=body.short_name,
            end_date=end_date.isoformat(),
            designations_ended=len(cut),
        )
    return membership


def membership_change_status(
    *,
    actor: User,
    membership: Membership,
    expected_version: int,
    status: str,
    on: datetime.date,
) -> Membership:
    """An invited agency becomes a member (or a member becomes an observer) on `on`: the old
    membership ends the day before and a new one starts that day, so the history stays true.
    Returns the new membership."""
    require_site_admin(actor, "record memberships")
    with transaction.atomic():
        body = _lock_body(membership.body)
        membership = _current(membership, expected_version)
        errors = {}
        if status == membership.status:
            errors["status"] = (
                f"{membership.agency.acronym} is already "
                f"{membership.get_status_display().lower()}; choose the other status."
            )
        if on <= membership.start_date:
            errors["on"] = (
                f"The change must come after the membership began ({long_date(membership.start_date)})."
            )
        elif membership.end_date is not None and on > membership.end_date:
            errors["on"] = (
                f"This membership ended on {long_date(membership.end_date)}; the change must fall "
                "within it."
            )
        if errors:
            raise ValidationError(errors)
        original_end = membership.end_date
        membership.end_date = on - ONE_DAY
        save_versioned(membership, expected_version=expected_version, update_fields=["end_date"])
        successor = Membership(
            agency=membership.agency,
            body=body,
            status=status,
            start_date=on,
            end_date=original_end,
        )
        successor.full_clean()
        successor.save()
        log_event(
            "membership.status_changed",
            actor=actor,
            target=successor,
            agency=membership.agency.acronym,
            body=body.short_name,
            before=membership.status,
            after=status,
            on=on.isoformat(),
        )
    return successor


# Designations ------------------------------------------------------------------------------


def _designation_errors(
    *,
    person: User,
    agency: Agency,
    body: Body,
    role: str,
    start: datetime.date,
    end: datetime.date | None,
    person_field: str = "person",
    start_field: str = "start_date",
) -> dict[str, str]:
    """Everything that makes a designation wrong, keyed by the form field to show it on. Run
    inside the transaction that holds the body's lock."""
    errors = {}
    if end is not None and end < start:
        errors["end_date"] = (
            f"The end date ({long_date(end)}) is before the start date ({long_date(start)})."
        )
    if not agency.active:
        errors["agency"] = f"{agency.name} is inactive; reactivate it before designating for it."
    if person.agency_id != agency.pk:
        theirs = person.agency.acronym if person.agency_id else "no agency"
        errors[person_field] = (
            f"{person} is staff of {theirs}, not of {agency.acronym}: a person represents their "
            "own agency only."
        )
    elif not person.is_active:
        errors[person_field] = f"{person}'s account is deactivated; reactivate it first."
    if not Membership.objects.filter(agency=agency, body=body).current_on(start).exists():
        errors[start_field] = (
            f"{agency.acronym} does not belong to the {body.name} on {long_date(start)}; record its "
            "membership first, or choose a date when it belongs."
        )
    if errors:
        return errors
    principal = (
        Designation.objects.filter(agency=agency, body=body, role=Designation.Role.PRINCIPAL)
        .overlapping(start, end)
        .select_related("person")
        .first()
    )
    if role == Designation.Role.PRINCIPAL and principal is not None:
        errors["role"] = (
            f"{agency.acronym} already has a principal in the {body.name} at these dates: "
            f"{principal.person} ({date_span(principal.start_date, principal.end_date)}). Hand that "
            "designation over instead, or end it first."
        )
    mine = (
        Designation.objects.filter(person=person, body=body)
        .overlapping(start, end)
        .select_related("agency")
        .first()
    )
    if mine is not None:
        errors[person_field] = (
            f"{person} is already designated in the {body.name} at these dates "
            f"({mine.get_role_display().lower()} for {mine.agency.acronym}, "
            f"{date_span(mine.start_date, mine.end_date)}); a person holds one designation per body."
        )
    return errors


def designation_create(
    *,
    actor: User,
    person: User,
    agency: Agency,
    body: Body,
    role: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
) -> Designation:
    """Designate a person to represent their agency in a body, as principal or alternate."""
    _require_designates_for(actor, agency)
    with transaction.atomic():
        body = _lock_body(body)
        person = _lock_people(person)[person.pk]
        errors = _designation_errors(
            person=person, agency=agency, body=body, role=role, start=start_date, end=end_date
        )
        if errors:
            raise ValidationError(errors)
        designation = Designation(
            person=person,
            agency=agency,
            body=body,
            role=role,
            start_date=start_date,
            end_date=end_date,
        )
        designation.full_clean()
        designation.save()
        log_event(
            "designation.made",
            actor=actor,
            target=designation,
            person=person.email,
            agency=agency.acronym,
            body=body.short_name,
            role=role,
            start_date=start_date.isoformat(),
        )
    return designation


def designation_end(
    *,
    actor: User,
    designation: Designation,
    expected_version: int,
    end_date: datetime.date,
) -> Designation:
    """End a designation: `end_date` is the person's last day in the role."""
    _require_designates_for(actor, designation.agency)
    with transaction.atomic():
        _lock_body(designation.body)
        designation = _current(designation, expected_version)
        if end_date < designation.start_date:
            raise ValidationError(
                {
                    "end_date": f"The end date ({long_date(end_date)}) is before the start date "
                    f"({long_date(designation.start_date)})."
                }
            )
        designation.end_date = end_date
        designation.full_clean(exclude=["version"])
        save_versioned(designation, expected_version=expected_version, update_fields=["end_date"])
        log_event(
            "designation.ended",
            actor=actor,
            target=designation,
            end_date=end_date.isoformat(),
        )
    return designation


def designation_handover(
    *,
    actor: User,
    designation: Designation,
    expected_version: int,
    successor: User,
    start_date: datetime.date,
) -> Designation:
    """Hand a designation over to another person of the same agency in one step: the current
    holder's last day is the day before `start_date`, when the successor's designation (same
    role, agency and body) begins. Returns the successor's designation."""
    _require_designates_for(actor, designation.agency)
    with transaction.atomic():
        body = _lock_body(designation.body)
        designation = _current(designation, expected_version)
        people = _lock_people(designation.person, successor)
        successor = people[successor.pk]
        errors = {}
        if successor.pk == designation.person_id:
            errors["successor"] = (
                f"{successor} already holds this designation; choose someone else."
            )
        if start_date <= designation.start_date:
            errors["start_date"] = (
                f"The hand-over must come after {designation.person}'s designation began "
                f"({long_date(designation.start_date)})."
            )
        elif designation.end_date is not None and start_date > designation.end_date + ONE_DAY:
            errors["start_date"] = (
                f"{designation.person}'s designation ended on {long_date(designation.end_date)}; "
                "there is nothing to hand over on this date. Designate the successor instead."
            )
        if errors:
            raise ValidationError(errors)
        original_end = designation.end_date
        designation.end_date = start_date - ONE_DAY
        save_versioned(designation, expected_version=expected_version, update_fields=["end_date"])
        new_end = original_end if original_end and original_end >= start_date else None
        # The checks see the shortened designation, so it does not clash with its successor.
        errors = _designation_errors(
            person=successor,
            agency=designation.agency,
            body=body,
            role=designation.role,
            start=start_date,
            end=new_end,
            person_field="successor",
        )
        if errors:
            raise ValidationError(errors)
        handed = Designation(
            person=successor,
            agency=designation.agency,
            body=body,
            role=designation.role,
            start_date=start_date,
            end_date=new_end,
        )
        handed.full_clean()
        handed.save()
        log_event(
            "designation.handed_over",
            actor=actor,
            target=handed,
            agency=designation.agency.acronym,
            body=body.short_name,
            role=designation.role,
            before=designation.person.email,
            after=successor.email,
            start_date=start_date.isoformat(),
        )
    return handed
