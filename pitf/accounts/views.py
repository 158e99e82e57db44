"""The hub's own account pages: keep-alive for the idle-timeout warning, the end of an idle
session, a site administrator's unlock of a locked sign-in, and the removal of a security key
that keeps the last second factor."""

from __future__ import annotations

from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.webauthn import views as webauthn_views
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from pitf.accounts import lockout, selectors
from pitf.audit import log_event
from pitf.middleware import end_session, idle_message, idle_seconds
from pitf.models import User


@never_cache
@require_POST
def keep_alive(request):
    """The idle timer restarts with this request (SessionLifetimeMiddleware saw it)."""
    return JsonResponse({"idle_seconds": idle_seconds()})


@login_not_required
@never_cache
@require_POST
def session_timeout(request):
    """The idle warning ran out in the browser: sign out and say why on the login page."""
    if request.user.is_authenticated:
        return end_session(request, reason="idle", message=idle_message())
    messages.info(request, idle_message())
    return redirect(settings.LOGIN_URL)


@require_http_methods(["GET", "POST"])
def unlock(request, pk: int):
    person = get_object_or_404(User, pk=pk)
    until = lockout.locked_until(person.email)
    if request.method == "POST":
        was_locked = lockout.lockout_clear(email=person.email)
        log_event("user.unlocked", request=request, target=person, was_locked=was_locked)
        messages.success(
            request,
            f"{person.email} can sign in again."
            if was_locked
            else f"Signing in with {person.email} was not locked; nothing changed.",
        )
        return redirect("accounts:unlock", pk=person.pk)
    return render(
        request,
        "account/unlock.html",
        {
            "person": person,
            "locked_until": until,
            "retry": lockout.retry_phrase(until) if until else "",
        },
    )


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def unlock_by_mail(request, token: str):
    """The link e-mailed to the holder of a locked account: whoever reads that mailbox unlocks
    signing in at once (a press of a button, so that a mail scanner opening the link does
    not)."""
    person = lockout.person_of_unlock_token(token)
    if person is None:
        return render(request, "account/unlock_by_mail.html", {"invalid": True}, status=404)
    if request.method == "POST":
        was_locked = lockout.lockout_clear(email=person.email)
        log_event(
            "user.unlocked", request=request, target=person, was_locked=was_locked, by="e-mail"
        )
        messages.success(
            request,
            "Signing in is unlocked: sign in now."
            if was_locked
            else "Signing in was not locked any more: sign in as usual.",
        )
        return redirect(settings.LOGIN_URL)
    until = lockout.locked_until(person.email)
    return render(
        request,
        "account/unlock_by_mail.html",
        {
            "person": person,
            "locked_until": until,
            "retry": lockout.retry_phrase(until) if until else "",
        },
    )


class RemoveSecurityKeyView(webauthn_views.RemoveWebAuthnView):
    """allauth's removal of a security key (after a fresh confirmation), which never asks
    MfaAdapter.can_delete_authenticator: here the last second factor of an account stays, as
    it does when the authenticator app is removed."""

    def can_remove(self) -> bool:
        return get_mfa_adapter().can_delete_authenticator(self.object)

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_remove=self.can_remove(), **kwargs)

    def form_valid(self, form):
        if not self.can_remove():
            return self.form_invalid(form)
        return super().form_valid(form)


remove_security_key = RemoveSecurityKeyView.as_view()


@never_cache
def account_security(request):
    """One page for what keeps the person's account safe, each with the page that changes it:
    password, authenticator app, recovery codes, security keys, signed-in sessions, and the
    recent sign-ins and failed attempts of the audit log."""
    return render(
        request,
        "account/security.html",
        {"security": selectors.account_security_of(request.user)},
    )
