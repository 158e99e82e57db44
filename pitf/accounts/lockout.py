"""Sign-in lockout: after LOGIN_FAILURES_ALLOWED failed attempts for one e-mail address within
LOGIN_LOCKOUT_MINUTES, django-allauth's `login_failed` rate limit refuses that address until the
oldest failure is that old. Reads and clears allauth's per-address rate-limit history."""

from __future__ import annotations

import datetime
import time

from allauth.core.internal import ratelimit
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
