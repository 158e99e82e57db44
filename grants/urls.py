"""The same pages for each kind of grant document (grants.kinds), under its own path and names:
`grants:solicitation-list`, `grants:award-detail`, ..."""

from django.urls import path

from grants import views
from grants.kinds import KINDS, SOLICITATIONS

app_name = "grants"
urlpatterns = []
for kind in KINDS:
    one = f"{kind.path}/<int:pk>/"
    urlpatterns += [
        path(f"{kind.path}/", views.document_list, {"kind": kind}, name=f"{kind.slug}-list"),
        path(
            f"{kind.path}/new/", views.document_create, {"kind": kind}, name=f"{kind.slug}-create"
        ),
        path(f"{kind.path}.csv", views.document_csv, {"kind": kind}, name=f"{kind.slug}-csv"),
        path(one, views.document_detail, {"kind": kind}, name=f"{kind.slug}-detail"),
        path(f"{one}edit/", views.document_edit, {"kind": kind}, name=f"{kind.slug}-edit"),
        path(
            f"{one}circulate/",
            views.document_circulate,
            {"kind": kind},
            name=f"{kind.slug}-circulate",
        ),
        path(
            f"{one}{kind.finish}/",
            views.document_finish,
            {"kind": kind},
            name=f"{kind.slug}-{kind.finish}",
        ),
        path(
            f"{one}withdraw/", views.document_withdraw, {"kind": kind}, name=f"{kind.slug}-withdraw"
        ),
    ]
urlpatterns += [
    path(
        "solicitations/<int:pk>/nofo/",
        views.solicitation_nofo_attach,
        {"kind": SOLICITATIONS},
        name="solicitation-nofo-attach",
    ),
    path(
        "solicitations/<int:pk>/nofo",
        views.solicitation_nofo,
        {"kind": SOLICITATIONS},
        name="solicitation-nofo",
    ),
]
