"""Signing in as a feature of the core: the hub's own account pages beside django-allauth's
(under /accounts/hub/) and the audit receivers of signing in, out and MFA changes."""

from pitf.features import FeatureConfig


class AccountsConfig(FeatureConfig):
    name = "pitf.accounts"
    label = "pitf_accounts"
    verbose_name = "Signing in"
    url_prefix = "accounts/hub/"

    def ready(self):
        from pitf.accounts import receivers  # noqa: F401  (connects the signal receivers)
