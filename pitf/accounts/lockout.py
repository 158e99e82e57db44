"""Sign-in lockout: after LOGIN_FAILURES_ALLOWED failed attempts for one e-mail address within
LOGIN_LOCKOUT_MINUTES, django-allauth's `login_failed` rate limit refuses that address until the
oldest failure is that old. Reads and clears allauth's per-address rate-limit history.

Failures are counted per (address, client): a browser that has completed signing in to the
account before (it holds a signed "known browser" cookie naming the account) keeps its own count,
so a stranger's failures, which lock the address for every unknown client, do not lock the
account's holder out of their usual browser; their own mistakes there lock only that browser."""

from __future__ import annotations

import datetime
import hashlib
import secrets
import time

from allauth.core.internal import ratelimit
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils import timezone

APP = "allauth.account"
ACTION = "login_failed"


def lockout_key(email: str) -> str:
    """The rate-limit key of an address: the same whichever host name the site is reached by."""
    return (email or "").strip().lower()


KNOWN_BROWSER_COOKIE = "pitf_known_browser"
KNOWN_BROWSER_SALT = "pitf.accounts.known-browser"
KNOWN_BROWSER_DAYS = 365
KNOWN_BROWSER_ACCOUNTS = 10  # the most accounts one browser is remembered for


def _account_tag(email: str) -> str:
    """Names an account in the cookie without writing its address there."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{lockout_key(email)}".encode()).hexdigest()[:20]


def _known_browser_cookie(request) -> dict:
    raw = request.COOKIES.get(KNOWN_BROWSER_COOKIE) if request is not None else None
    if not raw:
        return {}
    try:
        data = signing.loads(raw, salt=KNOWN_BROWSER_SALT, max_age=KNOWN_BROWSER_DAYS * 86400)
    except signing.BadSignature:
        return {}
    return data if isinstance(data, dict) else {}


def known_browser(request, email: str) -> str | None:
    """This browser's id if it has completed signing in to `email`'s account before."""
    data = _known_browser_cookie(request)
    if _account_tag(email) in data.get("accounts", []) and isinstance(data.get("id"), str):
        return data["id"]
    return None


def remember_browser(request, response, email: str) -> None:
    """After a complete sign-in: mark this browser as known for the account."""
    data = _known_browser_cookie(request)
    tag = _account_tag(email)
    accounts = [a for a in data.get("accounts", []) if a != tag][-(KNOWN_BROWSER_ACCOUNTS - 1) :]
    value = {"id": data.get("id") or secrets.token_urlsafe(16), "accounts": [*accounts, tag]}
    response.set_cookie(
        KNOWN_BROWSER_COOKIE,
        signing.dumps(value, salt=KNOWN_BROWSER_SALT),
        max_age=KNOWN_BROWSER_DAYS * 86400,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def attempt_key(email: str, browser: str | None = None) -> str:
    """The key failures are counted under: the address, or the address in a known browser."""
    return f"{lockout_key(email)}#browser:{browser}" if browser else lockout_key(email)


def _browsers_key(email: str) -> str:
    return f"pitf:lockout:browsers:{_account_tag(email)}"


def note_known_browser(email: str, browser: str) -> None:
    """Remember which known browsers have counted failures, so that unlocking clears them."""
    key = _browsers_key(email)
    browsers = set(cache.get(key, ())) | {browser}
    cache.set(key, sorted(browsers)[-50:], timeout=24 * 3600)


def _per_address_rates():
    return [rate for rate in ratelimit.get_rates(app=APP, action=ACTION) if rate.per == "key"]


def _cache_key(rate, email: str, browser: str | None = None) -> str:
    return ratelimit.get_cache_key(
        None, app=APP, action=ACTION, rate=rate, key=attempt_key(email, browser)
    )


def locked_until(email: str, browser: str | None = None) -> datetime.datetime | None:
    """When signing in with `email` (from an unknown browser, or from the known `browser`) will
    be allowed again, or None if it is not locked."""
    now = time.time()
    until = None
    for rate in _per_address_rates():
        key = _cache_key(rate, email, browser)
        history = [ts for ts in cache.get(key, []) if ts > now - rate.duration]
        if len(history) >= rate.amount:
            # Failures are stored newest first; the lock lifts when the oldest one ages out.
            lifts = min(history) + rate.duration
            until = max(until or lifts, lifts)
    if until is None:
        return None
    return datetime.datetime.fromtimestamp(until, tz=datetime.UTC)


def lockout_clear(*, email: str) -> bool:
    """Unlock an address, for unknown and known browsers alike (after a password reset, the
    e-mailed link, or by a site administrator). Returns whether it was locked."""
    browsers = [None, *cache.get(_browsers_key(email), ())]
    was_locked = any(locked_until(email, browser) is not None for browser in browsers)
    for rate in _per_address_rates():
        cache.delete_many([_cache_key(rate, email, browser) for browser in browsers])
    cache.delete(_browsers_key(email))
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


def tell_the_account_holder(
    request, *, email: str, until: datetime.datetime, scope: str = "address"
) -> None:
    """E-mail the holder of a locked account (if there is one): when it unlocks by itself, and
    a link that unlocks it at once for whoever reads the mailbox. Once per lock."""
    from django.urls import reverse

    from pitf.links import absolute, request_base
    from pitf.models import User
    from pitf.notifications.services import notification_send

    person = User.objects.filter(email__iexact=lockout_key(email), is_active=True).first()
    if person is None:
        return
    link = absolute(
        reverse("accounts:unlock-by-mail", args=[unlock_token(person)]), request_base(request)
    )
    notification_send(
        kind="account.locked",
        recipient=person.email,
        context={"person": person, "link": link, "retry": retry_phrase(until)},
        about=person,
        occasion=f"locked-{scope}-{int(until.timestamp())}",
    )
