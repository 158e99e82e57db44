"""URLs of pitf.people; each has a rule in pitf/people/permissions.py."""

from django.urls import path

from pitf.people import views

app_name = "people"
urlpatterns = [
    path("", views.user_list, name="user-list"),
    path("invite/", views.invitation_create, name="invitation-create"),
    path("<int:pk>/", views.user_detail, name="user-detail"),
    path("<int:pk>/edit/", views.user_edit, name="user-edit"),
    path("<int:pk>/deactivate/", views.user_deactivate, name="user-deactivate"),
    path("<int:pk>/reactivate/", views.user_reactivate, name="user-reactivate"),
    path("<int:pk>/invitation/resend/", views.invitation_resend, name="invitation-resend"),
    path("<int:pk>/offices/grant/", views.body_role_grant, name="body-role-grant"),
    path("<int:pk>/offices/<int:role_pk>/remove/", views.body_role_end, name="body-role-end"),
    path("invitations/<int:pk>/withdraw/", views.invitation_revoke, name="invitation-revoke"),
    path("invitations/accept/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("audit-log/", views.audit_log, name="audit-log"),
]
