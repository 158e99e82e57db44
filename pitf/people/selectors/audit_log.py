"""The audit log paged by its keys: the explicit events and django-auditlog's field history
filtered, merged in one order, and cut at a cursor, whatever the size of the log."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    CharField,
    F,
    Q,
    QuerySet,
    Value,
)
from django.utils import timezone

from pitf.models import (
    AuditEvent,
)
from pitf.models.dated import day_after
from pitf.people.selectors.audit_names import CHANGE, CHANGE_ACTIONS, EVENT, KEY_ORDER


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
