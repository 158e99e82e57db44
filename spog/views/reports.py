"""The reporting pages: thin views over spog.selectors and spog.services. A report and its
entries are found through selectors.report_for / entry_for (404 to another agency)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from pitf import workdays
from pitf.forms import ButtonForm, ConfirmForm
from pitf.pages import FormPage, done, form_view, posted
from pitf.roles import request_roles
from spog import access, selectors, services
from spog.forms import CopyForwardForm, CycleForm, EntryForm, ReminderForm, ReviewForm
from spog.models import EntryPartner, ReportingCycle
from spog.services.cycles import OWED
from spog.workflows import REPORT


def _report(request, pk: int):
    return selectors.report_for(request.user, request_roles(request), pk)


def _drafted(request, report):
    """The report, for its agency's staff to write (403 to others who see it)."""
    if not access.may_draft(request.user, report):
        raise PermissionDenied(f"Only {report.agency.acronym}'s staff write its report.")
    return report


def _crumbs(report=None):
    crumbs = [("Accomplishment reports", reverse("spog:cycle-list"))]
    if report is not None:
        crumbs.append((str(report), reverse("spog:report", args=[report.pk])))
    return crumbs


def cycle_list(request):
    roles = request_roles(request)
    return render(
        request,
        "spog/cycle_list.html",
        {
            "lines": selectors.cycles_for(request.user, roles),
            "office": access.is_office(roles),
            "shared_awaiting": selectors.shared_with(request.user.agency_id)
            .filter(confirmed_at__isnull=True)
            .count(),
        },
    )


@require_http_methods(["GET", "POST"])
def cycle_open(request):
    access.require_office_request(request)
    return form_view(
        request,
        CycleForm(posted(request)),
        lambda form: services.cycle_open(actor=request.user, **form.values()),
        success=lambda cycle: done(
            request,
            f"The cycle for {cycle} is open; each participating agency's representatives "
            "were told.",
            "spog:cycle",
            cycle.pk,
        ),
        page=FormPage(
            title="Open a reporting cycle",
            crumbs=_crumbs(),
            cancel_url=reverse("spog:cycle-list"),
            explanation=[
                "Each participating agency gets a report to fill in, and its representatives "
                "to the SPOG are e-mailed once. Agencies that have not submitted are reminded "
                "before the due date."
            ],
        ),
    )


def cycle_detail(request, pk: int):
    access.require_office_request(request)
    cycle = get_object_or_404(ReportingCycle, pk=pk)
    today = workdays.today_in_washington()
    rows = selectors.standings(cycle, today)
    return render(
        request,
        "spog/cycle_detail.html",
        {
            "cycle": cycle,
            "rows": rows,
            "late": [row for row in rows if row.late],
            "owing": any(row.report.status in OWED for row in rows),
            "reminders": cycle.reminders.select_related("sent_by").prefetch_related("agencies"),
            "crumbs": _crumbs(),
        },
    )


@require_http_methods(["GET", "POST"])
def cycle_remind(request, pk: int):
    access.require_office_request(request)
    cycle = get_object_or_404(ReportingCycle, pk=pk)
    from pitf.models import Agency

    owing = Agency.objects.filter(reports__cycle=cycle, reports__status__in=OWED).order_by("name")
    return form_view(
        request,
        ReminderForm(posted(request), owing=owing),
        lambda form: services.cycle_send_reminder(
            actor=request.user, cycle=cycle, **form.cleaned_data
        ),
        success=lambda reminder: done(
            request,
            f"The reminder was sent to the representatives of {reminder.agencies.count()} "
            "agencies.",
            "spog:cycle",
            cycle.pk,
        ),
        page=FormPage(
            title=f"Remind agencies: {cycle}",
            crumbs=[*_crumbs(), (str(cycle), reverse("spog:cycle", args=[cycle.pk]))],
            cancel_url=reverse("spog:cycle", args=[cycle.pk]),
            explanation=[
                "Your message goes to the representatives to the SPOG of each agency chosen "
                "that has not submitted its report."
            ],
        ),
    )


def report_detail(request, pk: int):
    report = _report(request, pk)
    roles = request_roles(request)
    entries = list(selectors.entries_of(report))
    return render(
        request,
        "spog/report_detail.html",
        {
            "report": report,
            "cycle": report.cycle,
            "entries": entries,
            "may_draft": access.may_draft(request.user, report) and REPORT.can(report, "edit"),
            "may_submit": access.may_submit(request.user, roles, report)
            and REPORT.can(report, "submit"),
            "may_review": access.is_office(roles) and REPORT.can(report, "accept"),
            "reviews": report.reviews.select_related("reviewed_by"),
            "versions": report.versions.select_related("submitted_by").defer("entries"),
            "late": report.status in OWED
            and workdays.today_in_washington() > report.cycle.due_date,
            "crumbs": _crumbs(),
        },
    )


def _entry_form(request, report, *, entry=None):
    return EntryForm(
        posted(request),
        instance=entry,
        objectives=selectors.objectives_for(report.cycle),
        agency_id=report.agency_id,
        submit_label="Save the entry" if entry else "Add the entry",
    )


def _entry_page(report, title: str) -> FormPage:
    return FormPage(
        title=title,
        crumbs=_crumbs(report),
        cancel_url=reverse("spog:report", args=[report.pk]),
    )


