"""The list of invitees follows the directory: when a designation, a chair's office role or a
membership of a body changes, the body's upcoming meetings bring their lists up to date once
the change commits (the new person is invited, the former one sent a cancellation)."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from pitf.concurrency import versioned_saved
from pitf.models import BodyRole, Designation, Membership


def upcoming_meetings_sync(body_id: int) -> None:
    from pitf.meetings import services
    from pitf.meetings.models import Meeting

    upcoming = Meeting.objects.filter(
        body_id=body_id, status=Meeting.Status.SCHEDULED, starts_at__gt=timezone.now()
    ).select_related("body", "scheduled_by")
    for meeting in upcoming:
        with transaction.atomic():
            services.invitees_sync(meeting=meeting)
            services.reminders_plan(meeting=meeting)


@receiver(post_save, sender=Designation)
@receiver(post_save, sender=BodyRole)
@receiver(post_save, sender=Membership)
@receiver(versioned_saved, sender=Designation)  # ended, or its dates changed
@receiver(versioned_saved, sender=BodyRole)
@receiver(versioned_saved, sender=Membership)
def directory_row_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    body_id = instance.body_id
    transaction.on_commit(lambda: upcoming_meetings_sync(body_id))
