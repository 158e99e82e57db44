"""Optimistic locking: two people editing one thing never silently overwrite each other.

A form carries the `version` it was loaded with; the save succeeds only if the row still has
that version, and raises EditConflict otherwise, so the second person sees what changed. The
write is a single UPDATE, which django-auditlog's signals do not see, so save_versioned records
the field history itself."""

from __future__ import annotations

from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.db import models
from django.db.models import F
from django.dispatch import Signal

# Sent after save_versioned's UPDATE (which sends no post_save), with `instance` and
# `update_fields`: what follows a row's changes listens to both (pitf.meetings.receivers).
versioned_saved = Signal()


class EditConflict(Exception):
    """The row changed since the editor loaded it."""

    def __init__(self, instance: models.Model):
        self.instance = instance
        super().__init__(
            f"{instance._meta.verbose_name.capitalize()} “{instance}” was changed by someone "
            "else while you were editing. Your changes were not saved; review the current "
            "values and make your changes again."
        )


def current_at(instance, expected_version: int):
    """The row as saved now, a fresh copy the caller may change (the caller's own instance is
    left as it was); EditConflict first if it changed since the form was loaded."""
    current = type(instance)._default_manager.filter(pk=instance.pk).first()
    if current is None or current.version != expected_version:
        raise EditConflict(current or instance)
    return current


def save_versioned(
    instance: models.Model, *, expected_version: int, update_fields: list[str]
) -> None:
    """Write `update_fields` of `instance` if its row is still at `expected_version`, raising
    the version by one, and record the changed fields in the audit log (its actor comes from
    the request's context); raise EditConflict (writing nothing) if someone saved in between."""
    model = type(instance)
    before = model._default_manager.filter(pk=instance.pk).first()
    values = {name: getattr(instance, name) for name in update_fields}
    updated = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        **values, version=F("version") + 1
    )
    if updated == 0:
        raise EditConflict(model._default_manager.get(pk=instance.pk))
    instance.version = expected_version + 1
    from pitf.roles import roles_changed

    roles_changed(instance)  # the UPDATE above sends no signal
    versioned_saved.send(sender=model, instance=instance, update_fields=frozenset(update_fields))
    changes = model_instance_diff(before, instance, fields_to_check=update_fields)
    if changes:
        LogEntry.objects.log_create(instance, action=LogEntry.Action.UPDATE, changes=changes)
