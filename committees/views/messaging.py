"""The Public Affairs Committee's messaging calendar: a month and a list of the agencies'
planned communications and the year's observances, flags where two agencies plan the same
theme close together, the calendar as an .ics file, and a communication's page, where its
agency plans it, circulates its draft for clearance and marks it published."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from committees import access, messaging
from committees.forms import ClearanceForm, CommunicationForm, PublishForm
from committees.services import messaging as services
from committees.views.workspaces import crumbs, markdown
from committees.workflows import COMMUNICATION
from pitf import workdays
from pitf.circulation.models import Circulation
from pitf.directory.selectors import agencies_in_body
from pitf.models import Agency
from pitf.pages import FormPage, done, form_view, posted
from pitf.roles import request_roles


def _body(request):
    return messaging.calendar_body(request.user, request_roles(request))


def _crumbs(body):
    return [*crumbs(body), ("Messaging calendar", reverse("committees:messaging"))]


def _month(value: str | None) -> datetime.date:
    today = workdays.today_in_washington()
    if not value:
        return today.replace(day=1)
    try:
        year, month = (int(part) for part in value.split("-"))
        return datetime.date(year, month, 1)
    except ValueError:
        raise Http404("No such month.") from None


def calendar_month(request):
    body = _body(request)
    month = messaging.month_of(body, _month(request.GET.get("month")))
    return render(
        request,
        "committees/messaging_month.html",
        {
            "body": body,
            "month": month,
            "crumbs": crumbs(body),
            "today": workdays.today_in_washington(),
        },
    )


def calendar_list(request):
    body = _body(request)
    try:
        year = int(request.GET.get("year") or workdays.today_in_washington().year)
    except ValueError:
        raise Http404("No such year.") from None
    communications, close, observances = messaging.year_list(body, year)
    return render(
        request,
        "committees/messaging_list.html",
        {
            "body": body,
            "year": year,
            "communications": [(c, close.get(c.pk, [])) for c in communications],
            "observances": observances,
            "crumbs": crumbs(body),
        },
    )


def calendar_ics(request):
    body = _body(request)
    today = workdays.today_in_washington()
    communications, _, observances = messaging.year_list(body, today.year)
    following, _, later = messaging.year_list(body, today.year + 1)
    response = HttpResponse(
        messaging.calendar_ics(communications + following, observances + later),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="messaging-calendar.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


def _agencies(request, body):
    if access.keeps(request_roles(request), body):
        return agencies_in_body(body=body, day=workdays.today_in_washington()).order_by("name")
    return Agency.objects.filter(pk=request.user.agency_id)


@require_http_methods(["GET", "POST"])
def communication_add(request):
    body = _body(request)
    agencies = _agencies(request, body)
    return form_view(
        request,
        CommunicationForm(
            posted(request),
            initial={"agency": request.user.agency_id},
            agencies=agencies,
            adding=True,
        ),
        lambda form: services.communication_add(
            actor=request.user,
            **{k: v for k, v in form.cleaned_data.items() if k != "version"},
        ),
        success=lambda c: done(
            request, f"“{c}” is on the calendar.", "committees:communication", c.pk
        ),
        page=FormPage(
            title="Plan a communication",
            crumbs=_crumbs(body),
            cancel_url=reverse("committees:messaging"),
            explanation=[
                "Your agency's planned communication goes on the committee's calendar. Write "
                "the draft message, then circulate it to the other agencies for clearance."
            ],
        ),
    )


def communication_detail(request, pk: int):
    roles = request_roles(request)
    communication = messaging.communication_for(request.user, roles, pk)
    body = communication.body
    plans = services.may_plan_for(request.user, body, communication.agency_id)
    nearby = messaging.between(
        body,
        communication.starts_on - datetime.timedelta(days=messaging.CLOSE_DAYS),
        communication.last_day + datetime.timedelta(days=messaging.CLOSE_DAYS),
    )
    circulation = (
        Circulation.objects.filter(
            document_type__app_label="committees",
            document_type__model="communication",
            document_id=str(communication.pk),
        )
        .order_by("-pk")
        .first()
    )
    return render(
        request,
        "committees/communication.html",
        {
            "communication": communication,
            "body": body,
            "crumbs": _crumbs(body),
            "message": markdown(communication.message),
            "close": messaging.close_to(nearby).get(communication.pk, []),
            "plans": plans,
            "may_edit": plans and COMMUNICATION.can(communication, "edit"),
            "may_circulate": plans
            and request.user.agency_id == communication.agency_id
            and COMMUNICATION.can(communication, "circulate"),
            "may_publish": plans and COMMUNICATION.can(communication, "publish"),
            "circulation": circulation,
        },
    )


def _communication(request, pk: int):
    communication = messaging.communication_for(request.user, request_roles(request), pk)
    if not services.may_plan_for(request.user, communication.body, communication.agency_id):
        raise PermissionDenied("Your agency's staff change its communications.")
    return communication


def _page(communication, title: str, explanation=()) -> FormPage:
    return FormPage(
        title=title,
        crumbs=_crumbs(communication.body),
        cancel_url=reverse("committees:communication", args=[communication.pk]),
        explanation=explanation,
    )


@require_http_methods(["GET", "POST"])
def communication_edit(request, pk: int):
    communication = _communication(request, pk)
    initial = {name: getattr(communication, name) for name in services.FIELDS}
    initial["version"] = communication.version
    return form_view(
        request,
        CommunicationForm(
            posted(request), initial=initial, agencies=Agency.objects.none(), adding=False
        ),
        lambda form: services.communication_change(
            actor=request.user,
            communication=communication,
            expected_version=form.cleaned_data["version"] or 0,
            **{k: v for k, v in form.cleaned_data.items() if k != "version"},
        ),
        success=lambda c: done(request, f"“{c}” is saved.", "committees:communication", c.pk),
        page=_page(communication, f"Change “{communication}”"),
    )


@require_http_methods(["GET", "POST"])
def communication_circulate(request, pk: int):
    communication = _communication(request, pk)
    return form_view(
        request,
        ClearanceForm(posted(request), initial={"version": communication.version}),
        lambda form: services.communication_circulate(
            actor=request.user,
            communication=communication,
            expected_version=form.cleaned_data["version"] or 0,
            deadline=form.cleaned_data["deadline"],
            message=form.cleaned_data["message"],
        ),
        success=lambda circulation: done(
            request,
            f"The draft of “{communication}” is circulated for clearance until "
            f"{circulation.deadline_at:%B %-d, %Y}.",
            "committees:communication",
            communication.pk,
        ),
        page=_page(
            communication,
            f"Circulate “{communication}” for clearance",
            [
                "The draft message goes to the Public Affairs Committee's other member agencies "
                "for comment. When the circulation closes the communication is cleared; if it "
                "is withdrawn, it is a draft again."
            ],
        ),
    )


@require_http_methods(["GET", "POST"])
def communication_publish(request, pk: int):
    communication = _communication(request, pk)
    return form_view(
        request,
        PublishForm(posted(request), initial={"version": communication.version}),
        lambda form: services.communication_publish(
            actor=request.user,
            communication=communication,
            expected_version=form.cleaned_data["version"] or 0,
            link=form.cleaned_data["link"],
        ),
        success=lambda c: done(request, f"“{c}” is published.", "committees:communication", c.pk),
        page=_page(communication, f"Mark “{communication}” published"),
    )
