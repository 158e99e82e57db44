"""The history questions of a body's memberships and designations."""

from __future__ import annotations

from django import forms
from django.db.models.functions import Lower

from pitf.directory import selectors
from pitf.forms import (
    date_field,
    form_helper,
)
from pitf.models import Agency, Body

# Agencies ----------------------------------------------------------------------------------


class MembershipHistoryForm(forms.Form):
    body = forms.ModelChoiceField(queryset=Body.objects.none(), label="Body", empty_label=None)
    on = date_field("On the date", hint="Today if left empty.", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = selectors.bodies()
        self.helper = form_helper("Show the members", method="get")


class DesignationHistoryForm(forms.Form):
    body = forms.ModelChoiceField(queryset=Body.objects.none(), label="Body", empty_label=None)
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(), label="Agency", required=False, empty_label="All agencies"
    )
    on = date_field("On the date", hint="Today if left empty.", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = selectors.bodies()
        self.fields["agency"].queryset = Agency.objects.order_by(Lower("name"))
        self.helper = form_helper("Show the representatives", method="get")
