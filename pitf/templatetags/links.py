"""`{{ person.pk|link_to:"people:user-detail" }}`: the path of one thing's page, for the rows of a
list (pitf.links.link_to)."""

from django import template

from pitf import links

register = template.Library()


@register.filter
def link_to(key, url_name: str) -> str:
    return links.link_to(url_name, key)
