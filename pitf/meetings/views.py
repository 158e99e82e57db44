"""The meetings pages: thin views over pitf.meetings.selectors and services."""

from __future__ import annotations

import datetime
from calendar import Calendar as MonthGrid

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from pitf.formats import long_date
from pitf.forms import ButtonForm
from pitf.links import absolute, request_base
from pitf.meetings import calendar, plan, selectors, services
from pitf.meetings.forms import (
    AnswerForm,
    CancelForm,
    InviteeAddForm,
    MeetingForm,
    RemindForm,
    RescheduleForm,
    YearPlanForm,
    initial_of,
)
from pitf.meetings.models import Invitee
from pitf.notifications import services as core_services
from pitf.notifications.services import notifications_about
from pitf.pages import FormPage, done, form_view, posted
from pitf.roles import request_roles
from pitf.tokens import token_hash
from pitf.workflow import can


def _meeting(request, pk):
    return selectors.meeting_for(user=request.user, roles=request_roles(request), pk=pk)


def _managed_meeting(request, pk):
    meeting = _meeting(request, pk)
    if not selectors.manages_meetings_of(request_roles(request), meeting.body_id):
        raise PermissionDenied(
            f"Only the {meeting.body.name}'s chair's office changes its meetings."
        )
    return meeting


def _meeting_form(meeting, *, title, explanation=()) -> FormPage:
    """The page of a form about one meeting, which goes back to the meeting's page."""
    return FormPage(
        title=title,
        crumbs=_crumbs(meeting.body, meeting),
        cancel_url=reverse("meetings:detail", args=[meeting.pk]),
        explanation=explanation,
    )


def _crumbs(body=None, meeting=None):
    crumbs = [("My meetings", reverse("meetings:my-meetings"))]
    if body is not None:
        crumbs.append((f"{body.name}", reverse("meetings:body-meetings", args=[body.pk])))
    if meeting is not None:
        crumbs.append((meeting.title, reverse("meetings:detail", args=[meeting.pk])))
    return crumbs


def when(meeting) -> str:
    start, end = meeting.local_start, meeting.local_end
    return (
        f"{long_date(start.date())}, {start:%-I:%M %p} to {end:%-I:%M %p} "
        f"{start.tzname()} ({meeting.time_zone})"
    )


def my_page_panel(request) -> dict:
    return {"next_meetings": selectors.next_meetings_of_person(user=request.user)}


def my_meetings(request):
    invitations = list(selectors.meetings_of_person(user=request.user))
    now = timezone.now()
    upcoming = [i for i in invitations if i.meeting.ends_at >= now]
    past = [i for i in invitations if i.meeting.ends_at < now][::-1]
    return render(
        request,
        "meetings/my_meetings.html",
        {"upcoming": upcoming, "past": past, "when": when},
    )


WEEKDAYS = [
    (name, name[:3])
    for name in ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
]


