"""The sign-in forms: django-allauth's, worded for the hub and rendered with the U.S. Web Design
System (labels and hints instead of placeholders, the NIST SP 800-63B password rules as a hint)."""

from __future__ import annotations

from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.models import Authenticator
from allauth.mfa.totp import forms as totp_forms
from allauth.mfa.webauthn import forms as webauthn_forms
from django.conf import settings
from django.core.exceptions import ValidationError

# NIST SP 800-63B: length, not composition rules; the validators in settings enforce it.
NIST_RULES_HINT = (
    "At least 15 characters. A passphrase of several words is easiest to remember; spaces and "
    "any characters are allowed. Common passwords, passwords of digits only and passwords close "
    "to your name or e-mail address are refused."
)
CODE_HINT = "The 6-digit code your authenticator app shows now."
# allauth calls every failure of a security key an "Incorrect code."; the hub says what happened.
KEY_NOT_USED = "No security key was used. Choose the button and follow your browser’s prompts."
KEY_NOT_CHECKED = (
    "The hub could not check the security key’s answer, perhaps because this page was opened "
    "again in another tab since. Reload this page and try again."
)


class UswdsFieldsMixin:
    """Drops the placeholders allauth sets (the U.S. Web Design System shows labels and hints,
    never placeholders, which vanish as one types)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)


class LoginForm(UswdsFieldsMixin, account_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = "E-mail address"
        login.widget.attrs.update({"autocomplete": "email", "autofocus": True})
        # The reset link sits below the form, so the password field has no hint of its own.
        self.fields["password"].help_text = ""


class ResetPasswordForm(UswdsFieldsMixin, account_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "E-mail address"
        self.fields["email"].help_text = "The address you sign in with."


class NewPasswordMixin(UswdsFieldsMixin):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].label = "New password"
        self.fields["password1"].help_text = NIST_RULES_HINT
        self.fields["password2"].label = "New password again"


class ResetPasswordKeyForm(NewPasswordMixin, account_forms.ResetPasswordKeyForm):
    pass


class ChangePasswordForm(NewPasswordMixin, account_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["oldpassword"].label = "Current password"
        self.fields["oldpassword"].help_text = ""


class SetPasswordForm(NewPasswordMixin, account_forms.SetPasswordForm):
    pass


class ReauthenticateForm(UswdsFieldsMixin, account_forms.ReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""
        self.fields["password"].widget.attrs["autofocus"] = True


class MfaCodeMixin(UswdsFieldsMixin):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        code = self.fields["code"]
        code.label = "Authentication code"
        code.help_text = f"{CODE_HINT} If you cannot use the app, enter one of your recovery codes."
        code.widget.attrs.update({"inputmode": "numeric", "autofocus": True})


class MfaAuthenticateForm(MfaCodeMixin, mfa_forms.AuthenticateForm):
    """The second step of signing in. A person with security keys and no authenticator app can
    type only a recovery code here: the page leads with the key and names the field for it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        types = set(
            Authenticator.objects.filter(user_id=self.user.pk).values_list("type", flat=True)
        )
        self.has_authenticator_app = Authenticator.Type.TOTP in types
        self.has_security_key = Authenticator.Type.WEBAUTHN in types
        if self.has_security_key and not self.has_authenticator_app:
            code = self.fields["code"]
            code.label = "Recovery code"
            code.help_text = "One of the recovery codes you saved when you added your security key."
            del code.widget.attrs["autofocus"]


class MfaReauthenticateForm(MfaCodeMixin, mfa_forms.ReauthenticateForm):
    pass


class ActivateTotpForm(UswdsFieldsMixin, totp_forms.ActivateTOTPForm):
    def __init__(self, *args, **kwargs):
        # allauth makes a new key at every showing of the page: someone who reloads it after
        # scanning the code would hold a key the hub no longer expects. The key shown first
        # stays until the app is added (allauth clears it then) or the session ends.
        from allauth.core import context
        from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY

        session = context.request.session
        shown = session.get(SECRET_SESSION_KEY)
        super().__init__(*args, **kwargs)
        if shown and not self.is_bound:
            session[SECRET_SESSION_KEY] = self.secret = shown
        code = self.fields["code"]
        code.label = "Authentication code"
        code.help_text = "After adding the hub to your authenticator app, enter the code it shows."
        code.widget.attrs.update({"inputmode": "numeric"})


def lockout_policy() -> str:
    return (
        f"After {settings.LOGIN_FAILURES_ALLOWED} failed attempts, signing in with that e-mail "
        f"address is locked for {settings.LOGIN_LOCKOUT_MINUTES} minutes."
    )


class SecurityKeyAnswerMixin:
    """Words the failures of the browser's answer from a security key (the hidden `credential`
    field) for a person, not as allauth's "Incorrect code." of a field they cannot see."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["credential"].error_messages["required"] = KEY_NOT_USED

    def add_error(self, field, error):
        if isinstance(error, ValidationError) and getattr(error, "code", None) == "incorrect_code":
            error = ValidationError(KEY_NOT_CHECKED, code="incorrect_code")
        super().add_error(field, error)


class AddWebAuthnForm(SecurityKeyAnswerMixin, UswdsFieldsMixin, webauthn_forms.AddWebAuthnForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = "Name of the key"
        self.fields["name"].help_text = "So you can tell your keys apart, e.g. “Blue YubiKey”."


class EditWebAuthnForm(UswdsFieldsMixin, webauthn_forms.EditWebAuthnForm):
    """Renaming a security key, recorded in the audit log (allauth sends no signal for it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = "Name of the key"
        self.fields["name"].help_text = "So you can tell your keys apart, e.g. “Blue YubiKey”."
        self.fields["name"].max_length = 100
        self.fields["name"].widget.attrs["maxlength"] = "100"

    def save(self) -> Authenticator:
        from allauth.core import context

        from pitf.audit import log_event

        before = self.instance.wrap().name
        authenticator = super().save()
        after = self.cleaned_data["name"]
        if after != before:
            log_event(
                "mfa.renamed",
                request=context.request,
                actor=authenticator.user,
                type="security key",
                name_before=before,
                name_after=after,
            )
        return authenticator


class AuthenticateWebAuthnForm(SecurityKeyAnswerMixin, webauthn_forms.AuthenticateWebAuthnForm):
    pass
