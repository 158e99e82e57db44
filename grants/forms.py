"""The forms of the grants pages."""

from __future__ import annotations

from django import forms

from grants.models import ELIGIBLE_APPLICANTS, POPULATIONS, Solicitation
from pitf.forms import VersionedForm, date_field, form_helper


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
        fields = [
            "opportunity_number",
            "title",
            "assistance_listing",
            "funding_instrument",
            "category",
            "estimated_total_funding",
            "award_ceiling",
            "award_floor",
            "expected_awards",
            "cost_sharing",
            "eligible_applicants",
            "planned_post_date",
            "planned_close_date",
            "fiscal_year",
            "summary",
            "populations",
            "trafficking_type",
            "geography",
            "priorities",
            "marking",
            "cui_category",
        ]
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
        self.helper = form_helper("Circulate for comment")
