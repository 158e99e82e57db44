"""The hub's URLs and the floor: a view that answers "ok" and nothing else, signed out and signed
in, with its permission rules (public; any signed-in person)."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import include, path

from pitf.permissions import PUBLIC, SIGNED_IN, URL_RULES


@login_not_required
def floor(request):
    return HttpResponse("ok")


def floor_signed_in(request):
    return HttpResponse("ok")


URL_RULES.update({"bench-floor": PUBLIC, "bench-floor-signed-in": SIGNED_IN})
urlpatterns = [
    path("bench/floor/", floor, name="bench-floor"),
    path("bench/floor/signed-in/", floor_signed_in, name="bench-floor-signed-in"),
    path("", include("pitf.urls")),
]
