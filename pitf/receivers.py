"""The core's signal receivers: a saved or deleted office, designation, membership or agency
moves on the generation of the cached roles it is read into (pitf.roles), and, if an edit moved
the row to another person or agency (the Django admin allows it), the former one's too. Writes
that bypass signals (pitf.concurrency.save_versioned's UPDATE) call pitf.roles.roles_changed
themselves."""

from django.db.models.signals import post_delete, post_save, pre_save

from pitf.roles import role_sources, roles_changed


def _changed(sender, instance, **kwargs):
    roles_changed(instance)


def _moving(sender, instance, **kwargs):
    if instance.pk is None:
        return
    before = sender._default_manager.filter(pk=instance.pk).first()
    if before is not None and any(
        getattr(before, name, None) != getattr(instance, name, None)
        for name in ("person_id", "agency_id")
    ):
        roles_changed(before)


def connect() -> None:
    for model in role_sources():
        name = model.__name__
        pre_save.connect(_moving, sender=model, dispatch_uid=f"roles-{name}-moving")
        post_save.connect(_changed, sender=model, dispatch_uid=f"roles-{name}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"roles-{name}-delete")
