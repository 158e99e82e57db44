"""Pages of people management: invite, accept an invitation, list and manage people, and the
audit log. Each view parses its input, calls a service or selector, and renders."""

from __future__ import annotations

import datetime

from allauth.account.internal.flows.login import record_authentication
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from pitf.audit import client_ip, log_event
from pitf.concurrency import EditConflict
from pitf.people import selectors, services
from pitf.people.forms import (
    AcceptInvitationForm,
    AuditFilterForm,
    BodyRoleGrantForm,
    ButtonForm,
    ConfirmForm,
    InvitationForm,
    PersonFilterForm,
    PersonForm,
    bound_to_current,
)
from pitf.people.permissions import may_invite_into
from pitf.permissions import deny
from pitf.roles import request_roles

PEOPLE_PER_PAGE = 50
AUDIT_ROWS_PER_PAGE = 50
# Unknown invitation links one address may try before it is turned away for a while. A token
# has 256 random bits, so this only keeps the page from serving as an oracle at scale.
UNKNOWN_LINKS_ALLOWED = 30
UNKNOWN_LINKS_WINDOW_SECONDS = 3600


def _posted(request):
    """The form data of a POST (even an empty one, for a form that is a single button)."""
    return request.POST if request.method == "POST" else None


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


def _filters(form) -> dict:
    """The valid, non-empty filters of a GET form (an invalid field is shown and ignored)."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return {key: value for key, value in form.cleaned_data.items() if value not in (None, "")}


def _paginate(request, rows, per_page: int):
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    page_range = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return page, list(page_range)


def _attempt(form, action) -> bool:
    """Run a service call for a form: a refusal, an edit conflict or bad input becomes a
    message on the form. PermissionDenied is left to the caller (a 403 page)."""
    try:
        action()
    except EditConflict as conflict:
        form.add_error(None, str(conflict))
    except ValidationError as error:
        form.add_error(None, error)
    else:
        return True
    return False


# Invitations -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def invitation_create(request):
    roles = request_roles(request)
    requested = request.POST.get("agency") or request.GET.get("agency")
    if requested and requested.isdigit() and not may_invite_into(roles, int(requested)):
        return deny(request, reason="You may invite staff of the agency you represent only.")
    if request.method == "POST":
        form = InvitationForm(request.POST, roles=roles)
    else:
        initial = {"agency": int(requested)} if requested and requested.isdigit() else {}
        form = InvitationForm(roles=roles, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = services.invitation_create(
                actor=request.user,
                email=data["email"],
                full_name=data["full_name"],
                job_title=data["job_title"],
                agency=data["agency"],
                site_admin=data.get("site_admin", False),
                base_url=_base_url(request),
            )
        except PermissionDenied as refusal:
            return deny(request, reason=str(refusal))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Invitation sent to {invitation.user.email}. The link in it works once, for "
                f"{settings.INVITATION_VALID_DAYS} days.",
            )
            return redirect("people:user-detail", pk=invitation.user_id)
    return render(
        request,
        "people/invitation_form.html",
        {"form": form, "valid_days": settings.INVITATION_VALID_DAYS},
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
    form = AcceptInvitationForm(_posted(request), person=person)
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
            messages.success(
                request,
                "Your password is set. To finish, set up a second factor: an authenticator app "
                "on your phone or computer.",
            )
            return redirect("mfa_activate_totp")
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
    form = ButtonForm(_posted(request), submit_label="Send a new invitation")
    if request.method == "POST" and form.is_valid():
        try:
            done = _attempt(
                form,
                lambda: services.invitation_resend(
                    actor=request.user, person=person, base_url=_base_url(request)
                ),
            )
        except PermissionDenied as refusal:
            return deny(request, reason=str(refusal))
        if done:
            messages.success(
                request,
                f"A new invitation was sent to {person.email}; the links sent before no longer "
                "work.",
            )
            return redirect("people:user-detail", pk=person.pk)
    return render(
        request,
        "people/confirm.html",
        {
            "title": f"Send {person} a new invitation",
            "person": person,
            "form": form,
            "explanation": [
                f"A new invitation goes to {person.email} with a link that works for "
                f"{settings.INVITATION_VALID_DAYS} days.",
                "Any link sent to them before stops working at once.",
            ],
        },
    )


@require_http_methods(["GET", "POST"])
def invitation_revoke(request, pk: int):
    roles = request_roles(request)
    invitation = selectors.invitation_for_manager(roles=roles, pk=pk)
    person = invitation.user
    form = ButtonForm(_posted(request), submit_label="Withdraw the invitation")
    if request.method == "POST" and form.is_valid():
        try:
            done = _attempt(
                form,
                lambda: services.invitation_revoke(actor=request.user, invitation=invitation),
            )
        except PermissionDenied as refusal:
            return deny(request, reason=str(refusal))
        if done:
            messages.success(request, f"The invitation of {person} was withdrawn.")
            return redirect("people:user-detail", pk=person.pk)
    return render(
        request,
        "people/confirm.html",
        {
            "title": f"Withdraw the invitation of {person}",
            "person": person,
            "form": form,
            "explanation": [
                f"The link sent to {person.email} on "
                f"{timezone.localtime(invitation.created_at):%B %-d, %Y} stops working at once.",
                "Their account stays inactive. You can send a new invitation later.",
            ],
        },
    )


# People ------------------------------------------------------------------------------------


@require_GET
def user_list(request):
    roles = request_roles(request)
    form = PersonFilterForm(request.GET or None, roles=roles)
    filters = _filters(form)
    people = selectors.user_list(
        roles=roles,
        search=filters.get("q", ""),
        agency=filters.get("agency"),
        status=filters.get("status", ""),
        role=filters.get("role", ""),
    )
    page, page_range = _paginate(request, people, PEOPLE_PER_PAGE)
    rows = [
        (
            person,
            selectors.person_status(person, has_pending_invitation=person.has_pending_invitation),
        )
        for person in page.object_list
    ]
    return render(
        request,
        "people/user_list.html",
        {
            "form": form,
            "page": page,
            "page_range": page_range,
            "rows": rows,
            "filtered": bool(filters),
            "site_admin": roles.site_admin,
        },
    )


@require_GET
def user_detail(request, pk: int):
    roles = request_roles(request)
    person = selectors.user_for_manager(roles=roles, pk=pk)
    today = timezone.localdate()
    invitations = list(person.invitations.all())
    return render(
        request,
        "people/user_detail.html",
        {
            "person": person,
            "status": selectors.person_status(
                person,
                has_pending_invitation=any(inv.state == "pending" for inv in invitations),
            ),
            "designations": [(d, d.is_current_on(today)) for d in person.designations.all()],
            "body_roles": [
                (role, role.is_current_on(today), role.end_date is None or role.end_date >= today)
                for role in person.body_roles.all()
            ],
            "invitations": invitations,
            "site_admin": roles.site_admin,
            "is_self": person.pk == request.user.pk,
        },
    )


@require_http_methods(["GET", "POST"])
def user_edit(request, pk: int):
    roles = request_roles(request)
    person = selectors.user_for_manager(roles=roles, pk=pk)
    form = PersonForm(_posted(request), roles=roles, person=person)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_update(
                actor=request.user,
                person=person,
                expected_version=data["version"],
                full_name=data["full_name"],
                job_title=data["job_title"],
                agency=data.get("agency"),
                site_admin=data.get("site_admin") if "site_admin" in form.fields else None,
            )
        except PermissionDenied as refusal:
            return deny(request, reason=str(refusal))
        except EditConflict as conflict:
            # Show what is saved now, with the newer version, so the editor decides again.
            current = selectors.user_for_manager(roles=roles, pk=pk)
            form = bound_to_current(PersonForm, roles=roles, person=current)
            form.add_error(None, str(conflict))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"The changes to {person} were saved.")
            return redirect("people:user-detail", pk=person.pk)
    return render(request, "people/user_form.html", {"person": person, "form": form})


def _account_action(request, pk: int, *, service, submit_label, title, explanation, done):
    """Deactivate or reactivate: a confirmation page, then the service on the version the
    page was loaded with."""
    roles = request_roles(request)
    person = selectors.user_for_manager(roles=roles, pk=pk)
    form = ConfirmForm(_posted(request), instance=person, submit_label=submit_label)
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"]
        try:
            service(actor=request.user, person=person, expected_version=version)
        except PermissionDenied as refusal:
            return deny(request, reason=str(refusal))
        except (EditConflict, ValidationError) as error:
            problem = str(error) if isinstance(error, EditConflict) else error
            # Ask again about the account as it is now.
            person = selectors.user_for_manager(roles=roles, pk=pk)
            form = bound_to_current(ConfirmForm, instance=person, submit_label=submit_label)
            form.add_error(None, problem)
        else:
            messages.success(request, done.format(person=person))
            return redirect("people:user-detail", pk=person.pk)
    return render(
        request,
        "people/confirm.html",
        {
            "title": title.format(person=person),
            "person": person,
            "form": form,
            "explanation": [line.format(person=person) for line in explanation],
        },
    )


@require_http_methods(["GET", "POST"])
def user_deactivate(request, pk: int):
    return _account_action(
        request,
        pk,
        service=services.user_deactivate,
        submit_label="Deactivate the account",
        title="Deactivate {person}",
        explanation=[
            "{person} will no longer be able to sign in, and is signed out of every session "
            "at once.",
            "Their designations, offices and history stay as they are. You can reactivate the "
            "account later.",
        ],
        done="{person} was deactivated and signed out everywhere.",
    )


@require_http_methods(["GET", "POST"])
def user_reactivate(request, pk: int):
    return _account_action(
        request,
        pk,
        service=services.user_reactivate,
        submit_label="Reactivate the account",
        title="Reactivate {person}",
        explanation=[
            "{person} will be able to sign in again with their password and second factor.",
        ],
        done="{person} was reactivated.",
    )


# Offices in bodies (site administrators) ---------------------------------------------------


@require_http_methods(["GET", "POST"])
def body_role_grant(request, pk: int):
    roles = request_roles(request)
    person = selectors.user_for_manager(roles=roles, pk=pk)
    form = BodyRoleGrantForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            done = _attempt(
                form,
                lambda: services.body_role_grant(
                    actor=request.user,
                    person=person,
                    body=data["body"],
                    start_date=data["start_date"],
                ),
            )
        except PermissionDenied as refusal:
            return deny(request, reason=str(refusal))
        if done:
            messages.success(
                request, f"{person} now works in the chair's office of {data['body'].name}."
            )
            return redirect("people:user-detail", pk=person.pk)
    return render(request, "people/body_role_form.html", {"person": person, "form": form})


@require_http_methods(["GET", "POST"])
def body_role_end(request, pk: int, role_pk: int):
    roles = request_roles(request)
    person = selectors.user_for_manager(roles=roles, pk=pk)
    role = selectors.body_role_for_manager(person=person, pk=role_pk)
    form = ConfirmForm(_posted(request), instance=role, submit_label="Remove the role")
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"]
        try:
            done = _attempt(
                form,
                lambda: services.body_role_end(
                    actor=request.user, role=role, expected_version=version
                ),
            )
        except PermissionDenied as refusal:
            return deny(request, reason=str(refusal))
        if done:
            messages.success(
                request,
                f"{person} no longer holds the {role.get_role_display()} role of {role.body.name}.",
            )
            return redirect("people:user-detail", pk=person.pk)
    today = timezone.localdate()
    effect = (
        "The role is removed: it had not begun before today."
        if role.start_date >= today
        else f"The role ends with yesterday, {today - datetime.timedelta(days=1):%B %-d, %Y}; "
        "the history keeps it."
    )
    return render(
        request,
        "people/confirm.html",
        {
            "title": f"Remove {person}'s {role.get_role_display()} role of {role.body.name}",
            "person": person,
            "form": form,
            "explanation": [effect],
        },
    )


# The audit log -----------------------------------------------------------------------------


@require_GET
def audit_log(request):
    form = AuditFilterForm(request.GET or None, actions=selectors.audit_actions())
    filters = _filters(form)
    keys = selectors.audit_log_keys(**filters)
    page, page_range = _paginate(request, keys, AUDIT_ROWS_PER_PAGE)
    return render(
        request,
        "people/audit_log.html",
        {
            "form": form,
            "page": page,
            "page_range": page_range,
            "rows": selectors.audit_rows(list(page.object_list)),
            "filtered": bool(filters),
        },
    )
