"""The forms of a meeting's minutes."""

from __future__ import annotations

from django import forms

from pitf.forms import date_field, form_helper

TEXT_HELP = (
    "Markdown: ## for a heading, - for a list item, **bold**, *italics*, [text](https://link). "
    "Choose “Preview” to see it as invitees will."
)


class MinutesForm(forms.Form):
    text = forms.CharField(
        label="Minutes", widget=forms.Textarea(attrs={"rows": 24}), help_text=TEXT_HELP
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, submit_label: str = "Save the draft", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(submit_label)
        from crispy_forms.layout import Submit

        self.helper.add_input(
            Submit("preview", "Preview", css_class="usa-button--outline", css_id="button-preview")
        )


class AmendForm(MinutesForm):
    reason = forms.CharField(
        label="Why amended",
        max_length=500,
        required=False,  # the service says what is missing
        help_text="Kept with the new version and shown beside it.",
    )
    field_order = ["reason", "text", "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, submit_label="Amend the minutes", **kwargs)


class CirculateMinutesForm(forms.Form):
    deadline = date_field("Concurrence due", hint="A business day, e.g. a week from today.")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Circulate for concurrence")
