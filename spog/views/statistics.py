"""The statistics pages: indicators, an indicator's values over the years (table, chart, CSV),
entering a value, importing values from CSV."""

from __future__ import annotations

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from pitf.formats import spreadsheet_safe
from pitf.models import Agency
from pitf.pages import FormPage, done, form_view, posted
from pitf.roles import request_roles
from spog import access
from spog.charts import bar_chart
from spog.forms import ImportForm, IndicatorForm, ValueForm
from spog.models import Indicator, IndicatorValue
from spog.services import statistics as statistics_services
from spog.statistics import indicators_listed, value_table


def _crumbs():
    return [("Statistics", reverse("spog:indicator-list"))]


def _files(request):
    return request.FILES if request.method == "POST" else None


def indicator_list(request):
    return render(
        request,
        "spog/indicator_list.html",
        {
            "indicators": indicators_listed(),
            "defines": access.defines_statistics(request_roles(request)),
        },
    )


@require_http_methods(["GET", "POST"])
def indicator_add(request):
    if not access.defines_statistics(request_roles(request)):
        raise PermissionDenied(
            "Only the Research & Data Committee's offices and the SPOG chair's office do that."
        )
    return form_view(
        request,
        IndicatorForm(posted(request)),
        lambda form: statistics_services.indicator_create(actor=request.user, **form.cleaned_data),
        success=lambda indicator: done(
            request, f"“{indicator}” is added.", "spog:indicator", indicator.pk
        ),
        page=FormPage(
            title="Add an indicator",
            crumbs=_crumbs(),
            cancel_url=reverse("spog:indicator-list"),
        ),
    )


def _agencies_entered_by(request):
    roles = request_roles(request)
    agencies = Agency.objects.filter(active=True).order_by("name")
    if access.defines_statistics(roles):
        return agencies
    return agencies.filter(pk=request.user.agency_id)


def indicator_detail(request, pk: int):
    indicator = get_object_or_404(Indicator.objects.select_related("owning_agency"), pk=pk)
    table = value_table(indicator)
    return render(
        request,
        "spog/indicator_detail.html",
        {
            "indicator": indicator,
            "table": table,
            "chart": bar_chart(
                f"{indicator.name}, all agencies, by fiscal year",
                [
                    (f"FY {year}", total)
                    for year, total in zip(table.years, table.totals, strict=True)
                ],
            ),
            "may_enter": _agencies_entered_by(request).exists(),
            "crumbs": _crumbs(),
        },
    )


@require_http_methods(["GET", "POST"])
def value_enter(request, pk: int):
    indicator = get_object_or_404(Indicator, pk=pk)
    agencies = _agencies_entered_by(request)
    if not agencies.exists():
        raise PermissionDenied("Only agency staff enter their agency's figures.")
    initial = {"agency": request.user.agency_id} if request.user.agency_id else {}
    return form_view(
        request,
        ValueForm(posted(request), agencies=agencies, initial=initial),
        lambda form: statistics_services.value_record(
            actor=request.user, indicator=indicator, **form.cleaned_data
        ),
        success=lambda row: done(
            request,
            f"{row.agency.acronym}'s value for FY {row.fiscal_year} is saved.",
            "spog:indicator",
            indicator.pk,
        ),
        page=FormPage(
            title=f"Enter a value: {indicator}",
            crumbs=[*_crumbs(), (indicator.name, reverse("spog:indicator", args=[pk]))],
            cancel_url=reverse("spog:indicator", args=[pk]),
            explanation=[
                f"In {indicator.unit}: {indicator.definition}",
                "A value already entered for that agency and year is replaced.",
            ],
        ),
    )


@require_http_methods(["GET", "POST"])
def values_import(request):
    if not access.defines_statistics(request_roles(request)):
        raise PermissionDenied(
            "Only the Research & Data Committee's offices and the SPOG chair's office do that."
        )
    return form_view(
        request,
        ImportForm(posted(request), _files(request)),
        lambda form: statistics_services.values_import(actor=request.user, text=form.text()),
        success=lambda result: done(
            request,
            f"Imported: {result.created} new values, {result.updated} changed.",
            "spog:indicator-list",
        ),
        page=FormPage(
            title="Import values from CSV",
            crumbs=_crumbs(),
            cancel_url=reverse("spog:indicator-list"),
            explanation=[
                "Every row is checked first: with any error nothing is imported, and each "
                "error is listed with its row and column. A value already recorded for an "
                "indicator, agency and fiscal year is replaced."
            ],
        ),
    )


def values_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="statistics.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([*statistics_services.HEADER, "unit"])
    rows = IndicatorValue.objects.values_list(
        "indicator__name", "agency__acronym", "fiscal_year", "value", "indicator__unit"
    ).order_by("indicator__name", "fiscal_year", "agency__acronym")
    for row in rows.iterator(chunk_size=2000):
        writer.writerow([spreadsheet_safe(str(cell)) for cell in row])
    return response
