"""URLs of pitf.people; each has a rule in pitf/people/permissions.py."""

from django.urls import path

from pitf.people.views import accounts, audit_log, invitations, offices

app_name = "people"
urlpatterns = [
    path("", accounts.user_list, name="user-list"),
    path("invite/", invitations.invitation_create, name="invitation-create"),
    path("<int:pk>/", accounts.user_detail, name="user-detail"),
    path("<int:pk>/edit/", accounts.user_edit, name="user-edit"),
    path("<int:pk>/deactivate/", accounts.user_deactivate, name="user-deactivate"),
    path("<int:pk>/reactivate/", accounts.user_reactivate, name="user-reactivate"),
    path("<int:pk>/invitation/resend/", invitations.invitation_resend, name="invitation-resend"),
    path("<int:pk>/offices/grant/", offices.body_role_grant, name="body-role-grant"),
    path("<int:pk>/offices/<int:role_pk>/remove/", offices.body_role_end, name="body-role-end"),
    path("invitations/<int:pk>/withdraw/", invitations.invitation_revoke, name="invitation-revoke"),
    path(
        "invitations/accept/<str:token>/", invitations.invitation_accept, name="invitation-accept"
    ),
    path("audit-log/", audit_log.audit_log, name="audit-log"),
    path("audit-log.csv", audit_log.audit_log_csv, name="audit-log-csv"),
]
