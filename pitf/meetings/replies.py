"""Answers that come back from calendar programs. Each invitation names as its ORGANIZER the
hub's reply mailbox with a secret of its own (meetings+<invitee>-<secret>@domain, the chair's
office named as the organizer), so Accept and Decline in Outlook, Google Calendar or Apple
Calendar send an iTIP REPLY (RFC 5546) there. `reply_record` turns one such message into the
person's answer, exactly once (by Message-ID) and audited, and ignores a reply whose secret,
UID or SEQUENCE does not match, that is stale, or that comes for a cancelled or past meeting."""

from __future__ import annotations

import contextlib
import email
import email.policy
import hashlib
import hmac
import re
from dataclasses import dataclass

import icalendar
from django.conf import settings
from django.db import IntegrityError, transaction

from pitf.meetings.models import CalendarReply, Invitee, Meeting

SECRET_LENGTH = 20


def _secret(invitee_id: int, uid: str) -> str:
    key = settings.SECRET_KEY.encode()
    text = f"meeting-reply:{invitee_id}:{uid}".encode()
    return hmac.new(key, text, hashlib.sha256).hexdigest()[:SECRET_LENGTH]


def reply_address(invitee: Invitee) -> str:
    """The invitation's own reply address: local part short enough for any mail server (64)."""
    local, domain = settings.MEETING_REPLIES_ADDRESS.rsplit("@", 1)
    return f"{local}+{invitee.pk}-{_secret(invitee.pk, invitee.meeting.uid)}@{domain}"


def invitee_of(address: str) -> Invitee | None:
    """The invitation a reply address belongs to, if its secret is right."""
    local, domain = settings.MEETING_REPLIES_ADDRESS.rsplit("@", 1)
    match = re.fullmatch(
        rf"{re.escape(local)}\+(\d+)-([0-9a-f]{{{SECRET_LENGTH}}})@{re.escape(domain)}",
        address.strip().lower(),
    )
    if not match:
        return None
    invitee = Invitee.objects.select_related("meeting", "person").filter(pk=int(match[1])).first()
    if invitee is None or not hmac.compare_digest(
        match[2], _secret(invitee.pk, invitee.meeting.uid)
    ):
        return None
    return invitee


@dataclass(frozen=True)
class Outcome:
    """What became of a message: `ours` false when it is not a calendar reply to the hub (it
    stays in the mailbox for a person), else recorded, ignored (with the reason) or a
    duplicate of one already handled."""

    ours: bool
    status: str = ""
    reason: str = ""


NOT_OURS = Outcome(ours=False)


def _addresses(message) -> list[str]:
    found = []
    for header in ("Delivered-To", "X-Original-To", "To", "Cc"):
        for value in message.get_all(header, []):
            found += [address for _, address in email.utils.getaddresses([str(value)])]
    return found


def _reply_event(message) -> icalendar.Event | None:
    for part in message.walk():
        if part.get_content_type() not in ("text/calendar", "application/ics"):
            continue
        try:
            calendar = icalendar.Calendar.from_ical(part.get_payload(decode=True))
        except ValueError:
            continue
        if str(calendar.get("METHOD", "")).upper() != "REPLY":
            continue
        events = calendar.walk("VEVENT")
        if events:
            return events[0]
    return None


def _response_of(partstat: str, meeting: Meeting) -> str | None:
    if partstat == "ACCEPTED":
        return Invitee.Response.IN_PERSON if meeting.place else Invitee.Response.REMOTELY
    if partstat == "DECLINED":
        return Invitee.Response.NOT_ATTENDING
    return None  # TENTATIVE, NEEDS-ACTION, DELEGATED: answered on the hub instead


