"""People management's account pages: the people one manages, a person, editing, deactivating
and reactivating their account."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from pitf import tables
from pitf.features import deactivation_preview
from pitf.forms import ConfirmForm, bound_to_current
from pitf.links import link_to
from pitf.pages import done, filters, form_view, kept_filter_form, paginate, posted
from pitf.people import selectors, services
from pitf.people.forms import (
    PersonFilterForm,
    PersonForm,
)
from pitf.people.permissions import NOT_YOURS_TO_MANAGE, may_manage
from pitf.roles import request_roles

PEOPLE_PER_PAGE = 50


@require_GET
def user_list(request):
    roles = request_roles(request)
    form = PersonFilterForm(request.GET or None, roles=roles)
    chosen = filters(form)
    people = selectors.user_list(
        roles=roles,
        search=chosen.get("q", ""),
        agency=chosen.get("agency"),
        status=chosen.get("status", ""),
        role=chosen.get("role", ""),
    )
    page, page_range = paginate(request, people, PEOPLE_PER_PAGE)
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
            "form_html": _form_html(request, roles),
            "page": page,
            "page_range": page_range,
            "rows": rows,
            "people_rows": tables.joined(_person_row(person, status) for person, status in rows),
            "filtered": bool(chosen),
            "site_admin": roles.site_admin,
        },
    )


def _form_html(request, roles):
    """The unfiltered form is the same for everyone offered the same agencies (every agency to
    a site administrator, those one represents to a representative): kept rendered."""
    offered = (
        "all" if roles.site_admin else ",".join(map(str, sorted(roles.represented_agency_ids)))
    )
    return kept_filter_form(
        request, f"people:user-list:filter:{offered}", lambda: PersonFilterForm(roles=roles)
    )


# The roles a person's row shows as tags, by the annotation that says the person has it.
ROLE_TAGS = (
    ("is_superuser", "Site administrator"),
    ("is_chairs_office", "Chair’s office"),
    ("is_chair", "Chair"),
    ("is_representative", "Representative"),
)


def _person_row(person, status: str) -> str:
    name = tables.link(link_to("people:user-detail", person.pk), person.full_name or person.email)
    about = tables.text(person.email) + (
        f", {tables.text(person.job_title)}" if person.job_title else ""
    )
    tags = " ".join(
        f'<span class="usa-tag">{label}</span>'
        for flag, label in ROLE_TAGS
        if getattr(person, flag)
    )
    return (
        f'<tr><th scope="row" data-label="Name">{name}<br>'
        f'<span class="font-body-2xs">{about}</span></th>'
        f'<td data-label="Agency">{tables.text(person.agency.acronym) if person.agency else "None"}</td>'
        f'<td data-label="Roles">{tags}</td>'
        f'<td data-label="Account">{tables.text(status)}</td></tr>'
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


def _managed(roles, pk: int):
    """A person the manager sees (404 otherwise) and may change (403 otherwise)."""
    person = selectors.user_for_manager(roles=roles, pk=pk)
    if not may_manage(roles, person):
        raise PermissionDenied(NOT_YOURS_TO_MANAGE)
    return person


@require_http_methods(["GET", "POST"])
def user_edit(request, pk: int):
    roles = request_roles(request)
    person = _managed(roles, pk)
    return form_view(
        request,
        PersonForm(posted(request), roles=roles, person=person),
        lambda form: services.user_update(
            actor=request.user,
            person=person,
            expected_version=form.cleaned_data["version"],
            full_name=form.cleaned_data["full_name"],
            job_title=form.cleaned_data["job_title"],
            agency=form.cleaned_data.get("agency"),
            site_admin=form.cleaned_data.get("site_admin") if "site_admin" in form.fields else None,
        ),
        # Show what is saved now, with the newer version, so the editor decides again.
        current=lambda: bound_to_current(
            PersonForm, roles=roles, person=selectors.user_for_manager(roles=roles, pk=pk)
        ),
        success=lambda _: done(
            request, f"The changes to {person} were saved.", "people:user-detail", pk=person.pk
        ),
        page=lambda form: render(
            request, "people/user_form.html", {"person": person, "form": form}
        ),
    )


def _account_action(
    request, pk: int, *, service, submit_label, title, explanation, success, consequences=None
):
    """Deactivate or reactivate: a confirmation page, then the service on the version the
    page was loaded with; after an edit conflict, the question again about the account as it
    is now. `consequences(person)` adds what the features will end, in words."""
    roles = request_roles(request)
    person = _managed(roles, pk)

    def as_saved_now():
        nonlocal person
        person = selectors.user_for_manager(roles=roles, pk=pk)
        return bound_to_current(ConfirmForm, instance=person, submit_label=submit_label)

    return form_view(
        request,
        ConfirmForm(posted(request), instance=person, submit_label=submit_label),
        lambda form: service(
            actor=request.user, person=person, expected_version=form.cleaned_data["version"]
        ),
        current=as_saved_now,
        success=lambda _: done(
            request, success.format(person=person), "people:user-detail", pk=person.pk
        ),
        page=lambda form: render(
            request,
            "people/confirm.html",
            {
                "title": title.format(person=person),
                "person": person,
                "form": form,
                "explanation": [line.format(person=person) for line in explanation]
                + (consequences(person) if consequences else []),
            },
        ),
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
        consequences=deactivation_preview,
        success="{person} was deactivated and signed out everywhere.",
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
        success="{person} was reactivated.",
    )