def _month_after(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _month_before(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def my_meetings_month(request, year: int | None = None, month: int | None = None):
    """The person's meetings on a month's calendar, Sunday first; arrow keys move between days
    (static/js/month.js), Tab into a day's meetings."""
    today = timezone.localdate()
    if year is None:
        year, month = today.year, today.month
    if not (1 <= month <= 12 and 1900 <= year <= 2199):
        raise Http404("No such month.")
    by_day = selectors.meetings_of_person_in_month(user=request.user, year=year, month=month)
    weeks = [
        [
            {
                "date": day,
                "in_month": day.month == month,
                "today": day == today,
                "invitations": [
                    (
                        invitee,
                        f"{invitee.meeting.local_start:%-I:%M %p} "
                        f"{invitee.meeting.local_start.tzname()}",
                    )
                    for invitee in by_day.get(day, [])
                ],
            }
            for day in week
        ]
        for week in MonthGrid(firstweekday=6).monthdatescalendar(year, month)
    ]
    first = datetime.date(year, month, 1)
    focus = today if (today.year, today.month) == (year, month) else min(by_day, default=first)
    return render(
        request,
        "meetings/month.html",
        {
            "first": first,
            "weekdays": WEEKDAYS,
            "weeks": weeks,
            "focus": focus,
            "count": sum(len(rows) for rows in by_day.values()),
            "previous": datetime.date(*_month_before(year, month), 1),
            "next": datetime.date(*_month_after(year, month), 1),
            "this_month": (today.year, today.month) == (year, month),
        },
    )


def dashboard(request):
    """The chair's office's bodies with their next meetings and how the invitees answered."""
    return render(
        request,
        "meetings/dashboard.html",
        {"outlooks": selectors.dashboard_of(request_roles(request)), "when": when},
    )


def body_meetings(request, pk: int):
    roles = request_roles(request)
    body = selectors.body_for_meetings(user=request.user, roles=roles, pk=pk)
    year = request.GET.get("year", "")
    year_value = int(year) if year.isdigit() and 1900 <= int(year) <= 2199 else None
    upcoming, past = selectors.meetings_of_body(body=body, year=year_value)
    return render(
        request,
        "meetings/body_meetings.html",
        {
            "body": body,
            "upcoming": upcoming,
            "past": past,
            "year": year_value,
            "manages": selectors.manages_meetings_of(roles, body.pk),
            "crumbs": _crumbs()[:1],
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_schedule(request, pk: int):
    roles = request_roles(request)
    body = selectors.body_for_meetings(user=request.user, roles=roles, pk=pk)
    if not selectors.manages_meetings_of(roles, body.pk):
        raise PermissionDenied(f"Only the {body.name}'s chair's office schedules its meetings.")
    return form_view(
        request,
        MeetingForm(posted(request), initial={"title": f"{body.short_name.upper()} meeting"}),
        lambda form: services.meeting_schedule(
            actor=request.user, body=body, **form.meeting_values()
        ),
        success=lambda meeting: done(
            request,
            f"“{meeting.title}” is scheduled; the invitations are on their way.",
            "meetings:detail",
            pk=meeting.pk,
        ),
        page=FormPage(
            title=f"Schedule a meeting of the {body.name}",
            crumbs=_crumbs(body),
            cancel_url=reverse("meetings:body-meetings", args=[body.pk]),
            explanation=[
                "The principals and alternates of its member and invited agencies on that date, "
                "its chair and chair's office get a calendar invitation they can accept in "
                "Outlook, Google Calendar or Apple Calendar."
            ],
        ),
    )


def _fiscal_years_to_plan() -> list[int]:
    current = plan.fiscal_year_of(timezone.localdate())
    return [current, current + 1]


def _plannable_body(request, pk: int):
    roles = request_roles(request)
    body = selectors.body_for_meetings(user=request.user, roles=roles, pk=pk)
    if not selectors.manages_meetings_of(roles, body.pk):
        raise PermissionDenied(f"Only the {body.name}'s chair's office plans its meetings.")
    return body


def year_plan_start(request, pk: int):
    """The plan of the first fiscal year that still has a meeting to plan."""
    body = _plannable_body(request, pk)
    today = timezone.localdate()
    for fiscal_year in _fiscal_years_to_plan():
        rows = selectors.year_plan(body=body, fiscal_year=fiscal_year, today=today)
        if any(proposed for _, proposed, _ in rows):
            break
    return redirect("meetings:plan", pk=body.pk, fiscal_year=fiscal_year)


@require_http_methods(["GET", "POST"])
def year_plan(request, pk: int, fiscal_year: int):
    body = _plannable_body(request, pk)
    if fiscal_year not in _fiscal_years_to_plan():
        raise Http404("Only this fiscal year and the next are planned.")
    rows = selectors.year_plan(body=body, fiscal_year=fiscal_year, today=timezone.localdate())
    if not rows:
        raise Http404(f"The {body.name} does not meet quarterly or annually.")

    def scheduled(meetings):
        count = len(meetings)
        return done(
            request,
            f"{count} meeting{pluralize(count)} of fiscal year {fiscal_year} "
            f"{pluralize(count, 'is,are')} scheduled; the invitations are on their way.",
            "meetings:body-meetings",
            pk=body.pk,
        )

    def page(form):
        first, last = plan.fiscal_year_bounds(fiscal_year)
        return render(
            request,
            "meetings/year_plan.html",
            {
                "title": f"Plan fiscal year {fiscal_year} for the {body.name}",
                "body": body,
                "form": form,
                "rows": rows,
                "fiscal_year": fiscal_year,
                "first": first,
                "last": last,
                "other_years": [y for y in _fiscal_years_to_plan() if y != fiscal_year],
                "open": form.slot_numbers,
                "crumbs": _crumbs(body),
                "cancel_url": reverse("meetings:body-meetings", args=[body.pk]),
            },
        )

    return form_view(
        request,
        YearPlanForm(posted(request), rows=rows, fiscal_year=fiscal_year),
        lambda form: services.meetings_plan_year(
            actor=request.user, body=body, fiscal_year=fiscal_year, **form.plan_values()
        ),
        success=scheduled,
        page=page,
    )


def meeting_detail(request, pk: int):
    meeting = _meeting(request, pk)
    roles = request_roles(request)
    manages = selectors.manages_meetings_of(roles, meeting.body_id)
    invitees = selectors.invitees_of(meeting)
    answers = selectors.answers_by_agency(meeting, invitees)
    context = {
        "meeting": meeting,
        "when": when(meeting),
        "invitees": invitees,
        "mine": next((i for i in invitees if i.person_id == request.user.pk), None),
        "answers": answers,
        "counts": selectors.agency_counts(answers),
        "manages": manages,
        "crumbs": _crumbs(meeting.body),
    }
    if manages:
        context["sent"] = list(notifications_about(meeting)[:200])
        context["failed"] = [notice for notice in context["sent"] if notice.status == "failed"]
        context["add_form"] = InviteeAddForm(people=selectors.people_to_invite(meeting))
        context["add_form"].helper.form_action = reverse("meetings:invitee-add", args=[meeting.pk])
    return render(request, "meetings/detail.html", context)


@require_POST
def notice_resend(request, pk: int, notice_pk: int):
    meeting = _managed_meeting(request, pk)
    notice = selectors.notice_of(meeting, notice_pk)
    try:
        core_services.notification_resend(actor=request.user, notification=notice)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The notice to {notice.recipient} is on its way again.")
    return redirect(reverse("meetings:detail", args=[meeting.pk]) + "#what-was-sent")


def meeting_ics(request, pk: int):
    meeting = _meeting(request, pk)
    response = HttpResponse(calendar.download_ics([meeting]), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


@require_http_methods(["GET", "POST"])
def meeting_reschedule(request, pk: int):
    meeting = _managed_meeting(request, pk)
    if not can(meeting, "reschedule"):
        raise Http404("The meeting is cancelled or over.")
    return form_view(
        request,
        RescheduleForm(posted(request), initial=initial_of(meeting)),
        lambda form: services.meeting_reschedule(
            actor=request.user,
            meeting=meeting,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
            **form.meeting_values(),
        ),
        success=lambda _: done(
            request,
            "The change is saved; every invitee is sent the updated invitation.",
            "meetings:detail",
            pk=meeting.pk,
        ),
        page=_meeting_form(
            meeting,
            title=f"Reschedule or change “{meeting.title}”",
            explanation=[f"Now: {when(meeting)}."],
        ),
    )


@require_http_methods(["GET", "POST"])
def meeting_cancel(request, pk: int):
    meeting = _managed_meeting(request, pk)
    return form_view(
        request,
        CancelForm(posted(request), meeting=meeting),
        lambda form: services.meeting_cancel(
            actor=request.user,
            meeting=meeting,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
        ),
        success=lambda _: done(
            request,
            "The meeting is cancelled; every invitee is sent the cancellation.",
            "meetings:detail",
            pk=meeting.pk,
        ),
        page=_meeting_form(
            meeting,
            title=f"Cancel “{meeting.title}”",
            explanation=[
                f"{when(meeting)}. Every invitee's calendar takes the meeting off when the "
                "cancellation arrives. This cannot be undone: to meet after all, schedule a new "
                "one."
            ],
        ),
    )


@require_POST
def invitee_add(request, pk: int):
    meeting = _managed_meeting(request, pk)
    return form_view(
        request,
        InviteeAddForm(request.POST, people=selectors.people_to_invite(meeting)),
        lambda form: services.invitee_add(
            actor=request.user, meeting=meeting, person=form.cleaned_data["person"]
        ),
        success=lambda invitee: done(
            request, f"{invitee.person} is invited.", "meetings:detail", pk=meeting.pk
        ),
        page=_meeting_form(meeting, title=f"Invite someone to “{meeting.title}”"),
    )


@require_http_methods(["GET", "POST"])
def invitee_remove(request, pk: int, invitee_pk: int):
    meeting = _managed_meeting(request, pk)
    invitee = (
        Invitee.objects.select_related("person").filter(pk=invitee_pk, meeting=meeting).first()
    )
    if invitee is None or not can(invitee, "take_off"):
        raise Http404("That person is not on the list.")
    return form_view(
        request,
        ButtonForm(posted(request), submit_label="Take them off the list"),
        lambda _: services.invitee_remove(actor=request.user, meeting=meeting, invitee=invitee),
        success=lambda _: done(
            request,
            f"{invitee.person} is off the list and is sent a cancellation.",
            "meetings:detail",
            pk=meeting.pk,
        ),
        page=_meeting_form(
            meeting,
            title=f"Take {invitee.person} off the list",
            explanation=["Their calendar takes the meeting off when the cancellation arrives."],
        ),
    )


def _answer(request, invitee, *, actor, success, page):
    """The answer to an invitation, by the invitee (signed in) or by their one-click link."""
    return form_view(
        request,
        AnswerForm(posted(request), invitee=invitee, alternates=services.alternates_for(invitee)),
        lambda form: services.invitee_answer(
            actor=actor,
            invitee=invitee,
            response=form.cleaned_data["response"],
            alternate=form.cleaned_data.get("alternate"),
        ),
        success=success,
        page=page,
    )


@require_http_methods(["GET", "POST"])
def meeting_answer(request, pk: int):
    meeting = _meeting(request, pk)
    invitee = meeting.invitees.filter(person=request.user, removed_at__isnull=True).first()
    if invitee is None:
        raise Http404("You are not invited to this meeting.")
    return _answer(
        request,
        invitee,
        actor=request.user,
        success=lambda answered: done(
            request,
            f"Your answer is recorded: {answered.get_response_display().lower()}.",
            "meetings:detail",
            pk=meeting.pk,
        ),
        page=_meeting_form(
            meeting,
            title=f"Answer the invitation to “{meeting.title}”",
            explanation=[when(meeting)],
        ),
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def meeting_rsvp(request, token: str):
    """The one-click answer link of the e-mails: the signed token names the invitee, so no
    sign-in is needed for this page alone; the answer is still a POST (a mail scanner that
    opens the link answers nothing)."""
    invitee, problem = services.rsvp_invitee(token)
    if problem == "expired":
        return render(request, "meetings/rsvp_invalid.html", {"expired": True}, status=410)
    if invitee is None:
        return render(request, "meetings/rsvp_invalid.html", status=404)
    meeting = invitee.meeting

    def page(form, answered=None):
        return render(
            request,
            "meetings/rsvp.html",
            {
                "meeting": meeting,
                "invitee": invitee,
                "when": when(meeting),
                "form": form,
                "answered": answered,
                # Someone else's link, opened while signed in: say whose answer it records.
                "someone_else": request.user.is_authenticated
                and request.user.pk != invitee.person_id,
            },
        )

    return _answer(
        request,
        invitee,
        actor=None,
        success=lambda answered: page(None, answered),
        page=page,
    )


@require_http_methods(["GET", "POST"])
def meeting_remind(request, pk: int):
    meeting = _managed_meeting(request, pk)
    if not can(meeting, "remind"):
        raise Http404("The meeting is cancelled or over.")
    counts = {
        key: f"{label} ({len(services.audience_of(meeting, key))})"
        for key, label in services.AUDIENCES.items()
    }
    return form_view(
        request,
        RemindForm(posted(request), audiences=counts),
        lambda form: services.meeting_remind_now(
            actor=request.user,
            meeting=meeting,
            audience=form.cleaned_data["audience"],
            message=form.cleaned_data["message"],
        ),
        success=lambda sent: done(
            request,
            f"The reminder is on its way to {sent} {'person' if sent == 1 else 'people'}.",
            "meetings:detail",
            pk=meeting.pk,
        ),
        page=_meeting_form(
            meeting,
            title=f"Send a reminder about “{meeting.title}”",
            explanation=[when(meeting), "People who said they will not attend are left out."],
        ),
    )


FEED_REQUESTS_PER_MINUTE = 30


@require_http_methods(["GET", "POST"])
def calendar_feed(request):
    """The person's private calendar address: create it, replace it, or turn it off."""
    from pitf.meetings.models import CalendarFeed

    token = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.feed_revoke(actor=request.user)
            return done(request, "Your calendar address is turned off.", "meetings:feed")
        token = services.feed_issue(actor=request.user)
    feed = CalendarFeed.objects.filter(person=request.user).first()
    address = (
        absolute(reverse("meetings:feed-ics", args=[token]), request_base(request)) if token else ""
    )
    # webcal: asks the person's calendar program to subscribe (RFC 5545's informal scheme).
    subscribe = "webcal:" + address.split(":", 1)[1] if address else ""
    return render(
        request,
        "meetings/feed.html",
        {"feed": feed, "address": address, "subscribe": subscribe, "crumbs": _crumbs()[:1]},
    )


@login_not_required
def calendar_feed_ics(request, token: str):
    """The feed itself: every meeting the person is on the list of, for a calendar program to
    subscribe to. No sign-in (the token is the key), at most 30 requests a minute per address."""
    from django.core.cache import cache

    person = services.feed_person(token)
    if person is None:
        raise Http404("No such calendar.")
    # A window of a minute from the first request of the address.
    key = f"meetings:feed:{token_hash(token)[:20]}"
    cache.add(key, 0, timeout=60)
    if cache.incr(key) > FEED_REQUESTS_PER_MINUTE:
        response = HttpResponse("Too many requests; try again in a minute.", status=429)
        response["Retry-After"] = "60"
        return response
    meetings = [i.meeting for i in selectors.meetings_of_person(user=person)]
    name = f"PITF hub: meetings of {person.full_name or person.email}"
    response = HttpResponse(
        calendar.download_ics(meetings, name=name), content_type="text/calendar"
    )
    response["Cache-Control"] = "private, no-store"
    return response
