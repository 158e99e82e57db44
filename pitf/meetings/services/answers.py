"""Answers to an invitation: by the invitee signed in, by the one-click link of the e-mails, or by
an alternate in the principal's place."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from pitf.audit import log_event
from pitf.meetings import calendar
from pitf.meetings.models import Invitee
from pitf.meetings.services.notices import (
    RSVP_SALT,
    _on_list,
    cancellation_notice,
    invitation_notice,
    notices_send,
)
from pitf.meetings.services.reminders import reminders_plan
from pitf.meetings.workflows import INVITEE, MEETING
from pitf.models import User

# An answer link is good for a year and a half (a fiscal year's plan is sent up to a year ahead)
# and never after its meeting is over.
RSVP_LINK_MAX_AGE = datetime.timedelta(days=550)


def rsvp_invitee(token: str) -> tuple[Invitee | None, str]:
    """The invitee of a signed link and "", or None and why the link does not work: "invalid"
    (tampered with, or the person is no longer on the list) or "expired" (too old, or its
    meeting is over)."""
    from django.core import signing

    try:
        data = signing.loads(token, salt=RSVP_SALT, max_age=RSVP_LINK_MAX_AGE)
    except signing.SignatureExpired:
        return None, "expired"
    except signing.BadSignature:
        return None, "invalid"
    if not isinstance(data, dict):
        return None, "invalid"
    invitee = (
        Invitee.objects.select_related("meeting", "meeting__body", "person", "agency")
        .filter(
            pk=data.get("i"),
            meeting_id=data.get("m"),
            removed_at__isnull=True,
            person__is_active=True,
        )
        .first()
    )
    if invitee is None:
        return None, "invalid"
    if invitee.meeting.ends_at <= timezone.now():
        return None, "expired"
    return invitee, ""


def alternates_for(invitee: Invitee) -> list[User]:
    """Whom a principal may send: the alternates of their agency in the body on the meeting's
    date (not themselves)."""
    from pitf.models import Designation

    if invitee.agency_id is None:
        return []
    day = invitee.meeting.local_start.date()
    return [
        d.person
        for d in Designation.objects.filter(
            body=invitee.meeting.body,
            agency_id=invitee.agency_id,
            role=Designation.Role.ALTERNATE,
            person__is_active=True,
        )
        .current_on(day)
        .exclude(person_id=invitee.person_id)
        .select_related("person")
        .order_by("person__full_name")
    ]


def invitee_answer(
    *, actor: User | None, invitee: Invitee, response: str, alternate: User | None = None
) -> Invitee:
    """Record an invitee's answer (from the meeting page, or a signed link with no actor: the
    invitee themselves). Sending an alternate names one of the agency's alternates, who is then
    invited."""
    if actor is not None and actor.pk != invitee.person_id:
        raise PermissionDenied("Only the invitee answers for themselves.")
    if response not in Invitee.Response.values or not response:
        raise ValidationError({"response": "Choose one of the answers."})
    with transaction.atomic():
        invitee = (
            Invitee.objects.select_for_update(of=("self",))
            .select_related("meeting", "meeting__body", "person", "agency")
            .get(pk=invitee.pk)
        )
        meeting = invitee.meeting
        MEETING.require(meeting, "answer")
        INVITEE.require(invitee, "answer")
        if response == Invitee.Response.SENDING_ALTERNATE:
            allowed = {person.pk for person in alternates_for(invitee)}
            if alternate is None or alternate.pk not in allowed:
                raise ValidationError(
                    {"alternate": "Choose one of your agency's alternates in this body."}
                )
        else:
            alternate = None
        sent_before = invitee.alternate_id
        invitee.response = response
        invitee.alternate = alternate
        invitee.responded_at = timezone.now()
        invitee.save(update_fields=["response", "alternate", "responded_at"])
        if sent_before is not None and sent_before != (alternate.pk if alternate else None):
            # The principal comes after all, or sends someone else: whom they had sent is taken
            # off the list and told, as anyone the list no longer holds.
            replaced = meeting.invitees.filter(
                person_id=sent_before, source=Invitee.Source.SENT_IN_PLACE, removed_at__isnull=True
            ).first()
            if replaced is not None:
                replaced.removed_at = timezone.now()
                replaced.save(update_fields=["removed_at"])
                notices_send([cancellation_notice(meeting, replaced, removed=True)])
        if alternate is not None:
            row, created = Invitee.objects.get_or_create(
                meeting=meeting,
                person=alternate,
                defaults={"agency": invitee.agency, "source": Invitee.Source.SENT_IN_PLACE},
            )
            if not created and not row.on_list:
                row.removed_at = None
                row.removed_by_hand = False
                row.source = Invitee.Source.SENT_IN_PLACE
                row.times_invited += 1
                row.save(update_fields=["removed_at", "removed_by_hand", "source", "times_invited"])
            if alternate.pk != sent_before:
                # Told, whether or not already on the list (an alternate of the body is), and
                # told by whom: an invitation of its own for each time they are sent.
                notice = invitation_notice(
                    meeting,
                    row,
                    calendar.Invitation(meeting, attendees=_on_list(meeting)),
                    kind="meeting.invitation",
                    occasion=(
                        f"seq-{meeting.sequence}-in-place-of-{invitee.pk}-"
                        f"{invitee.responded_at:%Y%m%d%H%M%S%f}"
                    ),
                    sent_by=invitee.person,
                )
                notices_send([notice])
        reminders_plan(meeting=meeting)
        log_event(
            "meeting.answered",
            actor=actor or invitee.person,
            target=meeting,
            person=invitee.person.email,
            response=response,
            alternate=alternate.email if alternate else "",
        )
    return invitee
