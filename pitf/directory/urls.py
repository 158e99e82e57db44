"""URLs of pitf.directory (under /manage/); each has a rule in pitf/directory/permissions.py."""

from django.urls import path

from pitf.directory import views

app_name = "directory"
urlpatterns = [
    path("agencies/", views.agency_list, name="agency-list"),
    path("agencies/new/", views.agency_create, name="agency-create"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency-detail"),
    path("agencies/<int:pk>/edit/", views.agency_edit, name="agency-edit"),
    path("agencies/<int:pk>/deactivate/", views.agency_deactivate, name="agency-deactivate"),
    path("agencies/<int:pk>/reactivate/", views.agency_reactivate, name="agency-reactivate"),
    path("bodies/", views.body_list, name="body-list"),
    path("bodies/new/", views.body_create, name="body-create"),
    path("bodies/<int:pk>/", views.body_detail, name="body-detail"),
    path("bodies/<int:pk>/edit/", views.body_edit, name="body-edit"),
    path("bodies/<int:pk>/memberships/new/", views.membership_create, name="membership-create"),
    path("bodies/<int:pk>/designations/new/", views.designation_create, name="designation-create"),
    path("memberships/<int:pk>/end/", views.membership_end, name="membership-end"),
    path(
        "memberships/<int:pk>/status/",
        views.membership_change_status,
        name="membership-change-status",
    ),
    path("designations/<int:pk>/end/", views.designation_end, name="designation-end"),
    path(
        "designations/<int:pk>/hand-over/",
        views.designation_handover,
        name="designation-handover",
    ),
    path("history/members/", views.membership_history, name="membership-history"),
    path("history/representatives/", views.designation_history, name="designation-history"),
]
