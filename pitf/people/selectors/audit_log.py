"""Reads of the audit log: the explicit events and django-auditlog's field history, filtered,
paged by their keys and turned into rows a person reads."""

from __future__ import annotations

import datetime
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.core.exceptions import EmptyResultSet, FieldDoesNotExist
from django.db import connection
from django.db.models import (
    CharField,
    F,
    Q,
    QuerySet,
    Value,
)
from django.utils import timezone

from pitf.audit import SYSTEM_ACTOR
from pitf.models import (
    AuditEvent,
    User,
)
from pitf.models.dated import day_after

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


@dataclass
class Change:
    field: str
    before: str
    after: str


@dataclass
class AuditRow:
    """One line of the audit log, whichever table it came from."""

    kind: str  # "event" or "change"
    pk: int
    at: datetime.datetime
    action: str
    actor: User | None
    actor_email: str
    target_type: str
    target_id: str
    target_label: str
    ip_address: str | None
    changes: list[Change] = field(default_factory=list)
    details: list[tuple[str, str]] = field(default_factory=list)

    @property
    def by_system(self) -> bool:
        """Done by the hub itself (a task or a command), not by a person."""
        return self.actor is None and self.actor_email == SYSTEM_ACTOR

    @property
    def target_is_person(self) -> bool:
        return self.target_type == "pitf.user" and self.target_id.isdigit()


def _start_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of `day` in the hub's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _sides(
    *,
    action: str = "",
    actor: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    target_type: str = "",
    target: str = "",
) -> tuple[QuerySet, QuerySet]:
    """The explicit events and the field changes the filters select, each unordered."""
    events = AuditEvent.objects.all()
    changes = LogEntry.objects.all()
    if action in CHANGE_ACTIONS:
        events = events.none()
        changes = changes.filter(action=CHANGE_ACTIONS[action])
    elif action:
        events = events.filter(action=action)
        changes = changes.none()
    if actor:
        events = events.filter(
            Q(actor_email__icontains=actor) | Q(actor__full_name__icontains=actor)
        )
        changes = changes.filter(
            Q(actor_email__icontains=actor) | Q(actor__full_name__icontains=actor)
        )
    # Ranges of instants, not __date, so that the indexes on the timestamps serve the filter.
    if date_from:
        events = events.filter(created_at__gte=_start_of(date_from))
        changes = changes.filter(timestamp__gte=_start_of(date_from))
    if date_to:
        next_day = day_after(date_to)
        if next_day is not None:
            events = events.filter(created_at__lt=_start_of(next_day))
            changes = changes.filter(timestamp__lt=_start_of(next_day))
    if target_type:
        app_label, _, model = target_type.partition(".")
        events = events.filter(target_type=target_type)
        changes = changes.filter(content_type__app_label=app_label, content_type__model=model)
    if target:
        event_match = Q(target_label__icontains=target)
        change_match = Q(object_repr__icontains=target)
        if target.isdigit():
            event_match |= Q(target_id=target)
            change_match |= Q(object_pk=target)
        events = events.filter(event_match)
        changes = changes.filter(change_match)
    return events, changes


# Each side's rows as keys of the union: (kind, pk, at). The kind orders rows of one instant
# (events after changes, newest first), so every row has a place no other row shares.
def _event_keys(events: QuerySet) -> QuerySet:
    return events.annotate(kind=Value(EVENT, CharField()), at=F("created_at")).values_list(
        "kind", "pk", "at"
    )


def _change_keys(changes: QuerySet) -> QuerySet:
    return changes.annotate(kind=Value(CHANGE, CharField()), at=F("timestamp")).values_list(
        "kind", "pk", "at"
    )


def audit_log_keys(**filters) -> QuerySet:
    """The filtered audit log as (kind, pk, at) rows of both tables, newest first (the
    spreadsheet's rows)."""
    events, changes = _sides(**filters)
    # Each side without its model's ordering: SQLite refuses ORDER BY inside a UNION.
    return (
        _event_keys(events.order_by())
        .union(_change_keys(changes.order_by()), all=True)
        .order_by("-at", "-kind", "-pk")
    )


@dataclass(frozen=True)
class Cursor:
    """A place in the audit log: the row a page starts or ends at."""

    at: datetime.datetime
    kind: str
    pk: int

    @property
    def token(self) -> str:
        return f"{self.at.isoformat()}_{self.kind}_{self.pk}"

    @classmethod
    def parse(cls, token: str | None) -> Cursor | None:
        """The cursor a link carries; None for anything else (a hand-edited address)."""
        match = re.fullmatch(r"(.+)_(event|change)_(\d{1,18})", token or "")
        if match is None:
            return None
        try:
            at = datetime.datetime.fromisoformat(match[1])
        except ValueError:
            return None
        if at.tzinfo is None:
            return None
        return cls(at=at, kind=match[2], pk=int(match[3]))


