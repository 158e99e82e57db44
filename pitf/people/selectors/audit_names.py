"""The audit log's words: the kinds of thing it names, its actions and their labels."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.db import connection

from pitf.models import (
    AuditEvent,
)

# The core's models in the words its pages use; every other audited model by its verbose name.
CORE_TARGET_NAMES = {
    "pitf.user": "Person",
    "pitf.bodyrole": "Office in a body",
}


def target_types() -> list[tuple[str, str]]:
    """Every model whose changes the audit log keeps, from django-auditlog's registry (the core
    registers its own in pitf/audit.py, each feature its own in its AppConfig.ready), as
    ("app_label.model", name) by name: a feature's meetings, circulations and grant documents
    can be filtered as the core's records are."""
    from auditlog.registry import auditlog

    types = {
        f"{model._meta.app_label}.{model._meta.model_name}": target_type_name(
            f"{model._meta.app_label}.{model._meta.model_name}", model
        )
        for model in auditlog.get_models()
    }
    return sorted(types.items(), key=lambda item: item[1])


def target_type_name(key: str, model=None) -> str:
    if key in CORE_TARGET_NAMES:
        return CORE_TARGET_NAMES[key]
    if model is None:
        from django.apps import apps

        try:
            model = apps.get_model(key)
        except (LookupError, ValueError):
            return key
    return str(model._meta.verbose_name).capitalize()


EVENT, CHANGE = "event", "change"
KEY_ORDER = ("at", "kind", "pk")  # the log's order, newest first when descending
CHANGE_ACTIONS = {
    "record.created": LogEntry.Action.CREATE,
    "record.changed": LogEntry.Action.UPDATE,
    "record.deleted": LogEntry.Action.DELETE,
}
CHANGE_ACTION_LABELS = {
    "record.created": "Record created",
    "record.changed": "Record changed",
    "record.deleted": "Record deleted",
}
CHANGE_VERBS = {
    LogEntry.Action.CREATE: "Record created",
    LogEntry.Action.UPDATE: "Record changed",
    LogEntry.Action.DELETE: "Record deleted",
    LogEntry.Action.ACCESS: "Record viewed",
}


# The distinct actions by hopping along the index on action, one probe per action, instead of
# reading every entry (PostgreSQL has no skip scan of its own).
DISTINCT_ACTIONS = """
WITH RECURSIVE actions (action) AS (
    (SELECT action FROM {table} ORDER BY action LIMIT 1)
    UNION ALL
    SELECT (SELECT e.action FROM {table} e WHERE e.action > a.action ORDER BY e.action LIMIT 1)
    FROM actions a WHERE a.action IS NOT NULL
)
SELECT action FROM actions WHERE action IS NOT NULL
"""


def audit_actions() -> list[str]:
    """The explicit actions recorded so far (one query), for the filter."""
    if connection.vendor != "postgresql":
        return list(
            AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct()
        )
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(DISTINCT_ACTIONS.format(table=table))  # nosec B608  (the model's table)
        return [action for (action,) in cursor.fetchall()]


def audit_action_label(action: str) -> str:
    """'invitation.sent' -> 'Invitation sent'."""
    return action.replace(".", " ").replace("_", " ").capitalize()
