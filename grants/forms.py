"""The forms of the grants pages."""

from __future__ import annotations

from django import forms

from grants.models import (
    AWARD_FIELDS,
    ELIGIBLE_APPLICANTS,
    POPULATIONS,
    SOLICITATION_FIELDS,
    Award,
    Solicitation,
)
from pitf.forms import VersionedForm, agency_label, date_field, form_helper
from pitf.models import Agency, Body


class GrantDocumentForm(forms.ModelForm):
    """What a solicitation's and a proposed award's forms share: the populations as
    checkboxes, the year's bounds, and the values handed to the service."""

    populations = forms.MultipleChoiceField(
        label="Population served", choices=POPULATIONS, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, agency_id=None, submit_label: str = "Save the draft", **kwargs):
        super().__init__(*args, **kwargs)
        # The bounds are the model's validators; the browser's number field shows them too.
        self.fields["fiscal_year"].widget.attrs.update({"min": 2000, "max": 2100})
        self.helper = form_helper(submit_label)

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SolicitationForm(GrantDocumentForm):
    eligible_applicants = forms.MultipleChoiceField(
        label="Eligible applicants",
        choices=ELIGIBLE_APPLICANTS,
        widget=forms.CheckboxSelectMultiple,
        help_text="Grants.gov's applicant types.",
    )
    planned_post_date = date_field("Planned post date")
    planned_close_date = date_field("Planned close date")

    class Meta:
        model = Solicitation
        fields = SOLICITATION_FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "priorities": forms.Textarea(attrs={"rows": 3}),
        }


class SolicitationEditForm(VersionedForm, SolicitationForm):
    pass


class AwardForm(GrantDocumentForm):
    period_start = date_field("Period of performance starts")
    period_end = date_field("Period of performance ends")

    class Meta:
        model = Award
        fields = AWARD_FIELDS
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 5}),
            "recipient_uei": forms.TextInput(
                attrs={"autocapitalize": "characters", "spellcheck": "false", "maxlength": 12}
            ),
        }

    def __init__(self, *args, agency_id=None, **kwargs):
        super().__init__(*args, agency_id=agency_id, **kwargs)
        self.fields["solicitation"].queryset = Solicitation.objects.filter(
            agency_id=agency_id
        ).order_by("-fiscal_year", "title")
        self.fields["solicitation"].empty_label = "None"

    def clean_recipient_uei(self):
        return self.cleaned_data["recipient_uei"].strip().upper()


class AwardEditForm(VersionedForm, AwardForm):
    pass


class CirculateForm(VersionedForm):
    audience = forms.ChoiceField(
        label="Circulate to",
        widget=forms.RadioSelect,
        initial="spog",
        choices=[
            ("spog", "The SPOG's member agencies"),
            ("body", "The member agencies of another body"),
            ("chosen", "Agencies I choose"),
        ],
    )
    body = forms.ModelChoiceField(
        label="Body",
        required=False,
        queryset=Body.objects.order_by("name"),
        help_text="With “the member agencies of another body”.",
    )
    agencies = forms.ModelMultipleChoiceField(
        label="Agencies",
        required=False,
        queryset=Agency.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        help_text="With “agencies I choose”.",
    )
    deadline = date_field(
        "Comments due", hint="A business day; comments close at 5:00 PM Eastern that day."
    )
    message = forms.CharField(
        label="Message to the agencies",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        # The owner agency is never asked to comment on its own document.
        self.fields["agencies"].queryset = Agency.objects.filter(active=True).exclude(pk=owner.pk)
        self.fields["agencies"].label_from_instance = agency_label
        self.helper = form_helper("Circulate for comment")

    def clean(self):
        cleaned = super().clean()
        audience = cleaned.get("audience")
        if audience == "body" and not cleaned.get("body"):
            self.add_error("body", "Choose the body whose member agencies are asked.")
        if audience == "chosen" and not cleaned.get("agencies"):
            self.add_error("agencies", "Choose at least one agency.")
        return cleaned

    def recipients(self) -> dict:
        """The circulation's `body` and `agencies` (None: the body's members)."""
        data = self.cleaned_data
        if data["audience"] == "body":
            return {"body": data["body"], "agencies": None}
        if data["audience"] == "chosen":
            return {"body": None, "agencies": list(data["agencies"])}
        return {"body": None, "agencies": None}


class WithdrawForm(VersionedForm):
    reason = forms.CharField(
        label="Why it is withdrawn",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="If it is out for comment, every agency asked is told.",
    )

    def __init__(self, *args, noun: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(f"Withdraw the {noun}")


class NofoForm(VersionedForm):
    nofo = forms.FileField(
        label="Draft NOFO",
        help_text="A PDF or Word (.docx) file, up to 20 MB. It replaces the one attached.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Attach it")