@dataclass
class AuditPage:
    keys: list[tuple[str, int, datetime.datetime]]
    newer: Cursor | None  # the first row shown, if there are newer entries
    older: Cursor | None  # the last row shown, if there are older entries


def _beyond(rows: QuerySet, *, kind: str, field: str, cursor: Cursor, older: bool) -> QuerySet:
    """The rows of one side (all of `kind`) older (or newer) than `cursor` in the log's order
    (at, kind, pk), as conditions on the side's own columns, which its index serves."""
    before, after = ("lt", "lte") if older else ("gt", "gte")
    if kind == cursor.kind:
        return rows.filter(
            Q(**{f"{field}__{before}": cursor.at})
            | Q(**{field: cursor.at, f"pk__{before}": cursor.pk})
        )
    comes_first = (kind < cursor.kind) if older else (kind > cursor.kind)
    return rows.filter(**{f"{field}__{after if comes_first else before}": cursor.at})


def _cut_union(sides: list[QuerySet], limit: int, *, descending: bool) -> list:
    """The first `limit` keys of the sides' own first rows, in the log's order. Written out
    because Django cannot order a union whose parts are cut."""
    parts, params = [], []
    for side in sides:
        try:
            sql, side_params = side.query.sql_with_params()
        except EmptyResultSet:  # a side the filters rule out (.none())
            continue
        parts.append(f"({sql})")
        params += side_params
    if not parts:
        return []
    order = ", ".join(f"u.{column} {'DESC' if descending else 'ASC'}" for column in KEY_ORDER)
    union = " UNION ALL ".join(parts)
    # The parts are the ORM's own SQL with their parameters apart; nothing here is input.
    sql = f"SELECT u.kind, u.pk, u.at FROM ({union}) AS u (kind, pk, at) ORDER BY {order} LIMIT %s"  # noqa: S608  # nosec B608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        return [tuple(row) for row in cursor.fetchall()]


def audit_log_page(
    *, size: int, before: Cursor | None = None, after: Cursor | None = None, **filters
) -> AuditPage:
    """One page of the filtered log, newest first: the newest entries, or those just older
    than `before`, or just newer than `after`. No count of the whole log: each table gives at
    most `size` + 1 rows by its own index on the time, then the union is cut (two index scans
    whatever the size of the log)."""
    events, changes = _sides(**filters)
    older = after is None
    cursor = before if older else after
    if cursor is not None:
        events = _beyond(events, kind=EVENT, field="created_at", cursor=cursor, older=older)
        changes = _beyond(changes, kind=CHANGE, field="timestamp", cursor=cursor, older=older)
    sign = "-" if older else ""
    events = _event_keys(events.order_by(f"{sign}created_at", f"{sign}pk"))
    changes = _change_keys(changes.order_by(f"{sign}timestamp", f"{sign}pk"))
    if connection.vendor == "postgresql":
        keys = _cut_union([events[: size + 1], changes[: size + 1]], size + 1, descending=older)
    else:  # SQLite (the embedded default) takes no ORDER BY inside a UNION: cut it as a whole
        union = events.order_by().union(changes.order_by(), all=True)
        keys = list(union.order_by(f"{sign}at", f"{sign}kind", f"{sign}pk")[: size + 1])
    more = len(keys) > size
    keys = keys[:size]
    if not older:
        keys.reverse()
    first = Cursor(at=keys[0][2], kind=keys[0][0], pk=keys[0][1]) if keys else None
    last = Cursor(at=keys[-1][2], kind=keys[-1][0], pk=keys[-1][1]) if keys else None
    if older:
        return AuditPage(keys=keys, newer=first if before else None, older=last if more else None)
    return AuditPage(keys=keys, newer=first if more else None, older=last)


def audit_rows(keys: list[tuple[str, int, datetime.datetime]]) -> list[AuditRow]:
    """The full rows of one page of keys: one query per table, and one per kind of record a
    changed reference points to (agency, body, person), so the names read as names."""
    event_ids = [pk for kind, pk, _ in keys if kind == "event"]
    change_ids = [pk for kind, pk, _ in keys if kind == "change"]
    events = {
        event.pk: event
        for event in AuditEvent.objects.filter(pk__in=event_ids).select_related("actor")
    }
    entries = {
        entry.pk: entry
        for entry in LogEntry.objects.filter(pk__in=change_ids).select_related(
            "actor", "content_type"
        )
    }
    names = _referenced_names(entries.values())
    rows = []
    for kind, pk, _ in keys:
        if kind == "event" and pk in events:
            rows.append(_event_row(events[pk]))
        elif kind == "change" and pk in entries:
            rows.append(_change_row(entries[pk], names))
    return rows


