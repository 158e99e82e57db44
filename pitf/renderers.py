"""The form renderer (settings.FORM_RENDERER): Django's own, except that a drop-down list is
written out here instead of through Django's select template, which includes a template per
option; an agency list of 60 options took 10 ms to render that way and takes a fraction of a
millisecond this way. The markup is the template's, character for character
(tests/test_renderers.py compares the two); a widget with options of its own template still goes
through the templates."""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: a bare name for True, nothing for False."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def _option(option: dict) -> str:
    return (
        f'<option value="{conditional_escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
        f"{conditional_escape(option['label'])}</option>"
    )


def select_html(widget: dict) -> str:
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _ in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        # The option template ends in a newline.
        parts.extend(f"\n  {_option(option)}\n" for option in group_choices)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _plain_options(widget: dict) -> bool:
    return all(
        option["template_name"] == OPTION
        for _, group_choices, _ in widget["optgroups"]
        for option in group_choices
    )


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name == SELECT and _plain_options(context["widget"]):
            # Every part is escaped above; the widget marks the whole safe, as it does the template's.
            return select_html(context["widget"])
        return super().render(template_name, context, request)
