"""Template tags of the sign-in pages: the rules people are told (password, lockout) and the
idle-session warning dialog with the limits the browser's timer reads from it."""

from django import template
from django.conf import settings

from pitf.accounts import forms
from pitf.middleware import idle_seconds

register = template.Library()


@register.simple_tag
def lockout_policy() -> str:
    return forms.lockout_policy()


@register.simple_tag
def password_rules() -> str:
    return forms.NIST_RULES_HINT


@register.inclusion_tag("account/snippets/session_timeout.html", takes_context=True)
def session_timeout_dialog(context):
    return {
        "idle_seconds": int(idle_seconds()),
        "warning_seconds": int(settings.SESSION_IDLE_WARNING_MINUTES * 60),
        "csrf_token": context.get("csrf_token"),
    }