def _event_row(event: AuditEvent) -> AuditRow:
    return AuditRow(
        kind="event",
        pk=event.pk,
        at=event.created_at,
        action=audit_action_label(event.action),
        actor=event.actor,
        actor_email=event.actor_email,
        target_type=event.target_type,
        target_id=event.target_id,
        target_label=event.target_label,
        ip_address=event.ip_address,
        details=[
            (str(key).replace("_", " "), _display(value))
            for key, value in event.data.items()
            if _says_something(value)
        ],
    )


def _foreign_keys(model) -> dict[str, type]:
    if model is None:
        return {}
    return {
        f.name: f.related_model
        for f in model._meta.concrete_fields
        if f.many_to_one and f.related_model is not None
    }


def _referenced_names(entries) -> dict[tuple[type, str], str]:
    wanted: dict[type, set[str]] = defaultdict(set)
    for entry in entries:
        references = _foreign_keys(entry.content_type.model_class())
        for name, values in (entry.changes_dict or {}).items():
            if name in references:
                wanted[references[name]].update(
                    str(v) for v in values if v not in (None, "None", "")
                )
    names = {}
    for model, pks in wanted.items():
        valid = [pk for pk in pks if pk.isdigit()]
        for obj in model._default_manager.filter(pk__in=valid):
            names[(model, str(obj.pk))] = str(obj)
    return names


# What a related manager looks like when it was written down as a value ("pitf.Invitation.None"):
# a reverse relation, which says nothing about the row; such values are left out.
RELATED_MANAGER = re.compile(r"^[a-z_]+\.[A-Za-z]+\.None$")


def _says_something(*values) -> bool:
    """Whether any of the values is more than empty or a related manager."""
    return any(
        v not in (None, "None", "") and not (isinstance(v, str) and RELATED_MANAGER.match(v))
        for v in values
    )


def _display(value) -> str:
    if value in (None, "None", ""):
        return "(empty)"
    if value in (True, "True"):
        return "yes"
    if value in (False, "False"):
        return "no"
    if isinstance(value, dict | list):
        return json.dumps(value)
    return str(value)


def _change_row(entry: LogEntry, names: dict) -> AuditRow:
    model = entry.content_type.model_class()
    references = _foreign_keys(model)
    changes = []
    for name, values in (entry.changes_dict or {}).items():
        before, after = (list(values) + [None, None])[:2]
        if not _says_something(before, after):
            continue
        label = name
        choices = {}
        if model is not None:
            try:
                model_field = model._meta.get_field(name)
            except FieldDoesNotExist:  # a field since removed keeps its raw name
                model_field = None
            if model_field is not None:
                label = str(getattr(model_field, "verbose_name", name))
                choices = {str(k): str(v) for k, v in (getattr(model_field, "choices", None) or [])}

        def shown(value, name=name, choices=choices):
            if name in references and value not in (None, "None", ""):
                return names.get((references[name], str(value)), f"#{value}")
            if choices and str(value) in choices:
                return choices[str(value)]
            return _display(value)

        changes.append(Change(field=label, before=shown(before), after=shown(after)))
    label_lower = f"{entry.content_type.app_label}.{entry.content_type.model}"
    return AuditRow(
        kind="change",
        pk=entry.pk,
        at=entry.timestamp,
        action=CHANGE_VERBS.get(entry.action, "Record changed"),
        actor=entry.actor,
        actor_email=entry.actor_email or "",
        target_type=label_lower,
        target_id=str(entry.object_pk),
        target_label=entry.object_repr,
        ip_address=entry.remote_addr,
        changes=changes,
    )


def audit_row_cells(row: AuditRow) -> list[str]:
    """One entry as the spreadsheet's cells: when (ISO 8601 with its offset, in the hub's time
    zone), who, their e-mail, what, the record's type and name, the details, the address."""
    if row.actor is not None:
        who, email = row.actor.full_name or row.actor.email, row.actor.email
    elif row.by_system:
        who, email = "The hub itself", ""
    else:
        who, email = "", row.actor_email
    if row.changes:
        details = "; ".join(f"{c.field}: {c.before} → {c.after}" for c in row.changes)
    else:
        details = "; ".join(f"{key}: {value}" for key, value in row.details)
    return [
        timezone.localtime(row.at).isoformat(timespec="seconds"),
        who,
        email,
        row.action,
        target_type_name(row.target_type),
        row.target_label,
        details,
        row.ip_address or "",
    ]
