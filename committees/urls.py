from django.urls import path

from committees.views import workplans, workspaces

app_name = "committees"
urlpatterns = [
    path("", workspaces.workspace_list, name="list"),
    path("deliverables/", workplans.agency_deliverables, name="agency-deliverables"),
    path("deliverables/<int:pk>/", workplans.deliverable_detail, name="deliverable"),
    path("deliverables/<int:pk>/edit/", workplans.deliverable_edit, name="deliverable-edit"),
    path("deliverables/<int:pk>/progress/", workplans.progress_add, name="deliverable-progress"),
    path("charters/<int:pk>/", workspaces.charter_detail, name="charter"),
    path("charters/<int:pk>/approve/", workspaces.charter_approve, name="charter-approve"),
    path("<slug:short_name>/", workspaces.workspace, name="workspace"),
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
