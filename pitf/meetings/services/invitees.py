"""The list of invitees: kept in step with the body's representatives and offices, and changed by
the chair's office one person at a time."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone

from pitf.audit import log_event
from pitf.meetings import calendar, selectors
from pitf.meetings.models import Invitee, Meeting
from pitf.meetings.services.notices import (
    _on_list,
    _require_manages,
    cancellation_notice,
    invitation_notice,
    notices_send,
)
from pitf.meetings.services.reminders import reminders_plan
from pitf.meetings.workflows import INVITEE, MEETING
from pitf.models import User

# The list of invitees -----------------------------------------------------------------------


def invitees_sync(
    *, meeting: Meeting, notify_kept: str | None = None, previous: dict | None = None
) -> tuple[int, int]:
    """Bring the list in line with the body on the meeting's date: people newly designated (or
    appointed) are invited, people whose designation ended before it are taken off and sent a
    cancellation; people added by hand or sent in someone's place stay. `notify_kept` sends the
    people who stay a notice of that kind (a change). Returns (added, removed)."""
    expected = {e.person.pk: e for e in selectors.expected_invitees(meeting)}
    rows = {i.person_id: i for i in meeting.invitees.select_related("person", "agency")}
    added, removed, kept = [], [], []
    now = timezone.now()
    for person_id, row in rows.items():
        automatic = row.source not in (Invitee.Source.ADDED, Invitee.Source.SENT_IN_PLACE)
        if row.on_list and automatic and person_id not in expected:
            row.removed_at = now
            row.save(update_fields=["removed_at"])
            removed.append(row)
        elif row.on_list:
            kept.append(row)
    new = []
    for person_id, wanted in expected.items():
        row = rows.get(person_id)
        if row is None:
            new.append(
                Invitee(
                    meeting=meeting,
                    person=wanted.person,
                    agency=wanted.agency,
                    source=wanted.source,
                )
            )
        elif not row.on_list and row.source != Invitee.Source.ADDED and not row.removed_by_hand:
            row.removed_at = None
            row.source = wanted.source
            row.times_invited += 1
            row.save(update_fields=["removed_at", "source", "times_invited"])
            added.append(row)
    added += _insert(new)
    if meeting.cancelled:
        return len(added), len(removed)
    invitation = calendar.Invitation(meeting, attendees=kept + added)
    notices = [
        invitation_notice(meeting, row, invitation, kind="meeting.invitation") for row in added
    ]
    notices += [cancellation_notice(meeting, row, removed=True) for row in removed]
    if notify_kept:
        # `previous`: the time it moved from, said beside the new one.
        notices += [
            invitation_notice(meeting, row, invitation, kind=notify_kept, previous=previous)
            for row in kept
        ]
    notices_send(notices)
    return len(added), len(removed)


def _insert(invitees: list[Invitee]) -> list[Invitee]:
    """Insert a list's new rows at once, then send the signal each save would have sent, so
    that each has its entry in the audit log's field history as if saved one by one."""
    Invitee.objects.bulk_create(invitees)
    for invitee in invitees:
        post_save.send(
            sender=Invitee,
            instance=invitee,
            created=True,
            update_fields=None,
            raw=False,
            using=invitee._state.db,
        )
    return invitees


def invitee_add(*, actor: User, meeting: Meeting, person: User) -> Invitee:
    _require_manages(actor, meeting.body)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        MEETING.require(meeting, "invite")
        if not person.is_active:
            raise ValidationError({"person": f"{person}'s account is not active."})
        row, created = Invitee.objects.get_or_create(
            meeting=meeting,
            person=person,
            defaults={"agency": person.agency, "source": Invitee.Source.ADDED},
        )
        if not created and not INVITEE.can(row, "invite_again"):
            raise ValidationError({"person": f"{person} is already invited."})
        if not created:
            row.removed_at = None
            row.removed_by_hand = False
            row.source = Invitee.Source.ADDED
            row.times_invited += 1
            row.save(update_fields=["removed_at", "removed_by_hand", "source", "times_invited"])
        invitation = calendar.Invitation(meeting, attendees=_on_list(meeting))
        notices_send([invitation_notice(meeting, row, invitation, kind="meeting.invitation")])
        reminders_plan(meeting=meeting)
        log_event("meeting.invitee_added", actor=actor, target=meeting, person=person.email)
    return row


def invitee_deactivated(*, actor: User, person: User) -> int:
    """The person's account was deactivated (people.services.user_deactivate, in its
    transaction): take them off every upcoming meeting's list, with no cancellation sent to an
    account that no longer signs in, and drop their waiting reminders. Returns how many lists."""
    rows = list(
        Invitee.objects.select_for_update(of=("self",))
        .filter(
            person=person,
            removed_at__isnull=True,
            meeting__starts_at__gt=timezone.now(),
            meeting__status=Meeting.Status.SCHEDULED,
        )
        .select_related("meeting", "meeting__body")
    )
    now = timezone.now()
    for invitee in rows:
        invitee.removed_at = now
        invitee.save(update_fields=["removed_at"])
        reminders_plan(meeting=invitee.meeting)
        log_event(
            "meeting.invitee_removed",
            actor=actor,
            target=invitee.meeting,
            person=person.email,
            reason="account deactivated",
        )
    return len(rows)


def invitee_remove(*, actor: User, meeting: Meeting, invitee: Invitee) -> Invitee:
    _require_manages(actor, meeting.body)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        MEETING.require(meeting, "take_off")
        invitee = Invitee.objects.select_for_update().select_related("person").get(pk=invitee.pk)
        if invitee.meeting_id != meeting.pk:
            raise ValidationError("That person is not on the list.")
        INVITEE.require(invitee, "take_off")
        invitee.removed_at = timezone.now()
        invitee.removed_by_hand = True
        invitee.save(update_fields=["removed_at", "removed_by_hand"])
        notices_send([cancellation_notice(meeting, invitee, removed=True)])
        reminders_plan(meeting=meeting)
        log_event(
            "meeting.invitee_removed", actor=actor, target=meeting, person=invitee.person.email
        )
    return invitee
