"""The directory's history pages: which agencies belonged to a body, and who represented them,
on a date."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from pitf.directory import selectors
from pitf.directory.forms import DesignationHistoryForm, MembershipHistoryForm


def _history_question(request, form_class, *, default_body):
    """The question of a history page: the form, and the body, day and other answers; the
    body defaults to the SPOG and the day to today."""
    today = timezone.localdate()
    form = form_class(request.GET or None, initial={"body": default_body, "on": today})
    if not form.is_bound:
        return form, {"body": default_body, "on": today}
    if not form.is_valid():
        return form, None
    answers = dict(form.cleaned_data)
    answers["on"] = answers.get("on") or today
    return form, answers


@require_GET
def membership_history(request):
    form, question = _history_question(
        request, MembershipHistoryForm, default_body=selectors.spog()
    )
    context = {"form": form, "question": question, "today": timezone.localdate()}
    if question and question["body"] is not None:
        body, day = question["body"], question["on"]
        members, invited = selectors.members_on(body=body, day=day)
        context.update(
            body=body,
            day=day,
            members=members,
            invited=invited,
            changes=selectors.membership_changes(body=body),
        )
    return render(request, "directory/membership_history.html", context)


@require_GET
def designation_history(request):
    form, question = _history_question(
        request, DesignationHistoryForm, default_body=selectors.spog()
    )
    context = {"form": form, "question": question, "today": timezone.localdate()}
    if question and question["body"] is not None:
        body, day, agency = question["body"], question["on"], question.get("agency")
        context.update(
            body=body,
            day=day,
            agency=agency,
            representatives=selectors.representatives_on(body=body, day=day, agency=agency),
            timeline=selectors.designation_timeline(body=body, agency=agency) if agency else [],
        )
    return render(request, "directory/designation_history.html", context)
