"""The forms of what a meeting keeps: its documents and its agenda."""

from __future__ import annotations

from django import forms

from pitf.forms import form_helper, person_label
from pitf.meetings.models import AgendaItem, DocumentMarking
from pitf.meetings.services.agenda import FIELDS
from pitf.meetings.workflows import AGENDA_ITEM
from pitf.models import Agency, User

ACCEPT = ".pdf,.docx,.xlsx,.pptx"


def _upload_field(help_text: str) -> forms.FileField:
    return forms.FileField(
        label="File",
        help_text=help_text,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )


class DocumentForm(forms.Form):
    title = forms.CharField(
        max_length=200,
        required=False,
        help_text="What invitees see it as, e.g. “Read-ahead: FY2027 priorities”. "
        "Left blank, the file's name.",
    )
    upload = _upload_field(
        "A PDF, Word (.docx), Excel (.xlsx) or PowerPoint (.pptx) file, up to {limit} MB."
    )
    marking = forms.ChoiceField(
        label="Handling marking",
        choices=DocumentMarking.choices,
        initial=DocumentMarking.PREDECISIONAL,
        help_text="Shown beside the document wherever it is listed.",
    )
    cui_category = forms.CharField(
        label="CUI category",
        max_length=40,
        required=False,
        help_text="With a CUI marking: its category, e.g. SP-PRVCY (privacy).",
    )
    agenda_item = forms.ModelChoiceField(
        label="For agenda item",
        queryset=AgendaItem.objects.none(),
        required=False,
        help_text="Listed under that item on the agenda as well.",
    )

    def __init__(self, *args, limit_mb: int, agenda_items, **kwargs):
        super().__init__(*args, **kwargs)
        upload = self.fields["upload"]
        upload.help_text = upload.help_text.format(limit=limit_mb)
        self.fields["agenda_item"].queryset = agenda_items
        self.helper = form_helper("Add the document")


class DocumentVersionForm(forms.Form):
    upload = _upload_field("A PDF, Word, Excel or PowerPoint file, up to {limit} MB.")
    note = forms.CharField(
        label="What changed",
        max_length=300,
        required=False,
        help_text="Invitees see it beside the version, e.g. “Figures for Q4 added”.",
    )

    def __init__(self, *args, limit_mb: int, **kwargs):
        super().__init__(*args, **kwargs)
        upload = self.fields["upload"]
        upload.help_text = upload.help_text.format(limit=limit_mb)
        self.helper = form_helper("Add the version")


class AgendaItemForm(forms.Form):
    """An item of the agenda, added or changed by the chair's office or proposed by an agency;
    an edit carries the version it was loaded with."""

    title = forms.CharField(max_length=200)
    kind = forms.ChoiceField(label="Kind", choices=AgendaItem.Kind.choices)
    minutes = forms.IntegerField(
        label="Time allotted (minutes)",
        required=False,
        min_value=1,
        max_value=480,
        help_text="The agenda gives each item its start time from these.",
    )
    presenter_agency = forms.ModelChoiceField(
        label="Presenting agency", queryset=Agency.objects.none(), required=False
    )
    presenter = forms.ModelChoiceField(
        label="Presenter",
        queryset=User.objects.none(),
        required=False,
        help_text="Someone on the meeting's list.",
    )
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, agencies, people, submit_label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenter_agency"].queryset = agencies
        self.fields["presenter"].queryset = people
        self.fields["presenter"].label_from_instance = person_label
        self.helper = form_helper(submit_label)

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in FIELDS}


DECISIONS = [
    ("accept", "Accept: put it last on the agenda"),
    ("decline", "Decline"),
    ("merge", "Merge into an item on the agenda"),
    ("remove", "Take it off the agenda"),
]


class AgendaDecisionForm(forms.Form):
    decision = forms.ChoiceField(label="What to do", widget=forms.RadioSelect)
    merged_into = forms.ModelChoiceField(
        label="Merge into",
        queryset=AgendaItem.objects.none(),
        required=False,
        help_text="With “Merge”: the item on the agenda that covers it.",
    )
    note = forms.CharField(
        label="Reason",
        max_length=300,
        required=False,
        help_text="Needed to decline: the proposing agency sees it.",
    )

    def __init__(self, *args, item: AgendaItem, agenda_items, **kwargs):
        super().__init__(*args, **kwargs)
        # Every decision is accepted (the service refuses what the item's state does not
        # allow, in the workflow's words); those its state allows are offered.
        self.fields["decision"].choices = DECISIONS
        self.fields["decision"].widget.choices = [
            (name, label) for name, label in DECISIONS if AGENDA_ITEM.can(item, name)
        ]
        if not AGENDA_ITEM.can(item, "merge"):
            self.fields["merged_into"].widget = forms.HiddenInput()
        self.fields["merged_into"].queryset = agenda_items
        self.helper = form_helper("Save the decision")
