"""URLs of pitf.directory (under /manage/); each has a rule in pitf/directory/permissions.py."""

from django.urls import path

from pitf.directory.views import agencies, bodies, designations, history, memberships, offices

app_name = "directory"
urlpatterns = [
    path("agencies/", agencies.agency_list, name="agency-list"),
    path("agencies/new/", agencies.agency_create, name="agency-create"),
    path("agencies/<int:pk>/", agencies.agency_detail, name="agency-detail"),
    path("agencies/<int:pk>/edit/", agencies.agency_edit, name="agency-edit"),
    path("agencies/<int:pk>/deactivate/", agencies.agency_deactivate, name="agency-deactivate"),
    path("agencies/<int:pk>/reactivate/", agencies.agency_reactivate, name="agency-reactivate"),
    path("bodies/", bodies.body_list, name="body-list"),
    path("bodies/new/", bodies.body_create, name="body-create"),
    path("bodies/<int:pk>/", bodies.body_detail, name="body-detail"),
    path("bodies/<int:pk>/edit/", bodies.body_edit, name="body-edit"),
    path(
        "bodies/<int:pk>/memberships/new/", memberships.membership_create, name="membership-create"
    ),
    path(
        "bodies/<int:pk>/designations/new/",
        designations.designation_create,
        name="designation-create",
    ),
    path("memberships/<int:pk>/end/", memberships.membership_end, name="membership-end"),
    path(
        "memberships/<int:pk>/status/",
        memberships.membership_change_status,
        name="membership-change-status",
    ),
    path("designations/<int:pk>/end/", designations.designation_end, name="designation-end"),
    path(
        "designations/<int:pk>/hand-over/",
        designations.designation_handover,
        name="designation-handover",
    ),
    path("bodies/<int:pk>/offices/new/", offices.office_appoint, name="office-appoint"),
    path("offices/<int:pk>/end/", offices.office_end, name="office-end"),
    path("history/members/", history.membership_history, name="membership-history"),
    path("history/representatives/", history.designation_history, name="designation-history"),
]
