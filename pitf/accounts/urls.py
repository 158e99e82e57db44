"""The hub's own account URLs beside django-allauth's: keeping a session alive, ending an idle
one, and unlocking a locked sign-in."""

from django.urls import path

from pitf.accounts import views

app_name = "accounts"

urlpatterns = [
    path("session/keep-alive/", views.keep_alive, name="keep-alive"),
    path("session/timed-out/", views.session_timeout, name="session-timeout"),
    path("unlock/<int:pk>/", views.unlock, name="unlock"),
]
