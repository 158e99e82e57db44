"""The header's entries of the installed features (pitf.features), for the person's roles."""

from django import template

from pitf.features import navigation_for
from pitf.roles import ANONYMOUS, request_roles

register = template.Library()


@register.inclusion_tag("includes/nav_features.html", takes_context=True)
def feature_navigation(context):
    request = context.get("request")
    roles = request_roles(request) if request is not None else ANONYMOUS
    path = request.path if request is not None else ""
    return {"entries": navigation_for(roles, path), "path": path}
