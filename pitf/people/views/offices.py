"""People management's office pages: site administrators grant and remove the chair's-office
role in a body."""

from __future__ import annotations

import datetime

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from pitf.formats import long_date
from pitf.forms import ConfirmForm
from pitf.pages import done, form_view, posted
from pitf.people import selectors, services
from pitf.people.forms import (
    BodyRoleGrantForm,
)
from pitf.roles import request_roles


@require_http_methods(["GET", "POST"])
def body_role_grant(request, pk: int):
    roles = request_roles(request)
    person = selectors.user_for_manager(roles=roles, pk=pk)
    return form_view(
        request,
        BodyRoleGrantForm(posted(request)),
        lambda form: services.body_role_grant(
            actor=request.user,
            person=person,
            body=form.cleaned_data["body"],
            start_date=form.cleaned_data["start_date"],
        ),
        success=lambda role: done(
            request,
            f"{person} now works in the chair's office of {role.body.name}.",
            "people:user-detail",
            pk=person.pk,
        ),
        page=lambda form: render(
            request, "people/body_role_form.html", {"person": person, "form": form}
        ),
    )


@require_http_methods(["GET", "POST"])
def body_role_end(request, pk: int, role_pk: int):
    roles = request_roles(request)
    person = selectors.user_for_manager(roles=roles, pk=pk)
    role = selectors.body_role_for_manager(person=person, pk=role_pk)
    today = timezone.localdate()
    effect = (
        "The role is removed: it had not begun before today."
        if role.start_date >= today
        else f"The role ends with yesterday, {long_date(today - datetime.timedelta(days=1))}; "
        "the history keeps it."
    )
    return form_view(
        request,
        ConfirmForm(posted(request), instance=role, submit_label="Remove the role"),
        lambda form: services.body_role_end(
            actor=request.user, role=role, expected_version=form.cleaned_data["version"]
        ),
        success=lambda _: done(
            request,
            f"{person} no longer holds the {role.get_role_display()} role of {role.body.name}.",
            "people:user-detail",
            pk=person.pk,
        ),
        page=lambda form: render(
            request,
            "people/confirm.html",
            {
                "title": f"Remove {person}'s {role.get_role_display()} role of {role.body.name}",
                "person": person,
                "form": form,
                "explanation": [effect],
            },
        ),
    )
