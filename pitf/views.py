"""The core's pages: the public pages (no login), the user's own page and the health check."""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from pitf import features, health, selectors
from pitf.models import Body
from pitf.public import public_page
from pitf.roles import request_roles


@login_not_required
@require_GET
@public_page
def home(request):
    bodies = {
        body.short_name: body
        for body in selectors.public_bodies().filter(short_name__in=["pitf", "spog"])
    }
    return render(
        request, "pitf/home.html", {"pitf": bodies.get("pitf"), "spog": bodies.get("spog")}
    )


@login_not_required
@require_GET
@public_page
def agency_directory(request):
    agencies = list(selectors.public_directory())
    return render(
        request,
        "pitf/agency_directory.html",
        {"agencies": agencies, "today": timezone.localdate()},
    )


@login_not_required
@require_GET
@public_page
def body_list(request):
    bodies = list(selectors.public_bodies())
    groups = [
        (label, [body for body in bodies if body.kind == kind])
        for kind, label in (
            (Body.Kind.TASK_FORCE, "Task force"),
            (Body.Kind.OPERATING_GROUP, "Senior Policy Operating Group"),
            (Body.Kind.STANDING_COMMITTEE, "Standing committees"),
            (Body.Kind.WORKING_GROUP, "Ad hoc working groups"),
        )
    ]
    return render(request, "pitf/body_list.html", {"groups": groups})


@require_GET
def my_page(request):
    """The signed-in person's own page: agency, roles, bodies, and the pages their role uses."""
    user = request.user
    today = timezone.localdate()
    roles = request_roles(request)
    return render(
        request,
        "pitf/my_page.html",
        {
            "roles": roles,
            "agency": user.agency,
            "memberships": list(selectors.agency_memberships_of(person=user, day=today)),
            "designations": list(selectors.designations_of(person=user, day=today)),
            "body_roles": list(selectors.body_roles_of(person=user, day=today)),
            "links": features.my_page_links_for(roles),
            "panels": features.my_page_panels(request),
        },
    )


@login_not_required
@never_cache
@require_GET
def healthz(request):
    report = health.check_all(detailed=_is_site_admin(request))
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)


def _is_site_admin(request) -> bool:
    """Whether a signed-in site administrator asks; False when the database cannot say."""
    try:
        return request.user.is_authenticated and request_roles(request).site_admin
    except Exception:  # noqa: BLE001  a failing database or cache makes the caller anonymous
        return False
