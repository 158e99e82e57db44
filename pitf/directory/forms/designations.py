"""The designation forms: designating a representative, ending a designation, handing it over."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from pitf.forms import (
    ChoiceOfAny,
    VersionedForm,
    agency_label,
    date_field,
    form_helper,
    person_label,
)
from pitf.models import Agency, Designation, User

# Agencies ----------------------------------------------------------------------------------


class StaffSelect(forms.Select):
    """A person's choice whose options name their agency (data-agency), so that the page offers
    only the chosen agency's staff (static/js/site.js); without a script, all are offered and
    the service refuses another agency's person."""

    def __init__(self, *args, agency_of: dict[int, int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency_of = agency_of or {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        agency_id = self.agency_of.get(int(str(value))) if str(value).isdigit() else None
        if agency_id is not None:
            option["attrs"]["data-agency"] = str(agency_id)
        return option


class DesignationForm(forms.Form):
    agency = ChoiceOfAny(queryset=Agency.objects.all(), offered=[], label="Agency")
    person = ChoiceOfAny(queryset=User.objects.all(), offered=[], label="Person")
    role = forms.ChoiceField(
        label="Role", choices=Designation.Role.choices, widget=forms.RadioSelect
    )
    start_date = date_field("From", hint="The first day of the designation.")
    end_date = date_field(
        "Until", required=False, hint="The last day, if already known; leave empty if ongoing."
    )

    def __init__(self, *args, agencies, people, **kwargs):
        kwargs.setdefault(
            "initial",
            {"start_date": timezone.localdate(), "role": Designation.Role.ALTERNATE},
        )
        super().__init__(*args, **kwargs)
        agencies = list(agencies)
        self.fields["agency"] = ChoiceOfAny(
            queryset=Agency.objects.all(),
            offered=agencies,
            label_of=agency_label,
            label="Agency",
            help_text="The agency the person represents.",
        )
        if len(agencies) == 1:
            self.fields["agency"].initial = agencies[0].pk
        chosen = self._chosen_agency(agencies)
        people = [person for person in people if chosen is None or person.agency_id == chosen]
        self.fields["person"] = ChoiceOfAny(
            queryset=User.objects.all(),
            offered=people,
            label_of=person_label,
            label="Person",
            help_text="A person represents their own agency only: the list shows the chosen "
            "agency's staff.",
            widget=StaffSelect(agency_of={person.pk: person.agency_id for person in people}),
        )
        self.fields["person"].widget.attrs["data-staff-of"] = self.add_prefix("agency")
        self.order_fields(["agency", "person", "role", "start_date", "end_date"])
        self.helper = form_helper("Designate")

    def _chosen_agency(self, agencies) -> int | None:
        """The agency already chosen: the only one offered, or the one posted."""
        if len(agencies) == 1:
            return agencies[0].pk
        posted = self.data.get(self.add_prefix("agency")) if self.is_bound else None
        return int(posted) if posted and str(posted).isdigit() else None


class DesignationEndForm(VersionedForm):
    end_date = date_field("Last day", hint="The person's last day in the role.")

    def __init__(self, *args, designation: Designation, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "version": designation.version,
                "end_date": designation.end_date or timezone.localdate(),
            },
        )
        super().__init__(*args, **kwargs)
        self.helper = form_helper("End the designation")


class HandoverForm(VersionedForm):
    successor = ChoiceOfAny(queryset=User.objects.all(), offered=[], label="Hand over to")
    start_date = date_field(
        "From",
        hint="The successor's first day; the current holder's last day is the day before.",
    )

    def __init__(self, *args, designation: Designation, people, **kwargs):
        kwargs.setdefault(
            "initial", {"version": designation.version, "start_date": timezone.localdate()}
        )
        super().__init__(*args, **kwargs)
        self.fields["successor"] = ChoiceOfAny(
            queryset=User.objects.all(),
            offered=[p for p in people if p.pk != designation.person_id],
            label_of=person_label,
            label="Hand over to",
            help_text=f"Staff of {designation.agency.name}.",
        )
        self.order_fields(["version", "successor", "start_date"])
        self.helper = form_helper("Hand over")
