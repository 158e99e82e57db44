"""The trackers across agencies: the chair's office sets one up, adds and changes its rows, sees
the matrix with its totals and filters and exports it (CSV, XLSX); an agency's staff see and
write their own agency's column, a cell at a time, with its history and evidence."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from committees import access, trackers
from committees.forms import CellForm, MatrixFilterForm, RowForm, RowsForm, TrackerForm
from committees.models import TrackerRow
from committees.services import trackers as services
from committees.views.workspaces import _body, crumbs
from pitf import workdays
from pitf.directory.selectors import agencies_in_body
from pitf.pages import FormPage, done, filters, form_view, posted
from pitf.roles import request_roles
from pitf.uploads import content_type_of


def _tracker(request, pk: int, *, keeper: bool = False):
    tracker = trackers.tracker_for(request.user, request_roles(request), pk)
    if keeper:
        access.require_keeper_request(request, tracker.body)
    return tracker


def _page(tracker, title: str, explanation=()) -> FormPage:
    url = reverse("committees:tracker", args=[tracker.pk])
    return FormPage(
        title=title,
        crumbs=[*crumbs(tracker.body), (tracker.title, url)],
        cancel_url=url,
        explanation=explanation,
    )


def _agencies(body):
    return agencies_in_body(body=body, day=workdays.today_in_washington())


@require_http_methods(["GET", "POST"])
def tracker_add(request, short_name: str):
    body = _body(request, short_name, keeper=True)
    form = TrackerForm(
        posted(request),
        initial={"agencies": list(_agencies(body))},
        agencies=_agencies(body),
        adding=True,
    )
    return form_view(
        request,
        form,
        lambda form: services.tracker_create(
            actor=request.user,
            body=body,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            agencies=form.cleaned_data["agencies"],
            rows=services.parse_rows(form.cleaned_data["rows"]),
        ),
        success=lambda tracker: done(
            request, f"The tracker “{tracker}” is set up.", "committees:tracker", tracker.pk
        ),
        page=FormPage(
            title=f"Set up a tracker for the {body}",
            crumbs=crumbs(body),
            cancel_url=reverse("committees:workspace", args=[body.short_name]),
            explanation=[
                "A tracker lists requirements or recommendations against the participating "
                "agencies; each agency's staff write their own agency's status, note and "
                "evidence."
            ],
        ),
    )


@require_http_methods(["GET", "POST"])
def tracker_edit(request, pk: int):
    tracker = _tracker(request, pk, keeper=True)
    form = TrackerForm(
        posted(request),
        initial={
            "title": tracker.title,
            "description": tracker.description,
            "agencies": list(tracker.agencies.all()),
            "version": tracker.version,
        },
        agencies=_agencies(tracker.body) | tracker.agencies.all(),
        adding=False,
    )
    return form_view(
        request,
        form,
        lambda form: services.tracker_change(
            actor=request.user,
            tracker=tracker,
            expected_version=form.cleaned_data["version"] or 0,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            agencies=form.cleaned_data["agencies"],
        ),
        success=lambda tracker: done(
            request, f"“{tracker}” is saved.", "committees:tracker", tracker.pk
        ),
        page=_page(tracker, f"Change the tracker “{tracker}”"),
    )


@require_http_methods(["GET", "POST"])
def rows_add(request, pk: int):
    tracker = _tracker(request, pk, keeper=True)
    return form_view(
        request,
        RowsForm(posted(request)),
        lambda form: services.rows_add(
            actor=request.user, tracker=tracker, rows=services.parse_rows(form.cleaned_data["rows"])
        ),
        success=lambda rows: done(
            request,
            f"{len(rows)} row{'s' if len(rows) != 1 else ''} added.",
            "committees:tracker",
            pk,
        ),
        page=_page(tracker, f"Add rows to “{tracker}”"),
    )


@require_http_methods(["GET", "POST"])
def row_edit(request, pk: int):
    row = TrackerRow.objects.select_related("tracker").filter(pk=pk).first()
    if row is None:
        raise Http404("No such row.")
    tracker = _tracker(request, row.tracker_id, keeper=True)
    form = RowForm(
        posted(request),
        initial={"reference": row.reference, "text": row.text, "version": row.version},
    )
    return form_view(
        request,
        form,
        lambda form: services.row_change(
            actor=request.user,
            row=row,
            expected_version=form.cleaned_data["version"] or 0,
            reference=form.cleaned_data["reference"],
            text=form.cleaned_data["text"],
        ),
        success=lambda row: done(request, "The row is saved.", "committees:tracker", tracker.pk),
        page=_page(tracker, f"Change row {row.position} of “{tracker}”"),
    )


def tracker_detail(request, pk: int):
    roles = request_roles(request)
    tracker = _tracker(request, pk)
    keeper = access.keeps(roles, tracker.body)
    context = {
        "tracker": tracker,
        "body": tracker.body,
        "keeper": keeper,
        "crumbs": crumbs(tracker.body),
    }
    if keeper:
        context["form"], context["matrix"] = _filtered(request, tracker)
        context["body_rows"] = trackers.matrix_body(context["matrix"])
        context["query"] = request.GET.urlencode()
    own = request.user.agency_id
    if own and tracker.agencies.filter(pk=own).exists():
        context["own_agency"] = own
        context["column"] = trackers.column(tracker, request.user.agency)
    return render(request, "committees/tracker.html", context)


def _filtered(request, tracker):
    """The filter form of the query string and the matrix it asks for: the page and its
    exports show the same rows and agencies."""
    form = MatrixFilterForm(
        request.GET or None, agencies=list(tracker.agencies.order_by("acronym"))
    )
    chosen = filters(form)
    view = trackers.matrix(
        tracker,
        agency_ids=[chosen["agency"]] if "agency" in chosen else None,
        status=chosen.get("status", ""),
        search=chosen.get("q", ""),
    )
    return form, view


def _export(request, pk: int):
    tracker = _tracker(request, pk, keeper=True)
    return tracker, _filtered(request, tracker)[1]


def tracker_csv(request, pk: int):
    tracker, view = _export(request, pk)
    response = HttpResponse(trackers.matrix_csv(view), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tracker-{tracker.pk}.csv"'
    return response


def tracker_xlsx(request, pk: int):
    tracker, view = _export(request, pk)
    response = HttpResponse(
        trackers.matrix_xlsx(view),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="tracker-{tracker.pk}.xlsx"'
    return response


@require_http_methods(["GET", "POST"])
def cell(request, pk: int, row: int, agency: int):
    roles = request_roles(request)
    tracker = _tracker(request, pk)
    column = trackers.column_for(request.user, roles, tracker, agency)
    row, current, history = trackers.cell_of(tracker, row, column)
    writes = services.may_write_column(request.user, tracker, column.pk)
    form = None
    if writes:
        initial = {"status": "not_started", "version": 0}
        if current is not None:
            initial = {
                name: getattr(current, name)
                for name in ("status", "reason", "note", "evidence_link", "version")
            }
        form = CellForm(
            request.POST if request.method == "POST" else None,
            request.FILES if request.method == "POST" else None,
            initial=initial,
        )
    elif request.method == "POST":
        raise PermissionDenied("An agency writes its own column of a tracker only.")

    def page(form):
        return render(
            request,
            "committees/tracker_cell.html",
            {
                "tracker": tracker,
                "body": tracker.body,
                "row": row,
                "agency": column,
                "cell": current,
                "history": history,
                "form": form,
                "crumbs": [
                    *crumbs(tracker.body),
                    (tracker.title, reverse("committees:tracker", args=[tracker.pk])),
                ],
            },
        )

    if form is None:
        return page(None)
    return form_view(
        request,
        form,
        lambda form: services.cell_write(
            actor=request.user,
            row=row,
            agency=column,
            expected_version=form.cleaned_data["version"] or 0,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            noted_on=form.cleaned_data["noted_on"],
            evidence_link=form.cleaned_data["evidence_link"],
            evidence_upload=form.cleaned_data["evidence_upload"],
        ),
        success=lambda cell: done(
            request,
            f"{column.acronym}: “{row}” is saved as {cell.get_status_display().lower()}.",
            "committees:tracker",
            tracker.pk,
        ),
        page=page,
    )


def evidence(request, pk: int, row: int, agency: int):
    tracker = _tracker(request, pk)
    column = trackers.column_for(request.user, request_roles(request), tracker, agency)
    _, current, _ = trackers.cell_of(tracker, row, column)
    if current is None or not current.evidence_file:
        raise Http404("No evidence document.")
    response = FileResponse(
        current.evidence_file.open("rb"),
        as_attachment=True,
        filename=current.evidence_name,
        content_type=content_type_of(current.evidence_file.name),
    )
    response["Cache-Control"] = "private, no-store"
    return response
