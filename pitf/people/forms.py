"""Forms of people management: inviting, accepting an invitation, editing a person, the
filters of the people list and of the audit log."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import password_validation
from django.utils import timezone

from pitf.forms import (
    ChoiceOfAny,
    VersionedForm,
    agency_label,
    form_helper,
)
from pitf.models import Agency, Body
from pitf.models.dated import DATE_RANGE
from pitf.people import selectors
from pitf.people.services import EMAIL_TAKEN, inactive_agency_message
from pitf.roles import Roles
from pitf.selectors import active_agencies

NIST_HINT = (
    "At least 15 characters. A passphrase of several words is easy to remember and hard to "
    "guess; there are no other composition rules (NIST SP 800-63B). Common passwords, "
    "passwords made only of digits and passwords too like your e-mail address are refused."
)


def agency_choice(*, offered, **kwargs) -> ChoiceOfAny:
    """Offers `offered` agencies but accepts any agency, so that the service, not the form,
    decides: an inactive agency gets a clear message, another agency a refusal."""
    return ChoiceOfAny(
        queryset=Agency.objects.all(), offered=offered, label_of=agency_label, **kwargs
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label="E-mail address",
        help_text="Their work address; the invitation link goes there.",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    full_name = forms.CharField(label="Full name", max_length=200)
    job_title = forms.CharField(label="Job title", max_length=200, required=False)

    def __init__(self, *args, roles: Roles, **kwargs):
        super().__init__(*args, **kwargs)
        if roles.site_admin:
            offered = list(active_agencies())
            hint = "Only active agencies are listed."
        else:
            offered = list(active_agencies().filter(pk__in=roles.represented_agency_ids))
            hint = "You can invite staff of the agency you represent only."
        self.fields["agency"] = agency_choice(offered=offered, label="Agency", help_text=hint)
        if len(offered) == 1:
            self.fields["agency"].initial = offered[0].pk
        if roles.site_admin:
            self.fields["site_admin"] = forms.BooleanField(
                label="Make them a site administrator",
                required=False,
                help_text=(
                    "Site administrators manage agencies, bodies, memberships, designations "
                    "and everyone's account, and read the audit log."
                ),
            )
        self.helper = form_helper("Send invitation")

    # The service checks these again when it saves; checking here too shows every problem of
    # the form at once.
    def clean_email(self):
        email = self.cleaned_data["email"]
        if selectors.email_taken(email):
            raise forms.ValidationError(EMAIL_TAKEN)
        return email

    def clean_agency(self):
        agency = self.cleaned_data["agency"]
        if not agency.active:
            raise forms.ValidationError(inactive_agency_message(agency))
        return agency


class AcceptInvitationForm(forms.Form):
    password = forms.CharField(
        label="New password",
        strip=False,
        help_text=NIST_HINT,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label="New password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.helper = form_helper("Set password and continue")

    def clean_password(self):
        password = self.cleaned_data["password"]
        password_validation.validate_password(password, self.person)
        return password

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("password")
            and "password_again" in cleaned
            and cleaned["password"] != cleaned["password_again"]
        ):
            self.add_error("password_again", "The two passwords are not the same.")
        return cleaned


class PersonForm(VersionedForm):
    full_name = forms.CharField(label="Full name", max_length=200)
    job_title = forms.CharField(label="Job title", max_length=200, required=False)

    def __init__(self, *args, roles: Roles, person, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "version": person.version,
                "full_name": person.full_name,
                "job_title": person.job_title,
                "agency": person.agency_id,
                "site_admin": person.is_superuser,
            },
        )
        super().__init__(*args, **kwargs)
        if roles.site_admin:
            offered = list(active_agencies())
            if person.agency is not None and not person.agency.active:
                offered.insert(0, person.agency)
            self.fields["agency"] = agency_choice(
                offered=offered,
                label="Agency",
                help_text="Moving a person does not end their designations; end those in the "
                "directory.",
            )
            self.fields["site_admin"] = forms.BooleanField(
                label="Site administrator",
                required=False,
                help_text="Manages agencies, bodies, memberships, designations and everyone's "
                "account, and reads the audit log.",
            )
        self.helper = form_helper("Save changes")


class BodyRoleGrantForm(forms.Form):
    body = forms.ModelChoiceField(
        queryset=Body.objects.none(),
        label="Body",
        help_text="The person joins the staff of this body's chair's office.",
    )
    start_date = forms.DateField(
        label="From",
        validators=DATE_RANGE,
        help_text="The first day in the role, as year-month-day, e.g. 2026-01-15.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"start_date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = selectors.bodies_for_offices()
        self.helper = form_helper("Grant the role")


class PersonFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, help_text="Name, e-mail or job title.")
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(), label="Agency", required=False, empty_label="All"
    )
    status = forms.ChoiceField(
        label="Account", required=False, choices=[("", "All"), *selectors.STATUS_CHOICES]
    )
    role = forms.ChoiceField(
        label="Role", required=False, choices=[("", "All"), *selectors.ROLE_CHOICES]
    )

    def __init__(self, *args, roles: Roles, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.order_by("name")
        if not roles.site_admin:
            agencies = agencies.filter(pk__in=roles.represented_agency_ids)
        self.fields["agency"].queryset = agencies
        self.helper = form_helper("Filter", method="get")
        self.helper.form_show_errors = True


class ActionChoiceField(forms.ChoiceField):
    """Offers the actions recorded so far, but accepts any well-formed action name, so that a
    link to an action nobody has done yet shows no entries rather than all of them."""

    def valid_value(self, value):
        return bool(re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", str(value)))


class AuditFilterForm(forms.Form):
    action = ActionChoiceField(label="What happened", required=False)
    actor = forms.CharField(label="Who", required=False, help_text="A name or e-mail address.")
    target_type = forms.ChoiceField(
        label="Kind of record",
        required=False,
        choices=lambda: [("", "All"), *selectors.target_types()],
    )
    target = forms.CharField(
        label="Record", required=False, help_text="A name, or the record's number."
    )
    date_from = forms.DateField(
        label="From",
        required=False,
        validators=DATE_RANGE,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label="To",
        required=False,
        validators=DATE_RANGE,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, actions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.actions = actions
        self.fields["action"].choices = [
            ("", "All"),
            (
                "Changes to records",
                [(key, label) for key, label in selectors.CHANGE_ACTION_LABELS.items()],
            ),
            ("Events", [(action, selectors.audit_action_label(action)) for action in actions]),
        ]
        self.helper = form_helper("Filter", method="get")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end date cannot be before the start date.")
        return cleaned
