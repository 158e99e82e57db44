"""The accounts app: connects the audit receivers of signing in, out and MFA changes."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "pitf.accounts"
    label = "pitf_accounts"
    verbose_name = "Signing in"

    def ready(self):
        from pitf.accounts import receivers  # noqa: F401  (connects the signal receivers)
