"""The audit log: which models keep a field history (django-auditlog), and `log_event` for the
explicit entries (logins, failed logins, MFA changes, permission denials, invitations). Services
take the acting user, never the request: the request being served reaches the log through a
context variable that RequestContextMiddleware sets, for its address and path; outside a request (a Celery task, a
management command) an event without an actor is the system's."""

from __future__ import annotations

import ipaddress
from contextvars import ContextVar

from auditlog.registry import auditlog
from django.conf import settings
from django.http import HttpRequest

from pitf.models import (
    Agency,
    AuditEvent,
    Body,
    BodyRole,
    Designation,
    Invitation,
    Membership,
    User,
)

auditlog.register(User, exclude_fields=["password", "last_login"])
auditlog.register(Agency)
auditlog.register(Body)
auditlog.register(Membership)
auditlog.register(Designation)
auditlog.register(BodyRole)
auditlog.register(Invitation, exclude_fields=["token_hash"])


# What the log shows as the actor of an event that no person caused (a task, a command).
SYSTEM_ACTOR = "system"


_current_request: ContextVar[HttpRequest | None] = ContextVar("audit_request", default=None)


def client_ip(request) -> str | None:
    """The client's address, for the audit log and every per-address limit. Behind
    TRUSTED_PROXY_COUNT proxies, each of which appends the address it saw to X-Forwarded-For,
    it is the entry the outermost trusted proxy wrote (what a client writes before it is
    ignored); with no trusted proxy, or no such entry, REMOTE_ADDR. allauth's rate limits read
    the same setting (ALLAUTH_TRUSTED_PROXY_COUNT)."""
    if request is None:
        return None
    count = settings.TRUSTED_PROXY_COUNT
    hops = [hop.strip() for hop in request.headers.get("x-forwarded-for", "").split(",")]
    hops = [hop for hop in hops if hop]
    if count and len(hops) >= count:
        try:
            return str(ipaddress.ip_address(hops[-count]))
        except ValueError:
            pass  # not an address: a proxy that does not write what it is trusted to
    return request.META.get("REMOTE_ADDR")


def current_request() -> HttpRequest | None:
    """The request being served, or None in a task or a command."""
    return _current_request.get()


class RequestContextMiddleware:
    """Makes the request being served known to the audit writer for the length of the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def log_event(
    action: str,
    *,
    request=None,
    actor=None,
    actor_email: str = "",
    target=None,
    **data,
) -> AuditEvent:
    """Record one explicit audit event, e.g. log_event("agency.created", actor=actor, target=a).
    The address and path come from `request` if given (a signal receiver that has one), else
    from the request being served; outside a request, an event without an actor is the
    system's."""
    request = request if request is not None else current_request()
    if actor is None and request is not None and getattr(request, "user", None) is not None:
        actor = request.user if request.user.is_authenticated else None
    if request is None and actor is None and not actor_email:
        actor_email = SYSTEM_ACTOR
    event = AuditEvent(
        action=action,
        actor=actor,
        actor_email=actor_email or (actor.email if actor is not None else ""),
        ip_address=client_ip(request),
        path=request.get_full_path()[:500] if request is not None else "",
        data=data,
    )
    if target is not None:
        event.target_type = target._meta.label_lower
        event.target_id = str(target.pk)
        event.target_label = str(target)[:250]
    event.save()
    return event
