"""The private calendar feed: a secret address per person, kept only as a hash."""

from __future__ import annotations

from django.db import transaction

from pitf.audit import log_event
from pitf.models import User
from pitf.tokens import new_token, token_hash

# The private calendar feed ------------------------------------------------------------------


def feed_issue(*, actor: User) -> str:
    """A new secret address for the person's calendar feed; any earlier one stops working.
    Returns the token, which is shown once and kept only as a hash."""
    from pitf.meetings.models import CalendarFeed

    token = new_token()
    with transaction.atomic():
        CalendarFeed.objects.filter(person=actor).delete()
        CalendarFeed.objects.create(person=actor, token_hash=token_hash(token))
        log_event("meeting.feed_issued", actor=actor, target=actor)
    return token


def feed_revoke(*, actor: User) -> bool:
    from pitf.meetings.models import CalendarFeed

    with transaction.atomic():
        deleted, _ = CalendarFeed.objects.filter(person=actor).delete()
        if deleted:
            log_event("meeting.feed_revoked", actor=actor, target=actor)
    return bool(deleted)


def feed_person(token: str) -> User | None:
    from pitf.meetings.models import CalendarFeed

    feed = (
        CalendarFeed.objects.select_related("person")
        .filter(token_hash=token_hash(token), person__is_active=True)
        .first()
    )
    return feed.person if feed else None
