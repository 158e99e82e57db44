"""People management's invitation pages: inviting someone, accepting an invitation by its link,
sending a new one and withdrawing one."""

from __future__ import annotations

from allauth.account.internal.flows.login import record_authentication
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from pitf.audit import client_ip, log_event
from pitf.concurrency import EditConflict
from pitf.formats import long_date
from pitf.forms import ButtonForm
from pitf.links import request_base
from pitf.pages import done, form_view, posted
from pitf.people import selectors, services
from pitf.people.forms import (
    AcceptInvitationForm,
    InvitationForm,
)
from pitf.roles import request_roles

# Unknown invitation links one address may try before it is turned away for a while. A token
# has 256 random bits, so this only keeps the page from serving as an oracle at scale.
UNKNOWN_LINKS_ALLOWED = 30
UNKNOWN_LINKS_WINDOW_SECONDS = 3600


@require_http_methods(["GET", "POST"])
def invitation_create(request):
    roles = request_roles(request)
    requested = request.POST.get("agency") or request.GET.get("agency")
    if requested and requested.isdigit() and not roles.manages_agency(int(requested)):
        raise PermissionDenied("You may invite staff of the agency you represent only.")
    initial = {"agency": int(requested)} if requested and requested.isdigit() else {}
    return form_view(
        request,
        InvitationForm(posted(request), roles=roles, initial=initial),
        lambda form: services.invitation_create(
            actor=request.user,
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            job_title=form.cleaned_data["job_title"],
            agency=form.cleaned_data["agency"],
            site_admin=form.cleaned_data.get("site_admin", False),
            base_url=request_base(request),
        ),
        success=lambda invitation: done(
            request,
            f"Invitation sent to {invitation.user.email}. The link in it works once, for "
            f"{settings.INVITATION_VALID_DAYS} days.",
            "people:user-detail",
            pk=invitation.user_id,
        ),
        page=lambda form: render(
            request,
            "people/invitation_form.html",
            {"form": form, "valid_days": settings.INVITATION_VALID_DAYS},
        ),
    )


def _too_many_unknown_links(request) -> bool:
    return cache.get(_unknown_links_key(request), 0) >= UNKNOWN_LINKS_ALLOWED


def _count_unknown_link(request) -> None:
    key = _unknown_links_key(request)
    if cache.add(key, 1, UNKNOWN_LINKS_WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, UNKNOWN_LINKS_WINDOW_SECONDS)


def _unknown_links_key(request) -> str:
    return f"people:unknown-invitation-links:{client_ip(request)}"


@login_not_required
@never_cache
@sensitive_post_parameters("password", "password_again")
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    if _too_many_unknown_links(request):
        return render(request, "people/invitation_unusable.html", {"state": "limited"}, status=429)
    invitation = selectors.invitation_by_token(token)
    state = selectors.invitation_link_state(invitation)
    if state != "pending":
        return _unusable_link(request, state, invitation)
    person = invitation.user
    if request.user.is_authenticated and request.user.pk != person.pk:
        return render(
            request,
            "people/invitation_accept.html",
            {"invitation": invitation, "person": person, "signed_in_as": request.user},
        )
    form = AcceptInvitationForm(posted(request), person=person)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.invitation_accept(token=token, password=form.cleaned_data["password"])
        except services.InvitationUnusable as unusable:
            return _unusable_link(request, unusable.state, invitation)
        except EditConflict:
            form.add_error(None, "Your account changed while you were here; please try again.")
        except ValidationError as error:
            form.add_error("password", error)
        else:
            login(request, person, backend="django.contrib.auth.backends.ModelBackend")
            # The password was chosen a moment ago, with the link's token: that counts as a
            # fresh authentication, so enrolling a second factor does not ask for it again.
            record_authentication(
                request, person, method="password", email=person.email, reauthenticated=True
            )
            return done(
                request,
                "Your password is set. To finish, set up a second factor: an authenticator app "
                "on your phone or computer.",
                "mfa_activate_totp",
            )
    return render(
        request,
        "people/invitation_accept.html",
        {"invitation": invitation, "person": person, "form": form},
    )


def _unusable_link(request, state: str, invitation):
    if state == "unknown":
        _count_unknown_link(request)
        invitation = None  # every unknown link gets the very same page
    log_event(
        "invitation.link_refused",
        actor=request.user if request.user.is_authenticated else None,
        target=invitation.user if invitation is not None else None,
        state=state,
    )
    return render(
        request,
        "people/invitation_unusable.html",
        {"state": state, "invitation": invitation},
        status=404 if state == "unknown" else 410,
    )


@require_http_methods(["GET", "POST"])
def invitation_resend(request, pk: int):
    roles = request_roles(request)
    person = selectors.user_for_manager(roles=roles, pk=pk)
    return _invitation_action(
        request,
        person,
        ButtonForm(posted(request), submit_label="Send a new invitation"),
        lambda: services.invitation_resend(
            actor=request.user, person=person, base_url=request_base(request)
        ),
        success=f"A new invitation was sent to {person.email}; the links sent before no longer "
        "work.",
        title=f"Send {person} a new invitation",
        explanation=[
            f"A new invitation goes to {person.email} with a link that works for "
            f"{settings.INVITATION_VALID_DAYS} days.",
            "Any link sent to them before stops working at once.",
        ],
    )


@require_http_methods(["GET", "POST"])
def invitation_revoke(request, pk: int):
    roles = request_roles(request)
    invitation = selectors.invitation_for_manager(roles=roles, pk=pk)
    person = invitation.user
    return _invitation_action(
        request,
        person,
        ButtonForm(posted(request), submit_label="Withdraw the invitation"),
        lambda: services.invitation_revoke(actor=request.user, invitation=invitation),
        success=f"The invitation of {person} was withdrawn.",
        title=f"Withdraw the invitation of {person}",
        explanation=[
            f"The link sent to {person.email} on "
            f"{long_date(timezone.localtime(invitation.created_at))} stops working at once.",
            "Their account stays inactive. You can send a new invitation later.",
        ],
    )


def _invitation_action(request, person, form, action, *, success, title, explanation):
    """A confirmation page about a person's invitation, then the service."""
    return form_view(
        request,
        form,
        lambda _: action(),
        success=lambda _: done(request, success, "people:user-detail", pk=person.pk),
        page=lambda form: render(
            request,
            "people/confirm.html",
            {"title": title, "person": person, "form": form, "explanation": explanation},
        ),
    )
