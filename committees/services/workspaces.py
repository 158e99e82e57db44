"""Writes of a workspace: the chair's office adds charter versions and approves one (never two
on the same date), posts announcements (each of the body's people told once) and closes a
working group with what it delivered; the daily sweep reminds a working group's chair's office
30 days before its sunset, once per sunset date."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max

from committees.access import require_keeper
from committees.models import Announcement, Charter, Workspace
from pitf import workdays
from pitf.audit import log_event
from pitf.concurrency import current_at, save_versioned
from pitf.links import page_link
from pitf.models import Body, BodyRole, Designation, User
from pitf.notifications.services import Notice, notifications_send_many

SUNSET_NOTICE = datetime.timedelta(days=30)


def body_people(body: Body, day: datetime.date | None = None) -> list[str]:
    """The addresses of the body's people on `day`: its active chair and chair's office and the
    active principals and alternates designated to it (two queries)."""
    day = day or workdays.today_in_washington()
    offices = BodyRole.objects.filter(body=body, person__is_active=True).current_on(day)
    designated = Designation.objects.filter(body=body, person__is_active=True).current_on(day)
    addresses = set(offices.values_list("person__email", flat=True))
    addresses |= set(designated.values_list("person__email", flat=True))
    return sorted(addresses)


def office_people(body: Body, day: datetime.date | None = None) -> list[str]:
    day = day or workdays.today_in_washington()
    offices = BodyRole.objects.filter(
        body=body, person__is_active=True, role=BodyRole.Role.CHAIRS_OFFICE
    ).current_on(day)
    return sorted(set(offices.values_list("person__email", flat=True)))


def workspace_of(body: Body) -> Workspace:
    return Workspace.objects.get_or_create(body=body)[0]


def charter_add(*, actor: User, body: Body, text: str) -> Charter:
    """A new version of the charter, not yet approved."""
    require_keeper(actor, body)
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Write the charter's text."})
    with transaction.atomic():
        Body.objects.select_for_update().filter(pk=body.pk).first()
        number = (body.charters.aggregate(last=Max("number"))["last"] or 0) + 1
        charter = Charter.objects.create(body=body, number=number, text=text, added_by=actor)
        log_event("committees.charter_added", actor=actor, target=body, version=number)
    return charter


def charter_approve(*, actor: User, charter: Charter, approved_on: datetime.date) -> Charter:
    """Mark a version approved on a date; another version approved on that date is refused."""
    require_keeper(actor, charter.body)
    if charter.approved_on is not None:
        raise ValidationError(
            f"Version {charter.number} was approved on {charter.approved_on:%B %-d, %Y}."
        )
    if approved_on > workdays.today_in_washington():
        raise ValidationError({"approved_on": "A charter is approved on a past day or today."})
    charter.approved_on = approved_on
    try:
        with transaction.atomic():
            charter.save(update_fields=["approved_on"])
    except IntegrityError:
        other = Charter.objects.get(body=charter.body_id, approved_on=approved_on)
        raise ValidationError(
            {
                "approved_on": f"Version {other.number} was approved on "
                f"{approved_on:%B %-d, %Y}; a date has one approved charter."
            }
        ) from None
    log_event(
        "committees.charter_approved",
        actor=actor,
        target=charter.body,
        version=charter.number,
        approved_on=approved_on.isoformat(),
    )
    return charter


def announcement_post(*, actor: User, body: Body, title: str, text: str) -> Announcement:
    """Post an announcement; each of the body's people is e-mailed once."""
    require_keeper(actor, body)
    title, text = title.strip(), text.strip()
    if not title or not text:
        raise ValidationError("Write the announcement's title and text.")
    with transaction.atomic():
        announcement = Announcement.objects.create(
            body=body, title=title, text=text, posted_by=actor
        )
        link = page_link("committees:workspace", body.short_name)
        notifications_send_many(
            [
                Notice(
                    kind="committees.announcement",
                    recipient=address,
                    context={"announcement": announcement, "body": body, "link": link},
                    about=announcement,
                    occasion="posted",
                )
                for address in body_people(body)
            ]
        )
        log_event("committees.announced", actor=actor, target=body, title=title)
    return announcement


def close_out(
    *, actor: User, body: Body, closed_on: datetime.date, summary: str, expected_version: int
) -> Workspace:
    """Close a working group with the summary of what it delivered."""
    require_keeper(actor, body)
    if body.kind != Body.Kind.WORKING_GROUP:
        raise ValidationError("Only an ad hoc working group is closed out.")
    summary = summary.strip()
    if not summary:
        raise ValidationError({"summary": "Say what the working group delivered."})
    if body.established and closed_on < body.established:
        raise ValidationError({"closed_on": "The working group closes after it was established."})
    with transaction.atomic():
        workspace = current_at(workspace_of(body), expected_version)
        workspace.closed_on = closed_on
        workspace.close_out_summary = summary
        save_versioned(
            workspace,
            expected_version=expected_version,
            update_fields=["closed_on", "close_out_summary"],
        )
        log_event("committees.closed_out", actor=actor, target=body, closed_on=str(closed_on))
    return workspace


def sunsets_remind(*, limit: int = 50) -> int:
    """Remind each open working group's chair's office 30 days before its sunset (or at once,
    when the sunset is nearer), once per sunset date: the workspaces are claimed with FOR
    UPDATE SKIP LOCKED, so two beats never remind twice. Returns how many were reminded."""
    today = workdays.today_in_washington()
    near = Body.objects.filter(
        kind=Body.Kind.WORKING_GROUP, sunset__gte=today, sunset__lte=today + SUNSET_NOTICE
    )
    Workspace.objects.bulk_create(
        [Workspace(body=body) for body in near.filter(workspace__isnull=True)],
        ignore_conflicts=True,
    )
    with transaction.atomic():
        claimed = list(
            Workspace.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("body")
            .filter(body__in=near, closed_on__isnull=True)
            .exclude(sunset_reminded_for=F("body__sunset"))
            .order_by("body__sunset", "pk")[:limit]
        )
        notices = []
        for workspace in claimed:
            body = workspace.body
            link = page_link("committees:workspace", body.short_name)
            notices += [
                Notice(
                    kind="committees.sunset",
                    recipient=address,
                    context={"body": body, "link": link},
                    about=workspace,
                    occasion=f"sunset-{body.sunset.isoformat()}",
                )
                for address in office_people(body)
            ]
            workspace.sunset_reminded_for = body.sunset
            workspace.save(update_fields=["sunset_reminded_for"])
        if notices:
            notifications_send_many(notices)
    return len(claimed)
