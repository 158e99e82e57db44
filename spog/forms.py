"""The forms of the SPOG's reporting. They check what a field can check alone; the services
check the rest (a category's figures, at least one objective) and say it on the fields."""

from __future__ import annotations

from django import forms

from pitf import workdays
from pitf.forms import agency_label, date_field, form_helper
from pitf.models import Agency
from spog.models import Entry, Objective
from spog.periods import Period, fiscal_year_of
from spog.services.entries import FIELDS


class CycleForm(forms.Form):
    fiscal_year = forms.IntegerField(label="Fiscal year", min_value=2000, max_value=2100)
    period = forms.ChoiceField(label="Period", choices=Period.choices)
    due_date = date_field("Due date", hint="On or after the period's first day.")
    reminder_days = forms.IntegerField(
        label="Remind agencies that have not submitted, this many days before it is due",
        min_value=0,
        max_value=60,
        initial=7,
    )
    instructions = forms.CharField(
        label="Instructions to agencies",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    agencies = forms.ModelMultipleChoiceField(
        label="Participating agencies",
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave all unticked for the SPOG's member agencies on the due date.",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "initial", {"fiscal_year": fiscal_year_of(workdays.today_in_washington())}
        )
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = Agency.objects.filter(active=True).order_by("name")
        self.fields["agencies"].label_from_instance = agency_label
        self.helper = form_helper("Open the cycle")

    def values(self) -> dict:
        values = dict(self.cleaned_data)
        values["agencies"] = list(values["agencies"]) or None
        return values


def objective_label(objective: Objective) -> str:
    return f"{objective.code} {objective.text} ({objective.priority.name})"


class EntryForm(forms.ModelForm):
    objectives = forms.ModelMultipleChoiceField(
        label="Objectives it serves",
        queryset=Objective.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="At least one.",
    )
    partners = forms.ModelMultipleChoiceField(
        label="Partner agencies",
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Other agencies that did it with yours. Each confirms it; it then counts "
        "once, as shared.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Entry
        fields = [*FIELDS]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "links": forms.Textarea(attrs={"rows": 2}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "people_trained": "Needed for a training.",
            "audience": "Needed for a training, e.g. “state and local law enforcement”.",
            "funds_awarded": "Needed for grants and programs.",
            "items_published": "Needed for research and reports and for information campaigns.",
        }

    def __init__(self, *args, objectives, agency_id: int, submit_label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objectives"].queryset = objectives.select_related("priority")
        self.fields["objectives"].label_from_instance = objective_label
        self.fields["partners"].queryset = (
            Agency.objects.filter(active=True).exclude(pk=agency_id).order_by("name")
        )
        self.fields["partners"].label_from_instance = agency_label
        if self.instance.pk:
            self.initial.setdefault("objectives", list(self.instance.objectives.all()))
            self.initial.setdefault("partners", [p.agency_id for p in self.instance.partners.all()])
            self.initial.setdefault("version", self.instance.version)
        self.helper = form_helper(submit_label)

    def _post_clean(self):
        """The service validates the entry (with its report and objectives); the form does
        not build the model instance, so nothing is checked twice."""

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in FIELDS}


class CopyForwardForm(forms.Form):
    entries = forms.ModelMultipleChoiceField(
        label="Entries to copy",
        queryset=Entry.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].queryset = entries
        self.fields["entries"].label_from_instance = lambda entry: (
            f"{entry.title} ({entry.get_category_display()}, {entry.report.cycle})"
        )
        self.helper = form_helper("Copy the entries")


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        widget=forms.RadioSelect,
        choices=[("accept", "Accept the report"), ("return", "Return it to the agency")],
    )
    comments = forms.CharField(
        label="Comments",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Needed to return it: what the agency should change.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, report, **kwargs):
        kwargs.setdefault("initial", {"version": report.version})
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Save the decision")


class ReminderForm(forms.Form):
    agencies = forms.ModelMultipleChoiceField(
        label="Agencies to remind",
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    message = forms.CharField(label="Message", widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, owing, **kwargs):
        kwargs.setdefault("initial", {"agencies": list(owing)})
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = owing
        self.fields["agencies"].label_from_instance = agency_label
        self.helper = form_helper("Send the reminder")


class IndicatorForm(forms.ModelForm):
    class Meta:
        from spog.models import Indicator

        model = Indicator
        fields = ["name", "unit", "definition", "owning_agency", "source"]
        widgets = {"definition": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owning_agency"].queryset = Agency.objects.filter(active=True).order_by("name")
        self.fields["owning_agency"].label_from_instance = agency_label
        self.helper = form_helper("Add the indicator")

    def _post_clean(self):
        """The service validates and saves the indicator."""


class ValueForm(forms.Form):
    agency = forms.ModelChoiceField(label="Agency", queryset=Agency.objects.none())
    fiscal_year = forms.IntegerField(label="Fiscal year", min_value=2000, max_value=2100)
    value = forms.DecimalField(label="Value", min_value=0, max_digits=16, decimal_places=2)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].label_from_instance = agency_label
        self.helper = form_helper("Save the value")


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="Columns indicator,agency,fiscal_year,value (the indicator by name, the "
        "agency by acronym), one row per agency and fiscal year.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Import the values")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.decoded = upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                "The file is not UTF-8 text (save it as “CSV UTF-8”)."
            ) from None
        return upload

    def text(self) -> str:
        return self.decoded


class DataCallForm(forms.Form):
    report_year = forms.IntegerField(label="Report year", min_value=2000, max_value=2100)
    deadline = date_field("Contributions due")
    reminder_days = forms.IntegerField(
        label="Remind agencies that have not contributed, this many days before",
        min_value=0,
        max_value=60,
        initial=5,
    )
    instructions = forms.CharField(
        label="Instructions to agencies", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"report_year": workdays.today_in_washington().year + 1})
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Open the data call")


class AssignForm(forms.Form):
    lead = forms.ModelChoiceField(label="Lead agency", queryset=Agency.objects.none())
    agencies = forms.ModelMultipleChoiceField(
        label="Contributing agencies",
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="The lead agency contributes too.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, section, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "lead": section.lead_agency_id,
                "agencies": list(section.agencies.all()),
                "version": section.version,
            },
        )
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(active=True).order_by("name")
        for name in ("lead", "agencies"):
            self.fields[name].queryset = agencies
            self.fields[name].label_from_instance = agency_label
        self.helper = form_helper("Save the assignment")


class ContributionForm(forms.Form):
    text = forms.CharField(
        label="Contribution",
        widget=forms.Textarea(attrs={"rows": 16}),
        required=False,  # the service says what is missing
        help_text="Markdown: ## for a heading, - for a list item, [text](https://…) for a "
        "link. Shown as the others will read it with “Preview”.",
    )
    data = forms.CharField(
        label="Figures and data",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="One figure per line, with its source.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Save the contribution")
        from crispy_forms.layout import Submit

        self.helper.add_input(
            Submit("preview", "Preview", css_class="usa-button--outline", css_id="button-preview")
        )


class CirculateDraftForm(forms.Form):
    deadline = date_field("Comments due", hint="A business day.")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, call, **kwargs):
        kwargs.setdefault("initial", {"version": call.version})
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Circulate the compiled draft")
