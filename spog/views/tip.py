"""The TIP Report data call's pages: the calls, one call's sections and who has contributed,
assigning a section, writing a contribution (with a preview), the compiled draft as a page and
as Word, closing the call and circulating the compiled draft for review."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from pitf.circulation import reach as circulation_reach
from pitf.forms import ConfirmForm
from pitf.meetings.minutes import rendered
from pitf.pages import FormPage, done, form_view, posted
from pitf.roles import request_roles
from spog import access, tip
from spog.forms import AssignForm, CirculateDraftForm, ContributionForm, DataCallForm
from spog.models import Contribution, DataCall, Section
from spog.services import tip as services
from spog.workflows import DATA_CALL


def _crumbs(call=None):
    crumbs = [("TIP Report data calls", reverse("spog:datacall-list"))]
    if call is not None:
        crumbs.append((str(call), reverse("spog:datacall", args=[call.pk])))
    return crumbs


def datacall_list(request):
    return render(
        request,
        "spog/datacall_list.html",
        {"calls": DataCall.objects.all(), "office": access.is_office(request_roles(request))},
    )


@require_http_methods(["GET", "POST"])
def datacall_open(request):
    access.require_office_request(request)
    return form_view(
        request,
        DataCallForm(posted(request)),
        lambda form: services.data_call_open(actor=request.user, **form.cleaned_data),
        success=lambda call: done(
            request, f"The {call} is open; assign its sections.", "spog:datacall", call.pk
        ),
        page=FormPage(
            title="Open a TIP Report data call",
            crumbs=_crumbs(),
            cancel_url=reverse("spog:datacall-list"),
            explanation=[
                "The call has the U.S. narrative's five sections: Trafficking Profile, "
                "Prosecution, Protection, Prevention and Recommendations. Assign each to its "
                "agencies, one of them leading; their representatives are told."
            ],
        ),
    )


def datacall_detail(request, pk: int):
    call = get_object_or_404(DataCall, pk=pk)
    office = access.is_office(request_roles(request))
    views = tip.sections_of(call)
    own = request.user.agency_id
    return render(
        request,
        "spog/datacall_detail.html",
        {
            "call": call,
            "sections": views,
            "office": office,
            "own_agency": own,
            "mine": [v for v in views if any(a.pk == own for a, _ in v.agencies)],
            "may_contribute": DATA_CALL.can(call, "contribute"),
            "crumbs": _crumbs(),
        },
    )


@require_http_methods(["GET", "POST"])
def section_assign(request, pk: int):
    access.require_office_request(request)
    section = get_object_or_404(Section.objects.select_related("call"), pk=pk)
    return form_view(
        request,
        AssignForm(posted(request), section=section),
        lambda form: services.section_assign(
            actor=request.user,
            section=section,
            expected_version=form.cleaned_data["version"],
            lead=form.cleaned_data["lead"],
            agencies=list(form.cleaned_data["agencies"]),
        ),
        success=lambda section: done(
            request,
            f"“{section}” is assigned; newly assigned agencies were told.",
            "spog:datacall",
            section.call_id,
        ),
        page=FormPage(
            title=f"Assign “{section}”: {section.call}",
            crumbs=_crumbs(section.call),
            cancel_url=reverse("spog:datacall", args=[section.call_id]),
        ),
    )


def _contribution_page(request, section, form, preview: str):
    return render(
        request,
        "spog/contribution_form.html",
        {
            "title": f"{section}: {section.call}",
            "section": section,
            "form": form,
            "preview": preview,
            "crumbs": _crumbs(section.call),
            "cancel_url": reverse("spog:datacall", args=[section.call_id]),
        },
    )


@require_http_methods(["GET", "POST"])
def contribute(request, pk: int):
    section = get_object_or_404(Section.objects.select_related("call", "lead_agency"), pk=pk)
    agency_id = request.user.agency_id
    if not agency_id or not section.agencies.filter(pk=agency_id).exists():
        raise Http404("Your agency is not assigned to this section.")
    existing = Contribution.objects.filter(section=section, agency_id=agency_id).first()
    initial = (
        {"text": existing.text, "data": existing.data, "version": existing.version}
        if existing
        else {}
    )
    form = ContributionForm(posted(request), initial=initial)
    if "preview" in request.POST:
        preview = rendered(form.cleaned_data["text"]) if form.is_valid() else ""
        return _contribution_page(request, section, form, preview)
    return form_view(
        request,
        form,
        lambda form: services.contribution_save(
            actor=request.user,
            section=section,
            text=form.cleaned_data["text"],
            data=form.cleaned_data["data"],
            expected_version=form.cleaned_data["version"],
        ),
        success=lambda _: done(
            request,
            f"Your agency's contribution to “{section}” is saved.",
            "spog:datacall",
            section.call_id,
        ),
        page=lambda form: _contribution_page(request, section, form, ""),
    )


def compiled(request, pk: int):
    access.require_office_request(request)
    call = get_object_or_404(DataCall, pk=pk)
    return render(
        request,
        "spog/datacall_compiled.html",
        {"call": call, "sections": call.compiled, "crumbs": _crumbs(call)},
    )


def compiled_docx(request, pk: int):
    access.require_office_request(request)
    call = get_object_or_404(DataCall, pk=pk)
    response = HttpResponse(
        tip.compiled_docx(call),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="tip-report-{call.report_year}-compiled.docx"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def datacall_close(request, pk: int):
    access.require_office_request(request)
    call = get_object_or_404(DataCall, pk=pk)
    return form_view(
        request,
        ConfirmForm(posted(request), instance=call, submit_label="Close the data call"),
        lambda form: services.data_call_close(
            actor=request.user, call=call, expected_version=form.cleaned_data["version"]
        ),
        success=lambda call: done(request, f"The {call} is closed.", "spog:datacall", call.pk),
        page=FormPage(
            title=f"Close the {call}?",
            crumbs=_crumbs(call),
            cancel_url=reverse("spog:datacall", args=[call.pk]),
            warnings=["Agencies can no longer add or change their contributions."],
        ),
    )


@require_http_methods(["GET", "POST"])
def datacall_circulate(request, pk: int):
    access.require_office_request(request)
    call = get_object_or_404(DataCall, pk=pk)
    from pitf.circulation import kinds

    return form_view(
        request,
        CirculateDraftForm(posted(request), call=call),
        lambda form: services.data_call_circulate(
            actor=request.user,
            call=call,
            expected_version=form.cleaned_data["version"],
            deadline=form.cleaned_data["deadline"],
        ),
        success=lambda started: done(
            request,
            circulation_reach.circulated_message(started),
            "circulation:detail",
            started.pk,
        ),
        page=FormPage(
            title=f"Circulate the compiled draft: {call}",
            crumbs=_crumbs(call),
            cancel_url=reverse("spog:datacall", args=[call.pk]),
            explanation=[
                "The SPOG's other member agencies review the compiled draft and comment "
                "by the deadline, as for any document circulated for comment."
            ],
            warnings=circulation_reach.gaps(
                kinds.kind_for_model(DataCall), owner_id=request.user.agency_id or 0
            ),
        ),
    )
