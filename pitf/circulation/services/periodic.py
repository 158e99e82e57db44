"""The beat's work: reminding agencies that have not answered, closing circulations at their
deadline, and dropping notices no longer wanted."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from pitf.audit import log_event
from pitf.circulation.models import Circulation, Recipient
from pitf.circulation.services.circulating import document_follows
from pitf.circulation.services.rules import _write, _write_owner
from pitf.circulation.workflows import CIRCULATION
from pitf.concurrency import save_versioned
from pitf.models import User

# Periodic work ------------------------------------------------------------------------------


def circulations_remind_due(*, batch: int = 50) -> int:
    """Two business days before the deadline, the recipient agencies that have not submitted an
    answer get one reminder. Circulations are claimed with FOR UPDATE SKIP LOCKED and marked in
    the same transaction as their notices are recorded, so two beats at once, or a crash, never
    send one twice. Returns how many circulations were taken."""
    now = timezone.now()
    with transaction.atomic():
        due = list(
            Circulation.objects.select_for_update(skip_locked=True)
            .filter(status=Circulation.Status.OPEN, reminded_at__isnull=True, remind_at__lte=now)
            .filter(deadline_at__gt=now)
            .select_related("owner_agency", "body")
            .order_by("remind_at")[:batch]
        )
        for circulation in due:
            waiting = circulation.recipients.filter(submitted_at__isnull=True).values_list(
                "agency_id", flat=True
            )
            _write(
                circulation,
                "circulation.reminder",
                f"reminder-{circulation.deadline_at:%Y%m%d%H%M}",
                waiting,
            )
            circulation.reminded_at = now
            circulation.save(update_fields=["reminded_at"])
    return len(due)


def circulations_close_due(*, batch: int = 50) -> int:
    """At the deadline a circulation closes itself and the owner is told who answered."""
    now = timezone.now()
    with transaction.atomic():
        due = list(
            Circulation.objects.select_for_update(skip_locked=True)
            .filter(status=Circulation.Status.OPEN, deadline_at__lte=now)
            .select_related("owner_agency", "body", "circulated_by")
            .order_by("deadline_at")[:batch]
        )
        for circulation in due:
            changed = CIRCULATION.move(circulation, "close")
            circulation.closed_at = now
            # The version moves, so an extend or withdraw loaded before the close is refused
            # as an edit conflict rather than applied to a closed circulation.
            save_versioned(
                circulation,
                expected_version=circulation.version,
                update_fields=[*changed, "closed_at"],
            )
            document_follows(circulation, actor=None)
            recipients = list(circulation.recipients.select_related("agency"))
            _write_owner(
                circulation,
                "circulation.closed",
                "closed",
                answered=[r for r in recipients if r.answer == Recipient.Answer.COMMENTS],
                no_comment=[r for r in recipients if r.answer == Recipient.Answer.NO_COMMENT],
                silent=[r for r in recipients if not r.submitted],
                answered_count=sum(1 for r in recipients if r.submitted),
                asked=len(recipients),
            )
            log_event(
                "circulation.closed",
                target=circulation,
                answered=sum(1 for r in recipients if r.submitted),
                of=len(recipients),
            )
    return len(due)


def notice_unwanted(notification) -> str:
    """Why a notice asking an agency for its answer is no longer wanted when the outbox's turn
    comes: the circulation was withdrawn or closed meanwhile, or (a reminder) the person's agency
    has submitted its answer since."""
    if notification.about_id is None or notification.about_type_id != (
        ContentType.objects.get_for_model(Circulation).pk
    ):
        return ""
    circulation = Circulation.objects.filter(pk=notification.about_id).first()
    if circulation is None:
        return "the circulation no longer exists"
    if not CIRCULATION.can(circulation, "extend"):
        return f"the circulation was {CIRCULATION.states[CIRCULATION.state(circulation)]}"
    if notification.kind == "circulation.reminder":
        answered = Recipient.objects.filter(
            circulation=circulation,
            agency__in=User.objects.filter(email__iexact=notification.recipient).values(
                "agency_id"
            ),
            submitted_at__isnull=False,
        )
        if answered.exists():
            return "the agency has submitted its answer"
    return ""
