"""The throwaway feature's page and My-page panel context."""

from django.http import HttpResponse


def board(request):
    return HttpResponse("The plugin board")


def panel_context(request):
    return {"greeting": f"Plugin panel for {request.user.email}"}
