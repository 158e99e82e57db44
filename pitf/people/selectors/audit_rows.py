"""The audit log's rows as a person reads them: who did what to which thing, with the fields
changed in words."""

from __future__ import annotations

import datetime
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone

from pitf.audit import SYSTEM_ACTOR
from pitf.formats import moment
from pitf.models import (
    AuditEvent,
    User,
)
from pitf.people.selectors.audit_names import CHANGE_VERBS, audit_action_label, target_type_name


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
    def at_text(self) -> str:
        return moment(self.at)

    @property
    def at_iso(self) -> str:
        return timezone.localtime(self.at).isoformat()

    @property
    def target_is_person(self) -> bool:
        return self.target_type == "pitf.user" and self.target_id.isdigit()


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


@cache
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


@cache
def _field_words(model, name: str) -> tuple[str, dict[str, str]]:
    """A changed field's label and its choices' labels by value, as the model declares them
    (read once per field, not once per change)."""
    try:
        model_field = model._meta.get_field(name) if model is not None else None
    except FieldDoesNotExist:  # a field since removed keeps its raw name
        model_field = None
    if model_field is None:
        return name, {}
    label = str(getattr(model_field, "verbose_name", name))
    return label, {str(k): str(v) for k, v in (getattr(model_field, "choices", None) or [])}


def _change_row(entry: LogEntry, names: dict) -> AuditRow:
    model = entry.content_type.model_class()
    references = _foreign_keys(model)
    changes = []
    for name, values in (entry.changes_dict or {}).items():
        before, after = (list(values) + [None, None])[:2]
        if not _says_something(before, after):
            continue
        label, choices = _field_words(model, name)

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
