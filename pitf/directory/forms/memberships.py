"""The membership forms: an agency joining a body, leaving it, and changing its status."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from pitf.forms import (
    ChoiceOfAny,
    VersionedForm,
    agency_label,
    date_field,
    form_helper,
)
from pitf.models import Agency, Body, Membership
from pitf.selectors import active_agencies

# Agencies ----------------------------------------------------------------------------------


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
