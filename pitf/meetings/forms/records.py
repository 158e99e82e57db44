"""The forms of what a meeting keeps: its documents."""

from __future__ import annotations

from django import forms

from pitf.forms import form_helper
from pitf.meetings.models import DocumentMarking

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

    def __init__(self, *args, limit_mb: int, **kwargs):
        super().__init__(*args, **kwargs)
        upload = self.fields["upload"]
        upload.help_text = upload.help_text.format(limit=limit_mb)
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
