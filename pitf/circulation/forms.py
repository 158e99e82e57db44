"""The forms of the circulation pages."""

from __future__ import annotations

from django import forms
from django.utils.html import format_html, format_html_join

from pitf.circulation.models import Comment, Recipient
from pitf.forms import ChoiceOfAny, VersionedForm, date_field, form_helper, person_label
from pitf.models import User


class SuggestingInput(forms.TextInput):
    """A text field that suggests values (an HTML datalist) and takes any other."""

    def __init__(self, *args, suggestions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.suggestions = tuple(suggestions)

    def render(self, name, value, attrs=None, renderer=None):
        if not self.suggestions:
            return super().render(name, value, attrs, renderer)
        list_id = f"{(attrs or {}).get('id', name)}-suggestions"
        field = super().render(name, value, {**(attrs or {}), "list": list_id}, renderer)
        options = format_html_join(
            "", '<option value="{}"></option>', ((s,) for s in self.suggestions)
        )
        return format_html('{}<datalist id="{}">{}</datalist>', field, list_id, options)


class CommentForm(forms.Form):
    section = forms.CharField(
        label="Section or page",
        max_length=200,
        help_text="Where in the document, e.g. 'Section C.2, page 14'.",
    )
    kind = forms.ChoiceField(label="Kind of comment", choices=Comment.Kind.choices)
    text = forms.CharField(
        label="Comment", max_length=10000, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, submit_label: str = "Add the comment", sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        if sections:
            # The document's own sections, offered as the reviewer types; any other is taken.
            section = self.fields["section"]
            section.widget = SuggestingInput(suggestions=sections)
            section.help_text = (
                "Choose one of the document's sections as you type, or say where, e.g. 'page 14'."
            )
        self.helper = form_helper(submit_label)


class CommentEditForm(VersionedForm, CommentForm):
    pass


def comment_initial(comment: Comment) -> dict:
    return {
        "section": comment.section,
        "kind": comment.kind,
        "text": comment.text,
        "version": comment.version,
    }


class SubmitForm(VersionedForm):
    answer = forms.ChoiceField(
        label="Your agency's answer",
        widget=forms.RadioSelect,
        choices=[
            (Recipient.Answer.COMMENTS, "Submit our comments"),
            (Recipient.Answer.NO_COMMENT, "No comment"),
        ],
    )

    def __init__(self, *args, recipient: Recipient, **kwargs):
        kwargs.setdefault("initial", {"version": recipient.version})
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Submit the answer")


class ResolveForm(VersionedForm):
    resolution = forms.ChoiceField(
        label="Resolution",
        widget=forms.RadioSelect,
        choices=[c for c in Comment.Resolution.choices if c[0]],
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required when the comment is not adopted.",
    )
    reply = forms.CharField(
        label="Reply to the agency",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, comment: Comment, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "resolution": comment.resolution,
                "reason": comment.resolution_reason,
                "reply": comment.reply,
                "version": comment.version,
            },
        )
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Save the resolution")


class ExtendForm(VersionedForm):
    deadline = date_field(
        "New deadline", hint="A business day; comments close at 5:00 PM Eastern that day."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Extend the deadline")


class WithdrawForm(VersionedForm):
    reason = forms.CharField(
        label="Why it is withdrawn",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Sent to every agency it was circulated to.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Withdraw the circulation")


class PersonOfAgencyForm(forms.Form):
    def __init__(self, *args, people, submit_label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"] = ChoiceOfAny(
            queryset=User.objects.filter(is_active=True),
            offered=people,
            label_of=person_label,
            label="Person",
        )
        self.helper = form_helper(submit_label)
