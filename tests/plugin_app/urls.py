"""The throwaway feature's URLs."""

from django.urls import path

from tests.plugin_app import views

app_name = "plugin"
urlpatterns = [
    path("board/", views.board, name="board"),
    path("unruled/", views.board, name="unruled"),
]
