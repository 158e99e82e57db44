"""The office forms: appointing a chair or chair's office staff, and ending a term."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from pitf.forms import (
    ChoiceOfAny,
    VersionedForm,
    date_field,
    form_helper,
    person_label,
)
from pitf.models import BodyRole, User

# Agencies ----------------------------------------------------------------------------------


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
