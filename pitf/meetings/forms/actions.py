"""The forms of what a meeting decided and who is to do what."""

from __future__ import annotations

from django import forms

from pitf.forms import ChoiceOfAny, date_field, form_helper, person_label
from pitf.meetings.models import ActionItem, AgendaItem
from pitf.meetings.services.actions import MOVES
from pitf.meetings.workflows import ACTION_ITEM
from pitf.models import Agency, User


class DecisionForm(forms.Form):
    text = forms.CharField(label="Decision", widget=forms.Textarea(attrs={"rows": 3}))
    agenda_item = forms.ModelChoiceField(
        label="Agenda item", queryset=AgendaItem.objects.none(), required=False
    )

    def __init__(self, *args, agenda_items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = agenda_items
        self.helper = form_helper("Record the decision")


class ActionItemForm(forms.Form):
    title = forms.CharField(label="What is to be done", max_length=300)
    owner_agency = forms.ModelChoiceField(label="Owner agency", queryset=Agency.objects.none())
    owner = ChoiceOfAny(
        label="Owner",
        queryset=User.objects.all(),
        offered=[],
        required=False,
        help_text="Someone of the owner agency on the meeting's list; left blank, the agency's "
        "principal and alternate are reminded.",
    )
    due_date = date_field("Due date")
    agenda_item = forms.ModelChoiceField(
        label="Agenda item", queryset=AgendaItem.objects.none(), required=False
    )

    def __init__(self, *args, agencies, people, agenda_items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_agency"].queryset = agencies
        owner = self.fields["owner"]
        owner.widget.choices = [("", "- Select -")] + [(p.pk, person_label(p)) for p in people]
        self.fields["agenda_item"].queryset = agenda_items
        self.helper = form_helper("Add the action item")


class ActionUpdateForm(forms.Form):
    move = forms.ChoiceField(label="Status", choices=list(MOVES.items()))
    note = forms.CharField(
        label="Update",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="What happened. Needed for a note, and to drop it (the reason).",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, item: ActionItem, **kwargs):
        super().__init__(*args, **kwargs)
        # Every move is accepted (the service refuses, in the workflow's words, what the
        # item's state does not allow); those its state allows are offered.
        self.fields["move"].widget.choices = [
            (name, label) for name, label in MOVES.items() if ACTION_ITEM.can(item, name)
        ]
        self.helper = form_helper("Save the update")
