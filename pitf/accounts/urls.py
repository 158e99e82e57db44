"""The hub's own account URLs beside django-allauth's: keeping a session alive, ending an idle
one, unlocking a locked sign-in, and the page that gathers a person's account security."""

from django.urls import path

from pitf.accounts import views

app_name = "accounts"

urlpatterns = [
    path("security/", views.account_security, name="security"),
    path("session/keep-alive/", views.keep_alive, name="keep-alive"),
    path("session/timed-out/", views.session_timeout, name="session-timeout"),
    path("unlock/<int:pk>/", views.unlock, name="unlock"),
    path("unlock/mail/<str:token>/", views.unlock_by_mail, name="unlock-by-mail"),
]
