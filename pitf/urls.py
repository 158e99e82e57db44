"""The hub's URLs: the core's, then each installed feature's. Every URL needs a login except those
marked @login_not_required."""

from allauth.socialaccount import views as socialaccount_views
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from pitf import views
from pitf.accounts import views as account_views
from pitf.features import feature_urlpatterns

# allauth's single sign-on pages a visitor reaches before being signed in (its connections
# page is left out: accounts are linked to single sign-on by verified e-mail only).
socialaccount_urlpatterns = [
    path(
        "login/cancelled/",
        login_not_required(socialaccount_views.login_cancelled),
        name="socialaccount_login_cancelled",
    ),
    path(
        "login/error/",
        login_not_required(socialaccount_views.login_error),
        name="socialaccount_login_error",
    ),
    path(
        "signup/",
        login_not_required(socialaccount_views.signup),
        name="socialaccount_signup",
    ),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("agencies/", views.agency_directory, name="agency-directory"),
    path("bodies/", views.body_list, name="body-list"),
    path("healthz", views.healthz, name="healthz"),
    # django-allauth, module by module (not allauth.urls, whose legacy redirects have no names).
    path("accounts/", include("allauth.account.urls")),
    # Before allauth's own: the hub's removal of a security key keeps the last second factor.
    path(
        "accounts/2fa/webauthn/keys/<int:pk>/remove/",
        account_views.remove_security_key,
        name="mfa_remove_webauthn",
    ),
    path("accounts/2fa/", include("allauth.mfa.urls")),
    path("accounts/3rdparty/", include(socialaccount_urlpatterns)),
    path("accounts/oidc/", include("pitf.accounts.oidc")),
    path("accounts/sessions/", include("allauth.usersessions.urls")),
    path("my/", views.my_page, name="my-page"),
    path("admin/", admin.site.urls),
    # Each installed feature's URLs, at the prefix its AppConfig names (pitf.features).
    *feature_urlpatterns(),
]
