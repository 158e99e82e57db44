"""The signed-in person's roles for the people pages' navigation entries
(templates/includes/nav_people.html)."""

from django import template

from pitf.roles import ANONYMOUS, request_roles

register = template.Library()


@register.simple_tag(takes_context=True)
def current_roles(context):
    """The request's roles, computed once per request and shared with the permission rules."""
    request = context.get("request")
    return request_roles(request) if request is not None else ANONYMOUS
