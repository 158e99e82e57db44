"""The body forms: creating a committee or working group, and editing a body."""

from __future__ import annotations

from django import forms
from django.db.models.functions import Lower
from django.utils import timezone

from pitf.directory import selectors
from pitf.forms import (
    VersionedForm,
    date_field,
    form_helper,
)
from pitf.models import Agency, Body

# Agencies ----------------------------------------------------------------------------------


class BodyFieldsForm(forms.Form):
    """The fields of a body that can be edited after it is created."""

    name = forms.CharField(label="Name", max_length=200)
    chair_title = forms.CharField(
        label="Chair",
        max_length=200,
        required=False,
        help_text="The chair's title, e.g. “Director, Office of Victims of Crime”.",
    )
    chair_agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        label="Chair's agency",
        required=False,
        empty_label="Not set",
    )
    cadence = forms.ChoiceField(label="Meets", choices=Body.Cadence.choices)
    purpose = forms.CharField(
        label="Purpose",
        required=False,
        help_text="One or two sentences on what it does.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    charter = forms.CharField(
        label="Charter", required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    established = date_field("Established", required=False, hint="Leave empty if not known.")
    sunset = date_field(
        "Sunset", required=False, hint="Ad hoc working groups only: the day the group ends."
    )

    def __init__(self, *args, chair_agency: Agency | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(active=True)
        if chair_agency is not None:
            agencies = agencies | Agency.objects.filter(pk=chair_agency.pk)
        self.fields["chair_agency"].queryset = agencies.order_by(Lower("name"))


class BodyCreateForm(BodyFieldsForm):
    kind = forms.ChoiceField(
        label="Kind",
        choices=[
            (Body.Kind.STANDING_COMMITTEE, "Standing committee"),
            (Body.Kind.WORKING_GROUP, "Ad hoc working group (with a sunset date)"),
        ],
        widget=forms.RadioSelect,
    )
    short_name = forms.SlugField(
        label="Short name",
        max_length=40,
        help_text="Lower-case letters, digits and hyphens, used in addresses, e.g. “labor-wg”.",
    )
    parent = forms.ModelChoiceField(
        queryset=Body.objects.none(),
        label="Reports to",
        empty_label=None,
        help_text="Committees and working groups sit under the SPOG.",
    )
    field_order = ["kind", "name", "short_name", "parent"]

    def __init__(self, *args, **kwargs):
        spog = selectors.spog()
        kwargs.setdefault(
            "initial",
            {
                "kind": Body.Kind.WORKING_GROUP,
                "parent": spog.pk if spog else None,
                "cadence": Body.Cadence.AS_SET,
                "established": timezone.localdate(),
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Body.objects.filter(
            kind__in=[Body.Kind.TASK_FORCE, Body.Kind.OPERATING_GROUP]
        ).order_by("established", "name")
        self.order_fields(self.field_order)
        self.helper = form_helper("Create body")


class BodyEditForm(VersionedForm, BodyFieldsForm):
    def __init__(self, *args, body: Body, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "version": body.version,
                "name": body.name,
                "chair_title": body.chair_title,
                "chair_agency": body.chair_agency_id,
                "cadence": body.cadence,
                "purpose": body.purpose,
                "charter": body.charter,
                "established": body.established,
                "sunset": body.sunset,
            },
        )
        super().__init__(*args, chair_agency=body.chair_agency, **kwargs)
        if body.kind != Body.Kind.WORKING_GROUP and not body.sunset:
            del self.fields["sunset"]
        self.helper = form_helper("Save changes")
