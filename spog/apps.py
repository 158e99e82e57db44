from django.apps import AppConfig


class SpogConfig(AppConfig):
    name = "spog"
