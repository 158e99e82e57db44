"""Sign-in lockout: after LOGIN_FAILURES_ALLOWED failed attempts for one e-mail address within
LOGIN_LOCKOUT_MINUTES, django-allauth's `login_failed` rate limit refuses that address until the
oldest failure is that old. Reads and clears allauth's per-address rate-limit history."""

from __future__ import annotations

import datetime
import time

from allauth.core.internal import ratelimit
from django.core import signing
from django.core.cache import cache
from django.utils import timezone

APP = "allauth.account"
ACTION = "login_failed"


def lockout_key(email: str) -> str:
    """The rate-limit key of an address: the same whichever host name the site is reached by."""
    return (email or "").strip().lower()


def _per_address_rates():
    return [rate for rate in ratelimit.get_rates(app=APP, action=ACTION) if rate.per == "key"]


def _cache_key(rate, email: str) -> str:
    return ratelimit.get_cache_key(None, app=APP, action=ACTION, rate=rate, key=lockout_key(email))


def locked_until(email: str) -> datetime.datetime | None:
    """When signing in with `email` will be allowed again, or None if it is not locked."""
    now = time.time()
    until = None
    for rate in _per_address_rates():
        history = [ts for ts in cache.get(_cache_key(rate, email), []) if ts > now - rate.duration]
        if len(history) >= rate.amount:
            # Failures are stored newest first; the lock lifts when the oldest one ages out.
            lifts = min(history) + rate.duration
            until = max(until or lifts, lifts)
    if until is None:
        return None
    return datetime.datetime.fromtimestamp(until, tz=datetime.UTC)


def lockout_clear(*, email: str) -> bool:
    """Unlock an address (after a password reset, or by a site administrator). Returns whether
    it was locked."""
    was_locked = locked_until(email) is not None
    for rate in _per_address_rates():
        cache.delete(_cache_key(rate, email))
    return was_locked


def retry_phrase(until: datetime.datetime) -> str:
    """'after 3:45 PM (in 15 minutes)' in the site's time zone."""
    local = timezone.localtime(until)
    minutes = max(1, round((until - timezone.now()).total_seconds() / 60))
    clock = local.strftime("%I:%M %p").lstrip("0")
    return f"after {clock} (in {minutes} minute{'s' if minutes != 1 else ''})"


# The link that unlocks signing in for whoever reads the account's mailbox: signed, and good
# for a day (long after the lock itself has lifted, so a late reader is told it already has).
UNLOCK_SALT = "pitf.accounts.unlock-by-mail"
UNLOCK_LINK_SECONDS = 24 * 3600


def unlock_token(person) -> str:
    return signing.dumps({"user": person.pk, "email": lockout_key(person.email)}, salt=UNLOCK_SALT)


def person_of_unlock_token(token: str):
    """The person a valid, unexpired unlock link names, while the address is still theirs;
    None otherwise."""
    from pitf.models import User

    try:
        data = signing.loads(token, salt=UNLOCK_SALT, max_age=UNLOCK_LINK_SECONDS)
    except signing.BadSignature:
        return None
    person = User.objects.filter(pk=data.get("user"), is_active=True).first()
    if person is None or lockout_key(person.email) != data.get("email"):
        return None
    return person


def tell_the_account_holder(request, *, email: str, until: datetime.datetime) -> None:
    """E-mail the holder of a locked account (if there is one): when it unlocks by itself, and
    a link that unlocks it at once for whoever reads the mailbox. Once per lock."""
    from django.urls import reverse

    from pitf.models import User
    from pitf.services import notification_send

    person = User.objects.filter(email__iexact=lockout_key(email), is_active=True).first()
    if person is None:
        return
    link = request.build_absolute_uri(
        reverse("accounts:unlock-by-mail", args=[unlock_token(person)])
    )
    notification_send(
        kind="account.locked",
        recipient=person.email,
        context={"person": person, "link": link, "retry": retry_phrase(until)},
        about=person,
        occasion=f"locked-{int(until.timestamp())}",
    )