@require_http_methods(["GET", "POST"])
def entry_add(request, pk: int):
    report = _drafted(request, _report(request, pk))
    return form_view(
        request,
        _entry_form(request, report),
        lambda form: services.entry_create(
            actor=request.user,
            report=report,
            objectives=list(form.cleaned_data["objectives"]),
            partners=list(form.cleaned_data["partners"]),
            **form.values(),
        ),
        success=lambda entry: done(request, f"“{entry.title}” is added.", "spog:report", report.pk),
        page=_entry_page(report, f"Add an entry: {report}"),
    )


@require_http_methods(["GET", "POST"])
def entry_edit(request, pk: int):
    entry = selectors.entry_for(request.user, request_roles(request), pk)
    report = _drafted(request, entry.report)
    form = _entry_form(request, report, entry=entry)
    return form_view(
        request,
        form,
        lambda form: services.entry_edit(
            actor=request.user,
            entry=entry,
            expected_version=form.cleaned_data["version"] or 0,
            objectives=list(form.cleaned_data["objectives"]),
            partners=list(form.cleaned_data["partners"]),
            **form.values(),
        ),
        success=lambda entry: done(request, f"“{entry.title}” is saved.", "spog:report", report.pk),
        page=_entry_page(report, f"Change the entry: {entry.title}"),
    )


@require_http_methods(["GET", "POST"])
def entry_remove(request, pk: int):
    entry = selectors.entry_for(request.user, request_roles(request), pk)
    report = _drafted(request, entry.report)
    return form_view(
        request,
        ButtonForm(posted(request), submit_label="Take the entry off"),
        lambda form: services.entry_remove(actor=request.user, entry=entry),
        success=lambda _: done(
            request, f"“{entry.title}” is taken off the report.", "spog:report", report.pk
        ),
        page=FormPage(
            title=f"Take off “{entry.title}”?",
            crumbs=_crumbs(report),
            cancel_url=reverse("spog:report", args=[report.pk]),
            warnings=["The entry is deleted from this report. Submitted versions keep it."],
        ),
    )


@require_http_methods(["GET", "POST"])
def entry_copy_forward(request, pk: int):
    report = _drafted(request, _report(request, pk))

    @transaction.atomic
    def copy(form):
        return [
            services.entry_copy_forward(actor=request.user, entry=entry, report=report)
            for entry in form.cleaned_data["entries"]
        ]

    return form_view(
        request,
        CopyForwardForm(posted(request), entries=selectors.earlier_entries(report)),
        copy,
        success=lambda copied: done(
            request,
            f"{len(copied)} entr{'y is' if len(copied) == 1 else 'ies are'} copied; check "
            "the dates and figures of each.",
            "spog:report",
            report.pk,
        ),
        page=FormPage(
            title=f"Copy entries forward: {report}",
            crumbs=_crumbs(report),
            cancel_url=reverse("spog:report", args=[report.pk]),
            explanation=[
                "Copy what continues from your agency's earlier reports. Each copy is a new "
                "entry of this report; partner agencies confirm it again."
            ],
        ),
    )


@require_http_methods(["GET", "POST"])
def report_submit(request, pk: int):
    report = _report(request, pk)
    if not access.may_submit(request.user, request_roles(request), report):
        raise PermissionDenied(
            f"Only {report.agency.acronym}'s representatives to the SPOG submit its report."
        )
    return form_view(
        request,
        ConfirmForm(posted(request), instance=report, submit_label="Submit the report"),
        lambda form: services.report_submit(
            actor=request.user, report=report, expected_version=form.cleaned_data["version"]
        ),
        success=lambda version: done(
            request,
            f"The report is submitted (version {version.number}) to the SPOG chair's office.",
            "spog:report",
            report.pk,
        ),
        page=FormPage(
            title=f"Submit the report: {report}",
            crumbs=_crumbs(report),
            cancel_url=reverse("spog:report", args=[report.pk]),
            explanation=[
                "The chair's office accepts it or returns it with comments. Its entries no "
                "longer change unless it is returned."
            ],
        ),
    )


@require_http_methods(["GET", "POST"])
def report_review(request, pk: int):
    access.require_office_request(request)
    report = _report(request, pk)

    def decide(form):
        decide = (
            services.report_accept
            if form.cleaned_data["decision"] == "accept"
            else (services.report_return)
        )
        return decide(
            actor=request.user,
            report=report,
            expected_version=form.cleaned_data["version"],
            comments=form.cleaned_data["comments"],
        )

    return form_view(
        request,
        ReviewForm(posted(request), report=report),
        decide,
        success=lambda review: done(
            request,
            f"The report is {'accepted' if review.accepted else 'returned to the agency'}; "
            "its representatives were told.",
            "spog:report",
            report.pk,
        ),
        page=FormPage(
            title=f"Review the report: {report}",
            crumbs=_crumbs(report),
            cancel_url=reverse("spog:report", args=[report.pk]),
        ),
    )


def report_version(request, pk: int, number: int):
    report = _report(request, pk)
    version = get_object_or_404(report.versions.select_related("submitted_by"), number=number)
    return render(
        request,
        "spog/report_version.html",
        {"report": report, "version": version, "crumbs": _crumbs(report)},
    )


def shared_list(request):
    return render(
        request,
        "spog/shared_list.html",
        {
            "partners": selectors.shared_with(request.user.agency_id)[:200],
            "crumbs": _crumbs(),
        },
    )


@require_POST
def partner_confirm(request, pk: int):
    partner = EntryPartner.objects.filter(pk=pk, agency_id=request.user.agency_id).first()
    if partner is None:
        from django.http import Http404

        raise Http404("No such shared entry.")
    services.partner_confirm(actor=request.user, partner=partner)
    return done(
        request,
        f"“{partner.entry.title}” is confirmed as shared with your agency.",
        "spog:shared",
    )
