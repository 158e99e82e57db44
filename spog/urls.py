from django.urls import path

from spog.models import Objective, Plan, Priority
from spog.views import dashboard, plans, portrait, statistics, tip
from spog.views import reports as views

app_name = "spog"
urlpatterns = [
    path("reports/", views.cycle_list, name="cycle-list"),
    path("reports/shared/", views.shared_list, name="shared"),
    path("reports/shared/<int:pk>/confirm/", views.partner_confirm, name="partner-confirm"),
    path("cycles/new/", views.cycle_open, name="cycle-open"),
    path("cycles/<int:pk>/", views.cycle_detail, name="cycle"),
    path("cycles/<int:pk>/remind/", views.cycle_remind, name="cycle-remind"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/entries/new/", views.entry_add, name="entry-add"),
    path("reports/<int:pk>/entries/copy/", views.entry_copy_forward, name="entry-copy"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report-submit"),
    path("reports/<int:pk>/review/", views.report_review, name="report-review"),
    path("reports/<int:pk>/versions/<int:number>/", views.report_version, name="report-version"),
    path("portrait/", portrait.portrait_current, name="portrait-current"),
    path("portrait/<int:fiscal_year>/", portrait.portrait, name="portrait"),
    path("portrait/<int:fiscal_year>/build/", portrait.portrait_build, name="portrait-build"),
    path("portrait/files/<int:pk>/", portrait.portrait_file, name="portrait-file"),
    path(
        "portrait/files/<int:pk>/status/",
        portrait.portrait_file_status,
        name="portrait-file-status",
    ),
    path("statistics/", statistics.indicator_list, name="indicator-list"),
    path("statistics/new/", statistics.indicator_add, name="indicator-add"),
    path("statistics/import/", statistics.values_import, name="statistics-import"),
    path("statistics.csv", statistics.values_csv, name="statistics-csv"),
    path("statistics/<int:pk>/", statistics.indicator_detail, name="indicator"),
    path("statistics/<int:pk>/values/new/", statistics.value_enter, name="indicator-value"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("priorities/", plans.plan_list, name="plan-list"),
    path("priorities/new/", plans.plan_add, name="plan-add"),
    path("priorities/<int:pk>/", plans.wording_edit, {"model": Plan}, name="plan-edit"),
    path("priorities/<int:pk>/priorities/new/", plans.priority_add, name="priority-add"),
    path(
        "priorities/priority/<int:pk>/",
        plans.wording_edit,
        {"model": Priority},
        name="priority-edit",
    ),
    path(
        "priorities/priority/<int:pk>/objectives/new/",
        plans.objective_add,
        name="objective-add",
    ),
    path(
        "priorities/objective/<int:pk>/",
        plans.wording_edit,
        {"model": Objective},
        name="objective-edit",
    ),
    path("tip/", tip.datacall_list, name="datacall-list"),
    path("tip/new/", tip.datacall_open, name="datacall-open"),
    path("tip/<int:pk>/", tip.datacall_detail, name="datacall"),
    path("tip/<int:pk>/compiled/", tip.compiled, name="datacall-compiled"),
    path("tip/<int:pk>/compiled.docx", tip.compiled_docx, name="datacall-docx"),
    path("tip/<int:pk>/close/", tip.datacall_close, name="datacall-close"),
    path("tip/<int:pk>/circulate/", tip.datacall_circulate, name="datacall-circulate"),
    path("tip/sections/<int:pk>/assign/", tip.section_assign, name="section-assign"),
    path("tip/sections/<int:pk>/contribute/", tip.contribute, name="section-contribute"),
    path("entries/<int:pk>/edit/", views.entry_edit, name="entry-edit"),
    path("entries/<int:pk>/remove/", views.entry_remove, name="entry-remove"),
]
