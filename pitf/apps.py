"""The core app: agencies, people, bodies, memberships, designations, notifications."""

from django.apps import AppConfig


class PitfConfig(AppConfig):
    name = "pitf"
    verbose_name = "Coordination hub core"

    def ready(self):
        from pitf import audit  # noqa: F401  (registers models with the audit log)
