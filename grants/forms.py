"""The forms of the grants pages."""

from __future__ import annotations

from django import forms

from grants.models import ELIGIBLE_APPLICANTS, POPULATIONS, SOLICITATION_FIELDS, Solicitation
from pitf.forms import VersionedForm, agency_label, date_field, form_helper
from pitf.models import Agency, Body


class SolicitationForm(forms.ModelForm):
    eligible_applicants = forms.MultipleChoiceField(
        label="Eligible applicants",
        choices=ELIGIBLE_APPLICANTS,
        widget=forms.CheckboxSelectMultiple,
        help_text="Grants.gov's applicant types.",
    )
    populations = forms.MultipleChoiceField(
        label="Population served", choices=POPULATIONS, widget=forms.CheckboxSelectMultiple
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

    def __init__(self, *args, submit_label: str = "Save the draft", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].widget.attrs.update({"min": 2000, "max": 2100})
        self.fields["fiscal_year"].min_value = 2000
        self.helper = form_helper(submit_label)

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SolicitationEditForm(VersionedForm, SolicitationForm):
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Withdraw the solicitation")
