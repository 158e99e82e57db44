from django.urls import path

from grants import views

app_name = "grants"
urlpatterns = [
    path("solicitations/", views.solicitation_list, name="solicitation-list"),
    path("solicitations/new/", views.solicitation_create, name="solicitation-create"),
    path("solicitations.csv", views.solicitation_csv, name="solicitation-csv"),
    path("solicitations/<int:pk>/", views.solicitation_detail, name="solicitation-detail"),
    path("solicitations/<int:pk>/edit/", views.solicitation_edit, name="solicitation-edit"),
    path(
        "solicitations/<int:pk>/circulate/",
        views.solicitation_circulate,
        name="solicitation-circulate",
    ),
    path("solicitations/<int:pk>/post/", views.solicitation_post, name="solicitation-post"),
    path(
        "solicitations/<int:pk>/withdraw/",
        views.solicitation_withdraw,
        name="solicitation-withdraw",
    ),
]
