"""The agency forms: creating and editing an agency, and the list's filters."""

from __future__ import annotations

from django import forms
from django.db.models.functions import Lower

from pitf.directory import selectors
from pitf.forms import (
    ChoiceOfAny,
    VersionedForm,
    agency_label,
    form_helper,
)
from pitf.models import Agency

# Agencies ----------------------------------------------------------------------------------


class AgencyForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200, help_text="e.g. Department of Labor.")
    acronym = forms.CharField(label="Acronym", max_length=20, help_text="e.g. DOL.")
    kind = forms.ChoiceField(label="Kind", choices=[("", "- Select -"), *Agency.Kind.choices])
    website = forms.URLField(
        label="Website",
        required=False,
        assume_scheme="https",
        help_text="The agency's public address, e.g. https://www.dol.gov.",
    )

    def __init__(self, *args, submit_label: str = "Create agency", exclude=None, **kwargs):
        super().__init__(*args, **kwargs)
        departments = Agency.objects.filter(parent__isnull=True).order_by(Lower("name"))
        if exclude is not None:
            departments = departments.exclude(pk=exclude.pk)
        self.fields["parent"] = ChoiceOfAny(
            queryset=Agency.objects.all(),
            offered=departments,
            label_of=agency_label,
            blank="None",
            label="Parent department",
            required=False,
            help_text="For a component only, e.g. the Department of Justice for the FBI.",
        )
        self.order_fields(["name", "acronym", "kind", "parent", "website"])
        self.helper = form_helper(submit_label)
        self.editing = exclude

    # The service checks these again when it saves; checking here too shows every problem of
    # the form at once.
    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if selectors.agency_name_taken(name, exclude=self.editing):
            raise forms.ValidationError(f"An agency named “{name}” already exists.")
        return name

    def clean_acronym(self):
        acronym = self.cleaned_data["acronym"].strip().upper()
        if selectors.agency_acronym_taken(acronym, exclude=self.editing):
            raise forms.ValidationError(f"The acronym {acronym} is already used by another agency.")
        return acronym


class AgencyEditForm(VersionedForm, AgencyForm):
    def __init__(self, *args, agency: Agency, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "version": agency.version,
                "name": agency.name,
                "acronym": agency.acronym,
                "kind": agency.kind,
                "parent": agency.parent_id,
                "website": agency.website,
            },
        )
        super().__init__(*args, submit_label="Save changes", exclude=agency, **kwargs)


class AgencyFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, help_text="Name or acronym.")
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "All"), *Agency.Kind.choices]
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "All"), *selectors.AGENCY_STATUS_CHOICES]
    )
    parent = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        label="Part of",
        required=False,
        empty_label="Any department",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = selectors.departments()
        self.helper = form_helper("Filter", method="get")
