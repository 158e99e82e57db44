"""A committee's or working group's workspace: the list of the person's bodies, one body's
page, its charter's versions (added and approved by the chair's office), its announcements and
a working group's close-out."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from committees import access, selectors
from committees.forms import AnnouncementForm, ApproveForm, CharterForm, CloseOutForm
from committees.models import Workspace
from committees.services import workspaces as services
from pitf import workdays
from pitf.meetings.minutes import rendered
from pitf.pages import FormPage, done, form_view, posted
from pitf.roles import request_roles


def markdown(text: str) -> str:
    """Markdown as sanitised HTML (pitf.meetings.minutes.rendered)."""
    return mark_safe(rendered(text))  # noqa: S308  # nosec B308 B703


def _body(request, short_name: str, *, keeper: bool = False):
    roles = request_roles(request)
    body = access.workspace_body(request.user, roles, short_name)
    if keeper:
        access.require_keeper_request(request, body)
    return body


def crumbs(body=None) -> list[tuple[str, str]]:
    """The breadcrumb above a workspace's pages: the list, then the body's workspace."""
    trail = [("Committee workspaces", reverse("committees:list"))]
    if body is not None:
        trail.append((body.name, reverse("committees:workspace", args=[body.short_name])))
    return trail


def _page(body, title: str, explanation=()) -> FormPage:
    return FormPage(
        title=title,
        crumbs=crumbs(body),
        cancel_url=reverse("committees:workspace", args=[body.short_name]),
        explanation=explanation,
    )


def workspace_list(request):
    day = workdays.today_in_washington()
    bodies = selectors.bodies_of(request.user, request_roles(request), day)
    return render(request, "committees/workspace_list.html", {"bodies": bodies, "today": day})


def workspace(request, short_name: str):
    body = _body(request, short_name)
    day = workdays.today_in_washington()
    view = selectors.workspace_view(body=body, now=timezone.now(), day=day)
    return render(
        request,
        "committees/workspace.html",
        {
            "view": view,
            "body": body,
            "crumbs": crumbs(),
            "today": day,
            "keeper": access.keeps(request_roles(request), body),
            "charter_text": markdown(charter_text(view.charter)),
            "close_out": markdown(view.workspace.close_out_summary) if view.closed else "",
            "announcements": [(a, markdown(a.text)) for a in view.announcements],
        },
    )


def charter_text(charter) -> str:
    if charter is None:
        return ""
    return type(charter).objects.values_list("text", flat=True).get(pk=charter.pk)


def charter_detail(request, pk: int):
    charter = selectors.charter_for(request.user, request_roles(request), pk)
    current = selectors.current_charter(list(charter.body.charters.all()))
    return render(
        request,
        "committees/charter.html",
        {
            "charter": charter,
            "body": charter.body,
            "crumbs": crumbs(charter.body),
            "title": f"Charter of the {charter.body}, version {charter.number}",
            "text": markdown(charter.text),
            "current": current is not None and current.pk == charter.pk,
            "keeper": access.keeps(request_roles(request), charter.body),
            "approve_form": ApproveForm(),
        },
    )


@require_http_methods(["GET", "POST"])
def charter_add(request, short_name: str):
    body = _body(request, short_name, keeper=True)
    return form_view(
        request,
        CharterForm(posted(request)),
        lambda form: services.charter_add(actor=request.user, body=body, **form.cleaned_data),
        success=lambda charter: done(
            request,
            f"Version {charter.number} of the charter is added; mark it approved once it is.",
            "committees:charter",
            charter.pk,
        ),
        page=_page(
            body,
            f"Add a version of the {body}'s charter",
            ["Earlier versions are kept. The approved version with the latest date is in force."],
        ),
    )


@require_http_methods(["GET", "POST"])
def charter_approve(request, pk: int):
    charter = selectors.charter_for(request.user, request_roles(request), pk)
    access.require_keeper_request(request, charter.body)
    return form_view(
        request,
        ApproveForm(posted(request)),
        lambda form: services.charter_approve(
            actor=request.user, charter=charter, **form.cleaned_data
        ),
        success=lambda charter: done(
            request,
            f"Version {charter.number} is marked approved on {charter.approved_on:%B %-d, %Y}.",
            "committees:charter",
            charter.pk,
        ),
        page=_page(
            charter.body, f"Approve version {charter.number} of the {charter.body}'s charter"
        ),
    )


@require_http_methods(["GET", "POST"])
def announcement_post(request, short_name: str):
    body = _body(request, short_name, keeper=True)
    people = len(services.body_people(body))
    return form_view(
        request,
        AnnouncementForm(posted(request)),
        lambda form: services.announcement_post(actor=request.user, body=body, **form.cleaned_data),
        success=lambda announcement: done(
            request,
            f"“{announcement}” is posted and e-mailed to the {body}'s {people} people.",
            "committees:workspace",
            body.short_name,
        ),
        page=_page(
            body,
            f"Post an announcement to the {body}",
            [
                f"It is listed in the workspace and e-mailed once to the {body}'s {people} "
                "people: its chair, its chair's office and the agencies' designated "
                "principals and alternates."
            ],
        ),
    )


@require_http_methods(["GET", "POST"])
def close_out(request, short_name: str):
    body = _body(request, short_name, keeper=True)
    workspace = Workspace.objects.filter(body=body).first() or Workspace(body=body)
    initial = {
        "closed_on": workspace.closed_on or body.sunset,
        "summary": workspace.close_out_summary,
        "version": workspace.version,
    }
    return form_view(
        request,
        CloseOutForm(posted(request), initial=initial),
        lambda form: services.close_out(
            actor=request.user,
            body=body,
            closed_on=form.cleaned_data["closed_on"],
            summary=form.cleaned_data["summary"],
            expected_version=form.cleaned_data["version"] or 1,
        ),
        success=lambda _: done(
            request, f"The {body} is closed out.", "committees:workspace", body.short_name
        ),
        page=_page(
            body,
            f"Close out the {body}",
            ["Say what the working group delivered; the summary is shown in its workspace."],
        ),
    )
