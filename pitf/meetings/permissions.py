"""Who may open the meetings pages: every signed-in person reaches them, and the selectors
answer 404 for a meeting or body the person is outside of; only a body's chair's office (and
site administrators) change its meetings (checked per body by the services)."""

from __future__ import annotations

from pitf.permissions import CHAIRS_OFFICE, PUBLIC, SIGNED_IN

URL_RULES = {
    "meetings:my-meetings": SIGNED_IN,
    "meetings:month": SIGNED_IN,
    "meetings:month-of": SIGNED_IN,
    "meetings:dashboard": CHAIRS_OFFICE,
    "meetings:body-meetings": SIGNED_IN,
    "meetings:detail": SIGNED_IN,
    "meetings:ics": SIGNED_IN,
    # Whoever may see the meeting (404 otherwise): its agenda, proposals to it (by a person of
    # an agency, until the cut-off: the service refuses after), its documents.
    # Decisions and action items: seen by whoever may see the meeting (an action item also by
    # the owning agency's people, who write its updates; the view checks), a body's by its
    # people (404 otherwise); recorded by the chair's office.
    "meetings:outcomes": SIGNED_IN,
    "meetings:action": SIGNED_IN,
    "meetings:my-actions": SIGNED_IN,
    "meetings:body-actions": SIGNED_IN,
    "meetings:body-actions-csv": SIGNED_IN,
    "meetings:decision-add": CHAIRS_OFFICE,
    "meetings:action-add": CHAIRS_OFFICE,
    "meetings:agenda-item-carry": CHAIRS_OFFICE,
    # Minutes: read by whoever may see the meeting once circulated (a draft by its chair's
    # office only), downloaded once approved; written by the chair's office.
    "meetings:minutes": SIGNED_IN,
    "meetings:minutes-diff": SIGNED_IN,
    "meetings:minutes-pdf": SIGNED_IN,
    "meetings:minutes-docx": SIGNED_IN,
    "meetings:minutes-start": CHAIRS_OFFICE,
    "meetings:minutes-edit": CHAIRS_OFFICE,
    "meetings:minutes-circulate": CHAIRS_OFFICE,
    "meetings:minutes-approve": CHAIRS_OFFICE,
    "meetings:minutes-amend": CHAIRS_OFFICE,
    "meetings:agenda": SIGNED_IN,
    "meetings:agenda-pdf": SIGNED_IN,
    "meetings:agenda-docx": SIGNED_IN,
    "meetings:agenda-item-propose": SIGNED_IN,
    "meetings:agenda-item-add": CHAIRS_OFFICE,
    "meetings:agenda-item-edit": CHAIRS_OFFICE,
    "meetings:agenda-item-move": CHAIRS_OFFICE,
    "meetings:agenda-item-decide": CHAIRS_OFFICE,
    "meetings:agenda-publish": CHAIRS_OFFICE,
    "meetings:documents": SIGNED_IN,
    "meetings:document-download": SIGNED_IN,
    "meetings:document-add": CHAIRS_OFFICE,
    "meetings:document-version-add": CHAIRS_OFFICE,
    "meetings:answer": SIGNED_IN,  # one's own invitation only (404 otherwise)
    # The e-mail's answer link: its signed token is the authority (a bad token answers 404).
    "meetings:rsvp": PUBLIC,
    # One's own private calendar address; the feed itself opens with its secret token alone
    # (an unknown or revoked token answers 404; 30 requests a minute).
    "meetings:feed": SIGNED_IN,
    "meetings:feed-ics": PUBLIC,
    "meetings:schedule": CHAIRS_OFFICE,
    "meetings:plan-start": CHAIRS_OFFICE,
    "meetings:plan": CHAIRS_OFFICE,
    "meetings:remind": CHAIRS_OFFICE,
    "meetings:attendance": CHAIRS_OFFICE,
    "meetings:notice-resend": CHAIRS_OFFICE,
    "meetings:reschedule": CHAIRS_OFFICE,
    "meetings:cancel": CHAIRS_OFFICE,
    "meetings:invitee-add": CHAIRS_OFFICE,
    "meetings:invitee-remove": CHAIRS_OFFICE,
}
