"""The grants side of the core's circulation: a solicitation's or proposed award's status
follows its circulation."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from django.dispatch import receiver

from pitf.circulation.models import Circulation


@receiver(post_save, sender=Circulation, dispatch_uid="grants-circulation-closed")
def circulation_saved(sender, instance: Circulation, **kwargs):
    from grants import services
    from grants.models import Award, Solicitation

    if instance.status != Circulation.Status.CLOSED:
        return
    for model in (Solicitation, Award):
        if instance.document_type_id == ContentType.objects.get_for_model(model).pk:
            services.comments_closed(model=model, document_id=int(instance.document_id))
