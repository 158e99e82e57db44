"""The portrait as a file: the chair's office asks for it (a row, then the worker's task once
the request commits), the worker builds it (claiming the row, so a task delivered twice builds
it once) and keeps it; the page shows its progress meanwhile."""

from __future__ import annotations

import datetime

from celery import current_app
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from pitf.audit import log_event
from pitf.models import User
from pitf.uploads import stored_path
from spog.access import require_office
from spog.models import PortraitFile
from spog.portrait import Scope, portrait_of

BUILD_TASK = "spog.tasks.build_portrait"


def portrait_request(*, actor: User, scope: Scope, format: str) -> PortraitFile:
    require_office(actor)
    with transaction.atomic():
        row = PortraitFile.objects.create(
            fiscal_year=scope.fiscal_year, cycle=scope.cycle, format=format, requested_by=actor
        )
        log_event("spog.portrait_requested", actor=actor, target=row, format=format)
        # A broker that is down leaves the row waiting: the sweep queues it again.
        transaction.on_commit(lambda: _queue(row.pk), robust=True)
    return row


def _queue(pk: int) -> None:
    current_app.send_task(BUILD_TASK, args=(pk,), retry=False)


# A row waiting this long was never queued (the broker was down); one being built this long lost
# its worker.
WAITING = datetime.timedelta(minutes=2)
BUILDING = datetime.timedelta(minutes=15)


def portraits_requeue_stale() -> int:
    """Queue again the rows whose task was lost: waiting too long, or built too long (their
    worker died; they wait again). Returns how many were queued."""
    now = timezone.now()
    with transaction.atomic():
        stuck = list(
            PortraitFile.objects.select_for_update(skip_locked=True).filter(
                status=PortraitFile.Status.BUILDING, started_at__lt=now - BUILDING
            )
        )
        PortraitFile.objects.filter(pk__in=[row.pk for row in stuck]).update(
            status=PortraitFile.Status.QUEUED, requested_at=now - WAITING, progress=0
        )
        waiting = list(
            PortraitFile.objects.filter(
                status=PortraitFile.Status.QUEUED, requested_at__lte=now - WAITING
            ).values_list("pk", flat=True)[:100]
        )
    for pk in waiting:
        _queue(pk)
    return len(waiting)


def _progress(pk: int, percent: int) -> None:
    PortraitFile.objects.filter(pk=pk).update(progress=percent)


def portrait_build(pk: int) -> bool:
    """Build the file of a waiting row; False if another worker has it or it is built."""
    from spog.exports import portrait_docx, portrait_pdf

    with transaction.atomic():
        row = (
            PortraitFile.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk=pk, status=PortraitFile.Status.QUEUED)
            .select_related("cycle")
            .first()
        )
        if row is None:
            return False
        row.status, row.progress = PortraitFile.Status.BUILDING, 5
        row.started_at = timezone.now()
        row.save(update_fields=["status", "progress", "started_at"])
    try:
        portrait = portrait_of(Scope(row.fiscal_year, row.cycle))
        _progress(pk, 20)
        build = portrait_pdf if row.format == PortraitFile.Format.PDF else portrait_docx
        content = build(portrait, lambda percent: _progress(pk, percent))
    except Exception as error:
        PortraitFile.objects.filter(pk=pk).update(
            status=PortraitFile.Status.FAILED, error=str(error)[:300], finished_at=timezone.now()
        )
        raise
    row.file.save(stored_path("spog/portraits", row.filename), ContentFile(content), save=False)
    row.status, row.progress = PortraitFile.Status.DONE, 100
    row.entry_count, row.finished_at = portrait.entry_count, timezone.now()
    row.save(update_fields=["file", "status", "progress", "entry_count", "finished_at"])
    return True