def reply_record(raw: bytes) -> Outcome:
    """Handle one message from the reply mailbox."""
    from pitf.meetings import services
    from pitf.meetings.workflows import INVITEE, MEETING

    message = email.message_from_bytes(raw, policy=email.policy.default)
    invitee = next(
        (found for found in map(invitee_of, _addresses(message)) if found is not None), None
    )
    event = _reply_event(message)
    if invitee is None or event is None:
        return NOT_OURS
    message_id = str(message.get("Message-ID", "")).strip() or (
        "sha256:" + hashlib.sha256(raw).hexdigest()
    )
    meeting = invitee.meeting
    attendee = event.get("ATTENDEE")
    if isinstance(attendee, list):
        attendee = attendee[0] if attendee else None
    partstat = str(attendee.params.get("PARTSTAT", "")).upper() if attendee is not None else ""
    sequence = int(event.get("SEQUENCE", 0))
    reason = ""
    if str(event.get("UID", "")) != meeting.uid:
        reason = "the reply is about another meeting"
    elif sequence < meeting.sequence:
        reason = "the reply answers an earlier version of the meeting"
    elif sequence > meeting.sequence:
        reason = "the reply answers a version the hub never sent"
    elif not MEETING.can(meeting, "answer"):
        reason = f"the meeting is {MEETING.states[MEETING.state(meeting)]}"
    elif not INVITEE.can(invitee, "answer"):
        reason = "the person is no longer on the list"
    response = _response_of(partstat, meeting)
    if not reason and response is None:
        reason = f"{partstat or 'no'} answer; a person answers that on the hub"
    try:
        with transaction.atomic():
            CalendarReply.objects.create(
                message_id=message_id[:500],
                invitee=invitee,
                partstat=partstat[:20],
                sequence=sequence,
                outcome=CalendarReply.Outcome.IGNORED if reason else CalendarReply.Outcome.RECORDED,
                reason=reason,
            )
            if not reason:
                services.invitee_answer(actor=None, invitee=invitee, response=response)
    except IntegrityError:
        return Outcome(ours=True, status="duplicate")
    return Outcome(ours=True, status="ignored" if reason else "recorded", reason=reason)


def _mailbox(url: str):
    """A logged-in IMAP connection to the mailbox of `url`, selected (imaplib, the standard
    library's IMAP4rev1 client; imaps:// with the system's certificate checks)."""
    import imaplib
    import ssl
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("imap", "imaps") or not parts.hostname or not parts.username:
        raise ValueError("MEETING_REPLIES_IMAP_URL is not imaps://user:password@host/mailbox")
    if parts.scheme == "imaps":
        connection = imaplib.IMAP4_SSL(
            parts.hostname, parts.port or 993, ssl_context=ssl.create_default_context(), timeout=30
        )
    else:
        connection = imaplib.IMAP4(parts.hostname, parts.port or 143, timeout=30)
    connection.login(unquote(parts.username), unquote(parts.password or ""))
    status, _ = connection.select(unquote(parts.path.strip("/")) or "INBOX")
    if status != "OK":
        raise ValueError(f"The mailbox {parts.path!r} cannot be opened")
    return connection


def mailbox_read(*, url: str | None = None, batch: int = 200) -> dict:
    """Read the reply mailbox: each calendar reply to the hub is recorded (or ignored) and then
    deleted from the mailbox; any other mail is left there unread, never lost. A reply read
    twice (the hub stopped between recording and deleting it) counts once."""
    url = settings.MEETING_REPLIES_IMAP_URL if url is None else url
    counts = {"recorded": 0, "ignored": 0, "duplicate": 0, "left": 0}
    if not url:
        return counts
    connection = _mailbox(url)
    try:
        _, found = connection.uid("SEARCH", None, "UNDELETED")
        uids = found[0].split()[:batch] if found and found[0] else []
        for uid in uids:
            _, data = connection.uid("FETCH", uid, "(BODY.PEEK[])")
            raw = next((part[1] for part in data if isinstance(part, tuple)), None)
            if raw is None:
                continue
            outcome = reply_record(raw)
            if not outcome.ours:
                counts["left"] += 1
                continue
            counts[outcome.status] += 1
            connection.uid("STORE", uid, "+FLAGS.SILENT", "(\\Deleted)")
        connection.expunge()
    finally:
        with contextlib.suppress(OSError):
            connection.logout()
    return counts
