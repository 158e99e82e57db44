"""The notices of a meeting: its invitation and cancellation to each invitee, with the calendar
file and the one-click answer links, and the addresses and words they share."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from pitf import workdays
from pitf.links import page_link
from pitf.meetings import calendar, replies, selectors
from pitf.meetings.models import Invitee, Meeting
from pitf.models import Body, User
from pitf.notifications.services import Attachment, Notice, notifications_send_many
from pitf.roles import roles_of

CALENDAR_REQUEST = "text/calendar; method=REQUEST"
CALENDAR_CANCEL = "text/calendar; method=CANCEL"


def _require_manages(actor: User, body: Body) -> None:
    if not selectors.manages_meetings_of(roles_of(actor), body.pk):
        raise PermissionDenied(
            f"Only the {body.name}'s chair's office and site administrators schedule and change "
            "its meetings."
        )


def meeting_link(meeting: Meeting) -> str:
    return page_link("meetings:detail", meeting.pk)


# Notices ------------------------------------------------------------------------------------


def _agencies_with_alternates(meeting: Meeting) -> set[int]:
    """The agencies that have an alternate in the meeting's body on its date: their people may
    send one (one query per meeting, kept on it while its notices are written)."""
    from pitf.models import Designation

    known = getattr(meeting, "_agencies_with_alternates", None)
    if known is None:
        known = set(
            Designation.objects.filter(
                body_id=meeting.body_id, role=Designation.Role.ALTERNATE, person__is_active=True
            )
            .current_on(meeting.local_start.date())
            .values_list("agency_id", flat=True)
        )
        meeting._agencies_with_alternates = known
    return known


def chairs_office_addresses(meeting: Meeting) -> list[str]:
    """Where a reply to a meeting's reminder goes: the body's chair's office today (the person
    who scheduled it if the office is empty), read once per meeting."""
    from pitf.models import BodyRole

    known = getattr(meeting, "_chairs_office_addresses", None)
    if known is None:
        known = sorted(
            set(
                BodyRole.objects.filter(
                    body_id=meeting.body_id,
                    role=BodyRole.Role.CHAIRS_OFFICE,
                    person__is_active=True,
                )
                .current_on(workdays.today_in_washington())
                .values_list("person__email", flat=True)
            )
        ) or [meeting.scheduled_by.email]
        meeting._chairs_office_addresses = known
    return known


def _context(meeting: Meeting, invitee: Invitee, **extra) -> dict:
    answer = page_link("meetings:rsvp", rsvp_token(invitee))
    return {
        "meeting": meeting,
        "invitee": invitee,
        "link": meeting_link(meeting),
        "answer_link": answer,
        # The e-mail offers to send an alternate only to someone who has one to send.
        "may_send_alternate": invitee.agency_id in _agencies_with_alternates(meeting)
        and invitee.source not in (Invitee.Source.ALTERNATE, Invitee.Source.SENT_IN_PLACE),
        **extra,
    }


def invitation_notice(
    meeting: Meeting,
    invitee: Invitee,
    invitation: calendar.Invitation,
    *,
    kind: str,
    occasion: str = "",
    **extra,
) -> Notice:
    """The invitation (or change) to one invitee, with the change's REQUEST (`invitation`,
    written once for the whole list): each person's file names the invitation's own reply
    address as ORGANIZER, so that their calendar program's answer comes back to the hub
    (replies.py). Recorded with the others by notices_send."""
    ics = invitation.for_organizer(replies.reply_address(invitee))
    return Notice(
        kind=kind,
        recipient=invitee.person.email,
        context=_context(meeting, invitee, **extra),
        about=meeting,
        occasion=occasion or f"seq-{meeting.sequence}{invitee.occasion_suffix}",
        attachments=(Attachment("invite.ics", ics, CALENDAR_REQUEST),),
    )


def cancellation_notice(meeting: Meeting, invitee: Invitee, *, removed: bool = False) -> Notice:
    return Notice(
        kind="meeting.cancelled",
        recipient=invitee.person.email,
        context=_context(meeting, invitee, removed=removed),
        about=meeting,
        occasion=f"cancel-seq-{meeting.sequence}{invitee.occasion_suffix}",
        attachments=(
            Attachment(
                "cancel.ics",
                calendar.cancellation_ics(meeting, attendees=[invitee]),
                CALENDAR_CANCEL,
            ),
        ),
    )


def notices_send(notices: list[Notice]) -> None:
    """Record a change's notices at once; the worker writes and sends each (the outbox)."""
    if notices:
        notifications_send_many(notices)


def _on_list(meeting: Meeting) -> list[Invitee]:
    return list(meeting.invitees.filter(removed_at__isnull=True).select_related("person", "agency"))


RSVP_SALT = "pitf.meetings.rsvp"


def rsvp_token(invitee: Invitee) -> str:
    """The signed part of the one-click answer links in the e-mails: it names the invitee and
    the meeting's sequence, so a link from before a change still opens the page (which shows
    the meeting as it is now) but a link for another person cannot be made."""
    from django.core import signing

    return signing.dumps({"i": invitee.pk, "m": invitee.meeting_id}, salt=RSVP_SALT, compress=True)
