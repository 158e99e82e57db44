from django.urls import path

from pitf.circulation import views

app_name = "circulation"
urlpatterns = [
    path("", views.circulation_list, name="list"),
    path("<int:pk>/", views.circulation_detail, name="detail"),
    path("<int:pk>/comments/add/", views.comment_add, name="comment-add"),
    path("<int:pk>/comments/<int:comment_pk>/edit/", views.comment_edit, name="comment-edit"),
    path("<int:pk>/comments/<int:comment_pk>/delete/", views.comment_delete, name="comment-delete"),
    path("<int:pk>/submit/", views.answer_submit, name="submit"),
    path("<int:pk>/agencies/<int:recipient_pk>/reopen/", views.answer_reopen, name="reopen"),
    path("<int:pk>/comments/<int:comment_pk>/resolve/", views.comment_resolve, name="resolve"),
    path("<int:pk>/extend/", views.circulation_extend, name="extend"),
    path("<int:pk>/withdraw/", views.circulation_withdraw, name="withdraw"),
    path("<int:pk>/comment-matrix.<str:fmt>", views.comment_matrix, name="export"),
    path("agencies/<int:pk>/", views.agency_contacts, name="agency-contacts"),
    path("agencies/<int:pk>/contacts/<slug:topic>/add/", views.contact_add, name="contact-add"),
    path(
        "agencies/<int:pk>/contacts/<int:contact_pk>/remove/",
        views.contact_remove,
        name="contact-remove",
    ),
    path("agencies/<int:pk>/delegates/add/", views.delegate_add, name="delegate-add"),
    path(
        "agencies/<int:pk>/delegates/<int:delegate_pk>/remove/",
        views.delegate_remove,
        name="delegate-remove",
    ),
]
