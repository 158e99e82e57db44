"""Who may open which URL, in one place: every URL name maps to a rule, and a URL without a rule
is refused. Object-level checks (an agency's own drafts, its own staff) live in the views'
selectors and are tested beside these rules (docs/permissions.md is the matrix in words)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.shortcuts import render

from pitf.roles import Roles, request_roles, roles_of


@dataclass(frozen=True)
class Rule:
    """A named test of a request's roles. `public` rules also let anonymous visitors in (their
    views are marked @login_not_required); every other rule needs a signed-in user first."""

    name: str
    test: Callable[[Roles], bool]
    public: bool = False

    def allows(self, request) -> bool:
        if self.public:
            return True
        if not request.user.is_authenticated:
            return False
        return self.test(request_roles(request))

    def __str__(self):
        return self.name


PUBLIC = Rule("anyone, signed in or not", lambda roles: True, public=True)
SIGNED_IN = Rule("any signed-in user", lambda roles: True)
SITE_ADMIN = Rule("site administrators", lambda roles: roles.site_admin)
CHAIRS_OFFICE = Rule(
    "site administrators and chair's office staff",
    lambda roles: roles.site_admin or roles.chairs_office,
)
# An agency manages its own: its representatives manage its staff and its designations (the
# object-level check, roles.represented_agency_ids(), narrows it to the agency they represent).
MANAGES_OWN_AGENCY = Rule(
    "site administrators and agency representatives (for the agency they represent)",
    lambda roles: roles.site_admin or roles.representative,
)
NOBODY = Rule("nobody: a feature the hub does not offer", lambda roles: False)

# The core's URL names with their rules; each installed feature adds its own (url_rules()).
# tests/test_urls.py fails when a URL of the project has none.
URL_RULES: dict[str, Rule] = {
    # Public pages, the health check, signing in and recovering an account.
    "home": PUBLIC,
    "agency-directory": PUBLIC,
    "body-list": PUBLIC,
    "healthz": PUBLIC,
    "account_login": PUBLIC,
    "account_logout": PUBLIC,
    "account_inactive": PUBLIC,
    "account_signup": PUBLIC,  # shows that sign-up is closed: accounts are by invitation
    "account_reset_password": PUBLIC,
    "account_reset_password_done": PUBLIC,
    "account_reset_password_from_key": PUBLIC,
    "account_reset_password_from_key_done": PUBLIC,
    "mfa_authenticate": PUBLIC,  # the second step of a login in progress
    "openid_connect_login": PUBLIC,
    "openid_connect_callback": PUBLIC,
    "socialaccount_login_cancelled": PUBLIC,
    "socialaccount_login_error": PUBLIC,
    "socialaccount_signup": PUBLIC,  # shows that sign-up is closed
    # One's own account.
    "my-page": SIGNED_IN,
    "account_reauthenticate": SIGNED_IN,
    "account_change_password": SIGNED_IN,
    "account_set_password": SIGNED_IN,
    "mfa_index": SIGNED_IN,
    "mfa_reauthenticate": SIGNED_IN,
    "mfa_activate_totp": SIGNED_IN,
    "mfa_deactivate_totp": SIGNED_IN,
    "mfa_view_recovery_codes": SIGNED_IN,
    "mfa_generate_recovery_codes": SIGNED_IN,
    "mfa_download_recovery_codes": SIGNED_IN,
    "mfa_list_webauthn": SIGNED_IN,
    "mfa_add_webauthn": SIGNED_IN,
    "mfa_reauthenticate_webauthn": SIGNED_IN,
    "mfa_remove_webauthn": SIGNED_IN,
    "mfa_edit_webauthn": SIGNED_IN,
    "usersessions_list": SIGNED_IN,
    # Not offered: e-mail addresses change through the secretariat, SSO links by e-mail.
    "account_email": NOBODY,
    "account_email_verification_sent": NOBODY,
    "account_confirm_email": NOBODY,
    "account_confirm_login_code": NOBODY,
}

# The Django admin, for site administrators in emergencies: every admin URL, named or not.
ADMIN_NAMESPACE = "admin"


def rule_for(view_name: str | None) -> Rule | None:
    if view_name is None:
        return None
    if view_name.startswith(f"{ADMIN_NAMESPACE}:"):
        return SITE_ADMIN
    return url_rules().get(view_name)


def require_site_admin(actor, what: str) -> None:
    """A service's check that only a site administrator does `what` ("create agencies")."""
    if not roles_of(actor).site_admin:
        raise PermissionDenied(f"Only site administrators may {what}.")


def public_url_names() -> set[str]:
    return {name for name, rule in url_rules().items() if rule.public}


def deny(request, *, reason: str):
    from pitf.audit import log_event

    log_event("permission.denied", request=request, reason=reason)
    return render(request, "403.html", {"reason": reason}, status=403)


class UrlPermissionMiddleware:
    """Applies the URL's rule before its view runs; a URL with no rule is refused; a refusal
    raised by the view (a service's object-level check) gets the same refusal page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        rule = rule_for(match.view_name if match else None)
        if rule is None:
            return deny(request, reason="This address has no permission rule.")
        if rule.public:
            return None
        if not request.user.is_authenticated:
            # LoginRequiredMiddleware has already done this for views that need a login; this
            # covers views that opted out of it (the admin's, some of allauth's).
            return redirect_to_login(request.get_full_path())
        if not rule.allows(request):
            return deny(request, reason=f"This page is for {rule}.")
        return None

    def process_exception(self, request, exception):
        """A service's refusal (PermissionDenied) becomes the refusal page here, once, so that
        views need not catch it: it says why, and is written to the audit log."""
        if isinstance(exception, PermissionDenied):
            return deny(request, reason=str(exception) or "You may not do this.")
        return None


@functools.cache
def url_rules() -> dict[str, Rule]:
    """Every URL name of the project with its rule: the core's, and those each installed feature
    keeps in its own permissions module (read on first use, so that they may import this one)."""
    from pitf.features import feature_url_rules

    merged = dict(URL_RULES)
    for feature, feature_rules in feature_url_rules():
        overlap = set(merged) & set(feature_rules)
        if overlap:
            raise RuntimeError(f"URL rules of {feature} defined twice: {sorted(overlap)}")
        merged.update(feature_rules)
    return merged


@receiver(setting_changed)
def _forget_rules(*, setting, **kwargs):
    if setting == "INSTALLED_APPS":
        url_rules.cache_clear()
