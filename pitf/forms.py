"""The forms toolkit every feature's pages share: the submit button, date fields, choices that
let the service decide, and the forms that change a row carrying the version it was loaded with."""

from __future__ import annotations

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.text import slugify

from pitf.models import Agency, User
from pitf.models.dated import DATE_RANGE

DATE_HINT = "As year-month-day, e.g. 2026-01-15."


def form_helper(submit_label: str, *, method: str = "post") -> FormHelper:
    """The crispy helper of a form with one submit button, whose id names its label."""
    helper = FormHelper()
    helper.form_method = method
    helper.add_input(Submit("submit", submit_label, css_id=f"button-{slugify(submit_label)}"))
    return helper


def date_field(label: str, *, required: bool = True, hint: str = "") -> forms.DateField:
    text = " ".join(part for part in (hint, DATE_HINT) if part)
    return forms.DateField(
        label=label,
        required=required,
        help_text=text,
        validators=DATE_RANGE,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class ChoiceOfAny(forms.ModelChoiceField):
    """Offers `offered` rows but accepts any row of the queryset, so that the service, not the
    form, decides and explains (an inactive agency, another agency's person)."""

    def __init__(self, *, queryset, offered, label_of=str, blank: str = "- Select -", **kwargs):
        super().__init__(queryset=queryset, **kwargs)
        self.widget.choices = [("", blank)] + [(row.pk, label_of(row)) for row in offered]


def agency_label(agency: Agency) -> str:
    return f"{agency.name} ({agency.acronym})"


def person_label(person: User) -> str:
    agency = f", {person.agency.acronym}" if person.agency_id else ""
    return f"{person.full_name or person.email} ({person.email}{agency})"


def bound_to_current(form_class, **kwargs):
    """The form filled in with the row's values as saved now (its initial values), bound so
    that an edit conflict can be shown on it and the next save carries the newer version."""
    unbound = form_class(**kwargs)
    data = {}
    for name, field in unbound.fields.items():
        value = unbound.get_initial_for_field(field, name)
        if value is None or value is False:
            continue  # an empty field, an unticked box: absent from posted data too
        if value is True:
            value = "on"
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        data[unbound.add_prefix(name)] = value
    form = form_class(data=data, **kwargs)
    form.is_valid()
    return form


class VersionedForm(forms.Form):
    """A form that changes an existing row carries the version it was loaded with."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class ConfirmForm(VersionedForm):
    """The confirmation of one action on a versioned row: a single button."""

    def __init__(self, *args, instance, submit_label: str, **kwargs):
        kwargs.setdefault("initial", {"version": instance.version})
        super().__init__(*args, **kwargs)
        self.helper = form_helper(submit_label)


class ButtonForm(forms.Form):
    """The confirmation of an action with nothing to fill in: a single button."""

    def __init__(self, *args, submit_label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(submit_label)
