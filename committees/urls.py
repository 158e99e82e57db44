from django.urls import path

from committees.views import legislation, messaging, trackers, workplans, workspaces

app_name = "committees"
urlpatterns = [
    path("", workspaces.workspace_list, name="list"),
    path("deliverables/", workplans.agency_deliverables, name="agency-deliverables"),
    path("deliverables/<int:pk>/", workplans.deliverable_detail, name="deliverable"),
    path("deliverables/<int:pk>/edit/", workplans.deliverable_edit, name="deliverable-edit"),
    path("deliverables/<int:pk>/progress/", workplans.progress_add, name="deliverable-progress"),
    path("charters/<int:pk>/", workspaces.charter_detail, name="charter"),
    path("charters/<int:pk>/approve/", workspaces.charter_approve, name="charter-approve"),
    path("bills/", legislation.bill_list, name="bill-list"),
    path("bills/new/", legislation.bill_add, name="bill-add"),
    path("bills/import/", legislation.bills_import, name="bill-import"),
    path("bills/<int:pk>/", legislation.bill_detail, name="bill"),
    path("bills/<int:pk>/view/", legislation.bill_view, name="bill-view"),
    path("bills/<int:pk>/circulate/", legislation.bill_circulate, name="bill-circulate"),
    path("bills/<int:pk>/views.docx", legislation.bill_docx, name="bill-docx"),
    path("messaging/", messaging.calendar_month, name="messaging"),
    path("messaging/list/", messaging.calendar_list, name="messaging-list"),
    path("messaging.ics", messaging.calendar_ics, name="messaging-ics"),
    path("messaging/new/", messaging.communication_add, name="communication-add"),
    path("messaging/<int:pk>/", messaging.communication_detail, name="communication"),
    path("messaging/<int:pk>/edit/", messaging.communication_edit, name="communication-edit"),
    path(
        "messaging/<int:pk>/circulate/",
        messaging.communication_circulate,
        name="communication-circulate",
    ),
    path(
        "messaging/<int:pk>/publish/",
        messaging.communication_publish,
        name="communication-publish",
    ),
    path("trackers/<int:pk>/", trackers.tracker_detail, name="tracker"),
    path("trackers/<int:pk>/edit/", trackers.tracker_edit, name="tracker-edit"),
    path("trackers/<int:pk>/rows/new/", trackers.rows_add, name="tracker-rows-add"),
    path("trackers/rows/<int:pk>/edit/", trackers.row_edit, name="tracker-row-edit"),
    path("trackers/<int:pk>/matrix.csv", trackers.tracker_csv, name="tracker-csv"),
    path("trackers/<int:pk>/matrix.xlsx", trackers.tracker_xlsx, name="tracker-xlsx"),
    path(
        "trackers/<int:pk>/rows/<int:row>/agencies/<int:agency>/",
        trackers.cell,
        name="tracker-cell",
    ),
    path(
        "trackers/<int:pk>/rows/<int:row>/agencies/<int:agency>/evidence/",
        trackers.evidence,
        name="tracker-evidence",
    ),
    path("<slug:short_name>/", workspaces.workspace, name="workspace"),
    path("<slug:short_name>/trackers/new/", trackers.tracker_add, name="tracker-add"),
    path("<slug:short_name>/charter/new/", workspaces.charter_add, name="charter-add"),
    path(
        "<slug:short_name>/announcements/new/",
        workspaces.announcement_post,
        name="announcement-post",
    ),
    path("<slug:short_name>/close-out/", workspaces.close_out, name="close-out"),
    path("<slug:short_name>/work-plan/", workplans.work_plan, name="work-plan"),
    path("<slug:short_name>/work-plan/new/", workplans.deliverable_add, name="deliverable-add"),
]
