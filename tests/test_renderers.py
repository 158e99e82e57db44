"""The form renderer writes drop-down lists out in Python (pitf/renderers.py): its markup must
be exactly what Django's select templates make, for every kind of list the hub shows."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from pitf.renderers import FormRenderer


class Choices(forms.Form):
    plain = forms.ChoiceField(choices=[("", "All"), ("a", "A & B"), ("c", 'Say "hi"')])
    grouped = forms.ChoiceField(
        choices=[("Fruit", [("apple", "Apple"), ("pear", "Pear")]), ("other", "<b>Other</b>")],
        required=False,
    )
    several = forms.MultipleChoiceField(choices=[(1, "One"), (2, "Two"), (3, "Three")])
    flag = forms.NullBooleanField()
    marked = forms.ChoiceField(choices=[("x", mark_safe("<em>X</em>"))])  # noqa: S308
    disabled = forms.ChoiceField(choices=[("1", "One")], disabled=True)
    numbers = forms.TypedChoiceField(choices=[(1, "1"), (2, "2")], coerce=int)


FORMS = [
    Choices(),
    Choices(
        {
            "plain": "a",
            "grouped": "pear",
            "several": ["1", "3"],
            "flag": "true",
            "marked": "x",
            "numbers": "2",
        }
    ),
    Choices({"plain": '"><script>', "several": ["2"], "flag": "unknown"}),
]


@pytest.mark.parametrize("form", FORMS, ids=["unbound", "chosen", "odd values"])
@pytest.mark.parametrize("name", list(Choices.base_fields))
def test_a_drop_down_list_is_written_as_the_templates_write_it(form, name):
    field = form[name]
    attrs = {"class": "usa-select", "aria-describedby": "hint", "data-x": 'a"b<c'}
    by_templates = field.field.widget.render(
        field.html_name, field.value(), {"id": field.auto_id, **attrs}, DjangoTemplates()
    )
    written = field.field.widget.render(
        field.html_name, field.value(), {"id": field.auto_id, **attrs}, FormRenderer()
    )
    assert written == by_templates
    assert "<script>" not in written


def test_the_hub_renders_forms_with_it():
    assert isinstance(Choices().renderer, FormRenderer)
    assert "<option" in str(Choices()["plain"])
