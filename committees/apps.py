"""What the SPOG's committees and working groups own (work items, workspaces): not built yet."""

from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "committees"
