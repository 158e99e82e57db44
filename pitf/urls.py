"""The hub's URLs. Every URL needs a login except those marked @login_not_required."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from pitf import views
from pitf.forms import LoginForm

admin.site.site_header = "PITF coordination hub: emergency administration"
admin.site.site_title = "PITF hub admin"

urlpatterns = [
    path("", views.home, name="home"),
    path("agencies/", views.agency_directory, name="agency-directory"),
    path("bodies/", views.body_list, name="body-list"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("my/", views.my_page, name="my-page"),
    path("admin/", admin.site.urls),
]
