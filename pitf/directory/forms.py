"""Forms of the directory pages: agencies, bodies, memberships, designations, the list filters
and the history questions. Forms parse input; the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.db.models.functions import Lower
from django.utils import timezone

from pitf.directory import selectors
from pitf.forms import (
    ChoiceOfAny,
    ConfirmForm,
    VersionedForm,
    agency_label,
    bound_to_current,
    date_field,
    form_helper,
    person_label,
)
from pitf.models import Agency, Body, BodyRole, Designation, Membership, User
from pitf.selectors import active_agencies

# Forms the directory's views take from the core's toolkit as well.
__all__ = ["ConfirmForm", "bound_to_current"]

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


# Bodies ------------------------------------------------------------------------------------


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


# Memberships -------------------------------------------------------------------------------


class MembershipJoinForm(forms.Form):
    agency = ChoiceOfAny(queryset=Agency.objects.all(), offered=[], label="Agency")
    status = forms.ChoiceField(
        label="Joins as",
        choices=Membership.Status.choices,
        initial=Membership.Status.MEMBER,
        widget=forms.RadioSelect,
    )
    start_date = date_field("From", hint="The first day of the membership.")
    end_date = date_field(
        "Until", required=False, hint="The last day, if already known; leave empty if ongoing."
    )

    def __init__(self, *args, body: Body, **kwargs):
        kwargs.setdefault("initial", {"start_date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        ongoing = set(
            Membership.objects.filter(body=body)
            .filter(end_date__isnull=True)
            .values_list("agency_id", flat=True)
        )
        offered = [a for a in active_agencies() if a.pk not in ongoing]
        self.fields["agency"] = ChoiceOfAny(
            queryset=Agency.objects.all(),
            offered=offered,
            label_of=agency_label,
            label="Agency",
            help_text=f"Active agencies without an ongoing membership of the {body.name}.",
        )
        self.order_fields(["agency", "status", "start_date", "end_date"])
        self.helper = form_helper("Add the membership")


class MembershipEndForm(VersionedForm):
    end_date = date_field("Last day", hint="The last day the agency belongs to the body.")

    def __init__(self, *args, membership: Membership, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "version": membership.version,
                "end_date": membership.end_date or timezone.localdate(),
            },
        )
        super().__init__(*args, **kwargs)
        self.helper = form_helper("End the membership")


class MembershipStatusForm(VersionedForm):
    status = forms.ChoiceField(label="New status", choices=Membership.Status.choices)
    on = date_field("From", hint="The first day with the new status.")

    def __init__(self, *args, membership: Membership, **kwargs):
        other = (
            Membership.Status.INVITED
            if membership.status == Membership.Status.MEMBER
            else Membership.Status.MEMBER
        )
        kwargs.setdefault(
            "initial",
            {"version": membership.version, "status": other, "on": timezone.localdate()},
        )
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Change the status")


# Designations ------------------------------------------------------------------------------


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


# Offices -----------------------------------------------------------------------------------


class OfficeAppointForm(forms.Form):
    person = ChoiceOfAny(queryset=User.objects.all(), offered=[], label="Person")
    role = forms.ChoiceField(
        label="Office", choices=BodyRole.Role.choices, widget=forms.RadioSelect
    )
    start_date = date_field("From", hint="The first day in the office.")
    end_date = date_field(
        "Until", required=False, hint="The last day, if already known; leave empty if ongoing."
    )

    def __init__(self, *args, people, **kwargs):
        kwargs.setdefault(
            "initial", {"start_date": timezone.localdate(), "role": BodyRole.Role.CHAIRS_OFFICE}
        )
        super().__init__(*args, **kwargs)
        self.fields["person"] = ChoiceOfAny(
            queryset=User.objects.all(),
            offered=list(people),
            label_of=person_label,
            label="Person",
            help_text="Anyone with an active account, of any agency.",
        )
        self.order_fields(["person", "role", "start_date", "end_date"])
        self.helper = form_helper("Appoint")


class OfficeEndForm(VersionedForm):
    end_date = date_field("Last day", hint="The person's last day in the office.")

    def __init__(self, *args, office: BodyRole, **kwargs):
        kwargs.setdefault(
            "initial",
            {"version": office.version, "end_date": office.end_date or timezone.localdate()},
        )
        super().__init__(*args, **kwargs)
        self.helper = form_helper("End the term")


# History -----------------------------------------------------------------------------------


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
