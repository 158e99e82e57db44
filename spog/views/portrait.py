"""The portrait's pages: the portrait of a fiscal year or a cycle, the files built from it (PDF,
Word) with their progress, and their download."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pitf import workdays
from pitf.roles import request_roles
from spog import access
from spog.charts import portrait_charts
from spog.models import PortraitFile, ReportingCycle
from spog.periods import fiscal_year_of
from spog.portrait import Scope, portrait_of
from spog.services.portraits import portrait_request


def _scope(request, fiscal_year: int) -> Scope:
    cycle_id = request.GET.get("cycle") or request.POST.get("cycle")
    if not cycle_id:
        return Scope(fiscal_year)
    if not str(cycle_id).isdigit():
        raise Http404("No such cycle.")
    cycle = get_object_or_404(ReportingCycle, pk=int(cycle_id), fiscal_year=fiscal_year)
    return Scope(fiscal_year, cycle)


def _files(scope: Scope):
    """The latest file of each format built for the scope."""
    rows = PortraitFile.objects.filter(fiscal_year=scope.fiscal_year, cycle=scope.cycle)
    latest = {}
    for row in rows.order_by("-requested_at", "-pk")[:20]:
        latest.setdefault(row.format, row)
    return [latest[value] for value, _ in PortraitFile.Format.choices if value in latest]


def portrait_current(request):
    return redirect("spog:portrait", fiscal_year_of(workdays.today_in_washington()))


def portrait(request, fiscal_year: int):
    scope = _scope(request, fiscal_year)
    data = portrait_of(scope)
    return render(
        request,
        "spog/portrait.html",
        {
            "portrait": data,
            "scope": scope,
            "charts": portrait_charts(data),
            "cycles": ReportingCycle.objects.filter(fiscal_year=fiscal_year).order_by(
                "start_date", "end_date"
            ),
            "years": sorted(
                set(ReportingCycle.objects.values_list("fiscal_year", flat=True)) | {fiscal_year}
            ),
            "files": _files(scope),
            "office": access.is_office(request_roles(request)),
            "crumbs": [("Accomplishment reports", reverse("spog:cycle-list"))],
        },
    )


@require_POST
def portrait_build(request, fiscal_year: int):
    if not access.is_office(request_roles(request)):
        raise PermissionDenied("Only the SPOG chair's office builds the portrait's files.")
    scope = _scope(request, fiscal_year)
    format = request.POST.get("format")
    if format not in PortraitFile.Format.values:
        raise Http404("No such format.")
    row = portrait_request(actor=request.user, scope=scope, format=format)
    from django.contrib import messages

    messages.success(
        request,
        f"The {row.get_format_display()} file of the portrait is being built; it appears "
        "below when it is ready.",
    )
    url = reverse("spog:portrait", args=[fiscal_year])
    return redirect(f"{url}?cycle={scope.cycle.pk}" if scope.cycle else url)


def portrait_file_status(request, pk: int):
    row = get_object_or_404(PortraitFile, pk=pk)
    return JsonResponse(
        {
            "status": row.status,
            "label": row.get_status_display(),
            "progress": row.progress,
            "download": reverse("spog:portrait-file", args=[row.pk])
            if row.status == PortraitFile.Status.DONE
            else "",
        }
    )


def portrait_file(request, pk: int):
    row = get_object_or_404(PortraitFile.objects.select_related("cycle"), pk=pk)
    if row.status != PortraitFile.Status.DONE or not row.file:
        raise Http404("The file is not ready.")
    response = FileResponse(
        row.file.open("rb"),
        as_attachment=True,
        filename=row.filename,
        content_type="application/pdf"
        if row.format == PortraitFile.Format.PDF
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Cache-Control"] = "private, no-store"
    return response
