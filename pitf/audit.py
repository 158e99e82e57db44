"""The audit log: which models keep a field history (django-auditlog), and `log_event` for the
explicit entries (logins, failed logins, MFA changes, permission denials, invitations)."""

from __future__ import annotations

from auditlog.registry import auditlog

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


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, which a production proxy must set to the client's."""
    return request.META.get("REMOTE_ADDR") if request is not None else None


def log_event(
    action: str,
    *,
    request=None,
    actor=None,
    actor_email: str = "",
    target=None,
    **data,
) -> AuditEvent:
    """Record one explicit audit event, e.g. log_event("user.login", request=request)."""
    if actor is None and request is not None and getattr(request, "user", None) is not None:
        actor = request.user if request.user.is_authenticated else None
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
