"""The audit log of the years: field changes and events, written with COPY."""

from __future__ import annotations

import datetime
import json

from django.db import connection, transaction
from django.utils import timezone

from bench.dataset.common import EVENT_ACTIONS
from bench.dataset.work import _copy


def _audit_log(rng, scale, people, start, until, report):
    """Half explicit events, half field changes of people, spread over the years, by COPY."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from pitf.models import AuditEvent, User

    everyone = [person for group in people.values() for person in group]
    total = scale.of(scale.audit_entries, least=2)
    first = timezone.make_aware(datetime.datetime.combine(start, datetime.time()))
    seconds = int(
        (
            timezone.make_aware(datetime.datetime.combine(until, datetime.time())) - first
        ).total_seconds()
    )
    user_type = ContentType.objects.get_for_model(User).pk
    event_table = connection.ops.quote_name(AuditEvent._meta.db_table)
    change_table = connection.ops.quote_name(LogEntry._meta.db_table)
    events = (
        (
            rng.choice(EVENT_ACTIONS),
            (person := everyone[rng.randrange(len(everyone))]).pk,
            person.email,
            "pitf.user",
            str(person.pk),
            person.full_name,
            f"10.{n % 250}.{n % 199}.{n % 97}",
            "/my/",
            json.dumps({"n": n}),
            (first + datetime.timedelta(seconds=rng.randrange(seconds))).isoformat(),
        )
        for n in range(total // 2)
    )
    changes = (
        (
            user_type,
            str((person := everyone[rng.randrange(len(everyone))]).pk),
            person.pk,
            person.full_name,
            1,
            "",
            json.dumps({"job_title": ["Program analyst", "Senior advisor"]}),
            (actor := everyone[rng.randrange(len(everyone))]).pk,
            actor.email,
            (first + datetime.timedelta(seconds=rng.randrange(seconds))).isoformat(),
        )
        for _ in range(total - total // 2)
    )
    with transaction.atomic():
        _copy(
            event_table,
            "action, actor_id, actor_email, target_type, target_id, target_label, ip_address, "
            "path, data, created_at",
            events,
        )
        _copy(
            change_table,
            "content_type_id, object_pk, object_id, object_repr, action, changes_text, changes, "
            "actor_id, actor_email, timestamp",
            changes,
        )
    report.add("audit-log entries", total)
