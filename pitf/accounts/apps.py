"""Signing in as a feature of the core: the hub's own account pages beside django-allauth's
(under /accounts/hub/) and the audit receivers of signing in, out and MFA changes."""

from pitf.features import FeatureConfig, MyPageLink


class AccountsConfig(FeatureConfig):
    name = "pitf.accounts"
    label = "pitf_accounts"
    verbose_name = "Signing in"
    url_prefix = "accounts/hub/"
    my_page_links = (
        MyPageLink(
            "accounts:security",
            "Account security",
            "Your password, authenticator app, recovery codes, security keys, sessions and "
            "recent sign-ins.",
            position=900,
        ),
    )

    def ready(self):
        from pitf.accounts import receivers  # noqa: F401  (connects the signal receivers)
