"""What a meeting decided and who is to do what: the meeting's decisions and action items, one
action item with its updates, a person's and their agency's open items, and a body's, as a
page and as CSV."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from pitf import workdays
from pitf.formats import spreadsheet_safe
from pitf.meetings import actions, selectors, services
from pitf.meetings.forms.actions import ActionItemForm, ActionUpdateForm, DecisionForm
from pitf.meetings.models import AgendaItem
from pitf.meetings.services import carry
from pitf.meetings.services.actions import may_update
from pitf.meetings.views.layout import _crumbs, _managed_meeting, _meeting, when
from pitf.meetings.workflows import MEETING
from pitf.models import Agency, User
from pitf.pages import FormPage, done, form_view, posted
from pitf.roles import request_roles


def _outcomes_page(meeting, *, title: str) -> FormPage:
    return FormPage(
        title=title,
        crumbs=_crumbs(meeting.body, meeting),
        cancel_url=reverse("meetings:outcomes", args=[meeting.pk]),
    )


def _recording(request, pk: int):
    """The meeting, to its chair's office, once its outcomes may be recorded (404 before)."""
    meeting = _managed_meeting(request, pk)
    if not MEETING.can(meeting, "record_outcomes"):
        raise Http404("Decisions and action items are recorded once the meeting has begun.")
    return meeting


def _on_agenda(meeting):
    return meeting.agenda_items.filter(status=AgendaItem.Status.ACCEPTED)


def meeting_outcomes(request, pk: int):
    meeting = _meeting(request, pk)
    manages = selectors.manages_meetings_of(request_roles(request), meeting.body_id)
    decisions, items = actions.outcomes_of(meeting)
    return render(
        request,
        "meetings/outcomes.html",
        {
            "meeting": meeting,
            "when": when(meeting),
            "crumbs": _crumbs(meeting.body, meeting),
            "decisions": decisions,
            "agenda_items": list(_on_agenda(meeting)),
            "next_meeting": carry.next_meeting_after(meeting),
            "today": workdays.today_in_washington(),
            "items": items,
            "may_record": manages and MEETING.can(meeting, "record_outcomes"),
            "manages": manages,
            "refusal": ""
            if MEETING.can(meeting, "record_outcomes")
            else "Decisions and action items are recorded once the meeting has begun.",
        },
    )


@require_http_methods(["GET", "POST"])
def decision_add(request, pk: int):
    meeting = _recording(request, pk)
    return form_view(
        request,
        DecisionForm(posted(request), agenda_items=_on_agenda(meeting)),
        lambda form: services.decision_record(
            actor=request.user,
            meeting=meeting,
            text=form.cleaned_data["text"],
            agenda_item=form.cleaned_data["agenda_item"],
        ),
        success="The decision is recorded.",
        page=_outcomes_page(meeting, title=f"Record a decision of “{meeting.title}”"),
    )


@require_http_methods(["GET", "POST"])
def action_add(request, pk: int):
    meeting = _recording(request, pk)
    on_list = meeting.invitees.filter(removed_at__isnull=True).values("person_id")
    return form_view(
        request,
        ActionItemForm(
            posted(request),
            agencies=Agency.objects.filter(active=True).order_by("name"),
            people=User.objects.filter(pk__in=on_list, agency__isnull=False)
            .select_related("agency")
            .order_by("full_name"),
            agenda_items=_on_agenda(meeting),
        ),
        lambda form: services.action_item_add(
            actor=request.user, meeting=meeting, **form.cleaned_data
        ),
        success=lambda item: done(
            request,
            f"The action item is {item.owner_agency.acronym}'s, due {item.due_date:%B %-d, %Y}.",
            "meetings:outcomes",
            pk=meeting.pk,
        ),
        page=_outcomes_page(meeting, title=f"Add an action item of “{meeting.title}”"),
    )


@require_POST
def agenda_item_carry(request, pk: int, item_pk: int):
    meeting = _recording(request, pk)
    item = _on_agenda(meeting).filter(pk=item_pk).first()
    if item is None:
        raise Http404("No such item on the agenda.")
    try:
        services.agenda_item_carry_over(actor=request.user, item=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"“{item.title}” is carried over to the next meeting.")
    return redirect(reverse("meetings:outcomes", args=[meeting.pk]) + "#carry-over")


@require_http_methods(["GET", "POST"])
def action_detail(request, pk: int):
    item = actions.action_item_for(user=request.user, roles=request_roles(request), pk=pk)
    form = None
    if may_update(request.user, item):
        form = ActionUpdateForm(
            posted(request), item=item, initial={"move": "note", "version": item.version}
        )
        if request.method == "POST":
            response = form_view(
                request,
                form,
                lambda form: services.action_item_update(
                    actor=request.user,
                    item=item,
                    expected_version=form.cleaned_data["version"],
                    move=form.cleaned_data["move"],
                    note=form.cleaned_data["note"],
                ),
                success=lambda update: done(
                    request, "The update is saved.", "meetings:action", pk=item.pk
                ),
                page=lambda form: _action_page(request, item, form),
            )
            return response
    return _action_page(request, item, form)


def _action_page(request, item, form):
    return render(
        request,
        "meetings/action.html",
        {
            "item": item,
            "updates": list(item.updates.select_related("written_by")),
            "form": form,
            "today": workdays.today_in_washington(),
            "crumbs": [("My action items", reverse("meetings:my-actions"))],
        },
    )


def my_actions(request):
    user = request.user
    return render(
        request,
        "meetings/my_actions.html",
        {
            "mine": actions.open_actions_of(user, limit=None),
            "agency": user.agency,
            "today": workdays.today_in_washington(),
        },
    )


BODY_ROWS = 100  # the soonest due; the CSV has them all


def body_actions(request, pk: int):
    body = selectors.body_for_meetings(user=request.user, roles=request_roles(request), pk=pk)
    only_open = request.GET.get("show") != "all"
    rows = actions.actions_of_body(body, only_open=only_open)
    return render(
        request,
        "meetings/body_actions.html",
        {
            "body": body,
            "items": list(rows[:BODY_ROWS]),
            "count": rows.count(),
            "only_open": only_open,
            "today": workdays.today_in_washington(),
            "crumbs": _crumbs(body),
        },
    )


def body_actions_csv(request, pk: int):
    body = selectors.body_for_meetings(user=request.user, roles=request_roles(request), pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="action-items-{body.short_name}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["Action item", "Owner agency", "Owner", "Due", "Status", "Meeting", "Meeting date"]
    )
    for item in actions.actions_of_body(body, only_open=False).iterator(chunk_size=500):
        writer.writerow(
            [
                spreadsheet_safe(item.title),
                item.owner_agency.acronym,
                spreadsheet_safe(str(item.owner) if item.owner_id else ""),
                item.due_date.isoformat(),
                item.get_status_display(),
                spreadsheet_safe(item.meeting.title),
                item.meeting.local_start.date().isoformat(),
            ]
        )
    return response
