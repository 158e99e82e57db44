"""django-allauth adapters: no open sign-up, mail through the notification pipeline, a lockout
that says when to retry, single sign-on only for people who already have an account."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.shortcuts import render

from pitf.accounts import lockout
from pitf.accounts.assurance import SSO_MFA_SHOWN, provider_showed_mfa
from pitf.audit import log_event

# What each message allauth sends is about, as the notification's kind.
MAIL_KINDS = {
    "account/email/password_reset_key": "account.password_reset",
    "account/email/password_reset": "account.password_was_reset",
    "account/email/password_changed": "account.password_changed",
    "account/email/password_set": "account.password_set",
    "mfa/email/totp_activated": "mfa.totp_activated",
    "mfa/email/totp_deactivated": "mfa.totp_deactivated",
    "mfa/email/recovery_codes_generated": "mfa.recovery_codes_generated",
    "mfa/email/webauthn_added": "mfa.webauthn_added",
    "mfa/email/webauthn_removed": "mfa.webauthn_removed",
    "socialaccount/email/account_connected": "sso.account_connected",
    "socialaccount/email/account_disconnected": "sso.account_disconnected",
}


def mail_kind(template_prefix: str) -> str:
    return MAIL_KINDS.get(template_prefix) or template_prefix.replace("/email/", ".").replace(
        "/", "."
    )


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # A message to the person, not a password.
        "email_password_mismatch": "Please enter a correct e-mail address and password.",  # nosec B105
        "account_inactive": "This account has been deactivated.",
    }

    def is_open_for_signup(self, request):
        return False

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Enrolling the first second factor right after the password sign-in that demanded it
        (and seeing the recovery codes it makes) asks for no second password: that sign-in is
        fresh proof. Later MFA changes do ask."""
        from pitf.middleware import enrolling_first_factor

        request = allauth_context.request
        if app == "allauth.mfa" and request is not None and enrolling_first_factor(request):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Every message is a Notification row first, sent by a Celery worker once the request's
        transaction commits (pitf.notifications.services.notification_queue), never straight from the view."""
        from pitf.notifications.services import notification_queue

        # allauth sends some notices from transaction.on_commit, possibly outside the request.
        request = allauth_context.request
        full_context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request) if request is not None else None,
            **context,
        }
        message = self.render_mail(template_prefix, email, full_context)
        html = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        notification_queue(
            recipient=email,
            subject=message.subject,
            body=message.body,
            html_body=html,
            kind=mail_kind(template_prefix),
        )

    # The lockout counts failures per e-mail address, whichever host name the site is reached by
    # (allauth's default key includes it), so that a reset or an administrator can clear it; a
    # browser that has signed in to the account before counts its own (see lockout.py).
    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        email = credentials.get("email", "")
        return lockout.attempt_key(email, lockout.known_browser(request, email))

    def pre_authenticate(self, request, **credentials) -> None:
        email = credentials.get("email", "")
        browser = lockout.known_browser(request, email)
        if browser:
            lockout.note_known_browser(email, browser)
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            until = lockout.locked_until(email, browser)
            log_event(
                "user.login_failed",
                request=request,
                actor_email=email,
                email=email,
                reason="locked",
                client="known browser" if browser else "unknown client",
            )
            raise ValidationError(
                self.lockout_message(until), code="too_many_login_attempts"
            ) from None

    def authentication_failed(self, request, **credentials) -> None:
        email = credentials.get("email", "")
        browser = lockout.known_browser(request, email)
        until = lockout.locked_until(email, browser)
        if until is not None:
            log_event(
                "user.locked_out",
                request=request,
                email=email,
                locked_until=until.isoformat(),
                client="known browser" if browser else "unknown client",
            )
            lockout.tell_the_account_holder(
                request, email=email, until=until, scope="browser" if browser else "address"
            )

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        if response is not None:
            lockout.remember_browser(request, response, user.email)
        return response

    @staticmethod
    def lockout_message(until) -> str:
        when = lockout.retry_phrase(until) if until else "later"
        return (
            f"Too many failed sign-in attempts with this e-mail address, so signing in with it is "
            f"locked. Try again {when}. To unlock it now, reset your password by e-mail (link "
            f"below), or ask a site administrator of the secretariat to unlock it."
        )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        return False

    def pre_social_login(self, request, sociallogin):
        """Single sign-on admits only people who already have an active account, matched on an
        e-mail address the identity provider says it has verified. Anyone else sees the refusal
        page and nothing is created: no user, no linked account, no e-mail address."""
        from pitf.models import User

        provider_name = sociallogin.account.get_provider().name
        request.session[SSO_MFA_SHOWN] = provider_showed_mfa(sociallogin.account.extra_data)
        if sociallogin.is_existing:
            if not sociallogin.user.is_active:
                self.refuse(request, provider_name, sociallogin.user.email, "account deactivated")
            self.refuse_site_admin(request, provider_name, sociallogin.user)
            return
        verified = [address.email for address in sociallogin.email_addresses if address.verified]
        offered = [address.email for address in sociallogin.email_addresses]
        if not verified:
            self.refuse(
                request,
                provider_name,
                offered[0] if offered else "",
                "no verified e-mail address from the identity provider",
            )
        user = User.objects.filter(email__iexact=verified[0]).first()
        if user is None:
            self.refuse(request, provider_name, verified[0], "no account with this e-mail address")
        if not user.is_active:
            self.refuse(request, provider_name, verified[0], "account deactivated")
        self.refuse_site_admin(request, provider_name, user)
        sociallogin.connect(request, user)

    def refuse_site_admin(self, request, provider_name: str, user) -> None:
        """A site administrator signs in with the hub's password and second factor, unless
        SSO_ADMITS_SITE_ADMINS says the provider may open that account too."""
        if user.is_superuser and not settings.SSO_ADMITS_SITE_ADMINS:
            self.refuse(
                request,
                provider_name,
                user.email,
                "a site administrator's account opens with its password and second factor only",
            )

    @staticmethod
    def refuse(request, provider_name: str, email: str, reason: str):
        log_event("sso.refused", request=request, actor_email=email, email=email, reason=reason)
        response = render(
            request,
            "socialaccount/refused.html",
            {"provider_name": provider_name, "email": email, "reason": reason},
            status=403,
        )
        raise ImmediateHttpResponse(response)

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ):
        log_event(
            "sso.error",
            request=request,
            provider=getattr(provider, "name", str(provider)),
            error=str(error or ""),
            detail=str(exception or "")[:300],
        )


class MfaAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": (
            "This is your only second factor, and every password account needs one. Add a "
            "security key first, then deactivate the authenticator app."
        ),
    }

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """A password account keeps at least one second factor (OMB M-22-09)."""
        primary = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)
        if authenticator.type not in primary:
            return True
        return (
            Authenticator.objects.filter(user_id=authenticator.user_id, type__in=primary)
            .exclude(pk=authenticator.pk)
            .exists()
        )
