"""The workflows' question in templates: `{% if circulation|can:"withdraw" %}` asks the table
the services ask (pitf.workflow)."""

from django import template

from pitf import workflow

register = template.Library()


@register.filter
def can(row, transition: str) -> bool:
    return workflow.can(row, transition)
