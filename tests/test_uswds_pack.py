"""The USWDS template pack draws each kind of choice with its own component: a group of
checkboxes as USWDS checkboxes (Django's CheckboxSelectMultiple is a subclass of RadioSelect,
which once made them radio buttons), radio buttons as radios; a file input keeps its label as its
name (USWDS's script would otherwise name it after its drop zone)."""

from __future__ import annotations

from crispy_forms.utils import render_crispy_form
from django import forms

from pitf.forms import form_helper


class Choices(forms.Form):
    several = forms.MultipleChoiceField(
        choices=[("a", "Apples"), ("b", "Pears")], widget=forms.CheckboxSelectMultiple
    )
    one = forms.ChoiceField(choices=[("x", "Yes"), ("y", "No")], widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Send")


def test_checkbox_groups_are_checkboxes_and_radio_groups_radios():
    html = render_crispy_form(Choices())
    several = html[html.index('id="div_id_several"') : html.index('id="div_id_one"')]
    one = html[html.index('id="div_id_one"') :]
    assert several.count('class="usa-checkbox__input"') == 2
    assert several.count('class="usa-checkbox"') == 2
    assert 'type="checkbox"' in several and "usa-radio" not in several
    assert one.count('class="usa-radio__input"') == 2
    assert "usa-checkbox" not in one


class Upload(forms.Form):
    paper = forms.FileField(label="Draft NOFO")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Attach it")


def test_a_file_input_is_named_by_its_label_not_by_uswds_drop_zone_text():
    html = render_crispy_form(Upload())
    assert '<label class="usa-label" for="id_paper" id="id_paper-label">Draft NOFO' in html
    assert 'class="usa-file-input"' in html
    assert 'aria-labelledby="id_paper-label"' in html
    assert 'enctype="multipart/form-data"' in html
