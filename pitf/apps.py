"""The core app: agencies, people, bodies, memberships, designations, notifications."""

from django.apps import AppConfig


class PitfConfig(AppConfig):
    name = "pitf"
    verbose_name = "Coordination hub core"

    def ready(self):
        from django.conf import settings

        from pitf import (
            audit,  # noqa: F401  (registers models with the audit log)
            receivers,
        )
        from pitf.admin import harden_admin_site
        from pitf.celery import app as celery_app
        from pitf.features import beat_schedule

        # The core's periodic tasks and each installed feature's (FeatureConfig.beat_schedule).
        celery_app.conf.beat_schedule = beat_schedule(settings.CELERY_BEAT_SCHEDULE)
        # Every admin page (the installed packages' too) answers bad input with a message.
        harden_admin_site()
        # Cached roles follow changes to the rows they are read from.
        receivers.connect()
