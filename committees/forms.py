"""The workspace's forms: a charter version and its approval, an announcement, a working
group's close-out, a deliverable and its progress, a tracker, its rows, a cell and the matrix's
filters."""

from __future__ import annotations

from django import forms

from committees.models import AgencyView, Bill, Communication, Deliverable, Observance, Status
from pitf.forms import ChoiceOfAny, agency_label, date_field, form_helper, person_label
from pitf.meetings.models import ActionItem, Decision, Meeting
from pitf.models import Agency, User

MARKDOWN = "Markdown: blank lines between paragraphs, - for a list, **bold**, [text](link)."


class CharterForm(forms.Form):
    text = forms.CharField(
        label="The charter's text", widget=forms.Textarea(attrs={"rows": 16}), help_text=MARKDOWN
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Add the version")


class ApproveForm(forms.Form):
    approved_on = date_field("Approved on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Mark it approved")


class AnnouncementForm(forms.Form):
    title = forms.CharField(max_length=200)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), help_text=MARKDOWN)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Post and e-mail it")


class CloseOutForm(forms.Form):
    closed_on = date_field("Closed on")
    summary = forms.CharField(
        label="What the working group delivered",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=MARKDOWN,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Close the working group")


class DeliverableForm(forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    due_date = date_field("Due date")
    status = forms.ChoiceField(choices=Deliverable.Status.choices, initial="planned")
    drop_reason = forms.CharField(
        label="Why it is dropped",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Needed when the status is Dropped.",
    )
    meetings = forms.ModelMultipleChoiceField(
        queryset=Meeting.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Meetings it was discussed at",
    )
    decisions = forms.ModelMultipleChoiceField(
        queryset=Decision.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Decisions it follows",
    )
    action_items = forms.ModelMultipleChoiceField(
        queryset=ActionItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Action items it answers",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, body, agencies, adding: bool, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = list(agencies)
        # The owner fields come second and third, after the title and description.
        self.fields["owner_agency"] = ChoiceOfAny(
            queryset=Agency.objects.all(), offered=agencies, label_of=agency_label
        )
        self.fields["owner_agency"].label = "Owner agency"
        staff = User.objects.filter(agency__in=agencies, is_active=True).select_related("agency")
        self.fields["owner"] = ChoiceOfAny(
            queryset=User.objects.all(),
            offered=staff.order_by("full_name", "email"),
            label_of=person_label,
            required=False,
            blank="- Nobody in particular -",
        )
        self.fields["owner"].label = "Owner (optional)"
        self.fields[
            "owner"
        ].help_text = "One of the owner agency's staff. Without one, its representatives are told."
        self.order_fields(["title", "description", "owner_agency", "owner"])
        meetings = Meeting.objects.filter(body=body).order_by("-starts_at")[:24]
        self.fields["meetings"].queryset = Meeting.objects.filter(body=body)
        self.fields["meetings"].choices = [(m.pk, str(m)) for m in meetings]
        self.fields["decisions"].queryset = Decision.objects.filter(meeting__body=body)
        self.fields["action_items"].queryset = ActionItem.objects.filter(meeting__body=body)
        for name in ("decisions", "action_items"):
            rows = self.fields[name].queryset.select_related("meeting").order_by("-pk")[:50]
            self.fields[name].choices = [(row.pk, f"{row.meeting}: {row}") for row in rows]
        if adding:
            for name in ("status", "drop_reason"):
                del self.fields[name]
        self.helper = form_helper("Add the deliverable" if adding else "Save")


class ProgressForm(forms.Form):
    day = date_field("Day")
    status = forms.ChoiceField(
        choices=[
            (value, label)
            for value, label in Deliverable.Status.choices
            if value != Deliverable.Status.DROPPED
        ],
        label="Status after this",
    )
    text = forms.CharField(label="Progress", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Add the progress")


ROWS_HELP = (
    "One row a line: its reference, a bar, then its text (“52.222-50(h) | Refer violations to "
    "the Inspector General”), or the text alone."
)


class TrackerForm(forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    agencies = forms.ModelMultipleChoiceField(
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Participating agencies",
        help_text="Each one's staff write its own column.",
    )
    rows = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}), required=False, help_text=ROWS_HELP
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, agencies, adding: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = Agency.objects.filter(
            pk__in=[agency.pk for agency in agencies]
        ).order_by("name")
        self.fields["agencies"].label_from_instance = agency_label
        if not adding:
            del self.fields["rows"]
        self.helper = form_helper("Set up the tracker" if adding else "Save")


class RowsForm(forms.Form):
    rows = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), help_text=ROWS_HELP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Add the rows")


class RowForm(forms.Form):
    reference = forms.CharField(max_length=60, required=False)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Save the row")


class CellForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label="Why it does not apply",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Needed when the status is Not applicable.",
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    noted_on = date_field("Dated", required=False, hint="Today if left empty.")
    evidence_link = forms.URLField(
        label="Evidence: a link", required=False, max_length=500, assume_scheme="https"
    )
    evidence_upload = forms.FileField(
        label="Evidence: a document",
        required=False,
        help_text="A PDF, Word (.docx) or Excel (.xlsx) file of 25 MB at most.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Save your agency's status")


class MatrixFilterForm(forms.Form):
    agency = forms.TypedChoiceField(coerce=int, required=False, label="Agency")
    status = forms.ChoiceField(
        choices=[("", "Any status"), *Status.choices], required=False, label="Rows with"
    )
    q = forms.CharField(required=False, label="Text or reference", max_length=100)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", "Every agency")] + [
            (agency.pk, agency.acronym) for agency in agencies
        ]
        self.helper = form_helper("Filter", method="get")


class CommunicationForm(forms.Form):
    title = forms.CharField(max_length=200)
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label="Agency")
    starts_on = date_field("Date", hint="The first day, for a campaign of several days.")
    ends_on = date_field("Last day", required=False, hint="Empty for a single day.")
    channel = forms.ChoiceField(choices=Communication.Channel.choices)
    audience = forms.CharField(max_length=200, help_text="e.g. Students and teachers.")
    theme = forms.CharField(
        max_length=120,
        help_text="A few words other agencies would use too, e.g. Labor trafficking in "
        "agriculture: communications on one theme close together are flagged.",
    )
    observance = forms.ModelChoiceField(
        queryset=Observance.objects.all(), required=False, label="Observance it serves"
    )
    message = forms.CharField(
        label="Draft message",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text="What is circulated to the other agencies for clearance. " + MARKDOWN,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, agencies, adding: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].label_from_instance = agency_label
        if not adding:
            del self.fields["agency"]
        self.helper = form_helper("Add to the calendar" if adding else "Save")


class ClearanceForm(forms.Form):
    deadline = date_field("Comments due", hint="A business day; comments close at 5 p.m. Eastern.")
    message = forms.CharField(
        label="Message to the agencies", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Circulate for clearance")


class PublishForm(forms.Form):
    link = forms.URLField(label="Link to the published communication", assume_scheme="https")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Mark it published")


class BillForm(forms.Form):
    congress = forms.IntegerField(min_value=93, max_value=200, help_text="e.g. 119")
    bill_type = forms.ChoiceField(label="Type", choices=Bill.Type.choices)
    number = forms.IntegerField(min_value=1)
    title = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    sponsor = forms.CharField(max_length=200, required=False)
    introduced_on = date_field("Introduced", required=False)
    latest_action = forms.CharField(label="Latest action", required=False)
    latest_action_on = date_field("Latest action's date", required=False)
    committees = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, help_text="One a line."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Add the bill")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".xml"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        one = super().clean
        if isinstance(data, list | tuple):
            return [one(item, initial) for item in data]
        return [one(data, initial)]


class BillImportForm(forms.Form):
    files = MultipleFileField(
        label="Bill status files",
        help_text="The XML files of GPO's bill status bulk data (BILLSTATUS), one a bill.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Import the bills")


class AgencyViewForm(forms.Form):
    position = forms.ChoiceField(choices=AgencyView.Position.choices, widget=forms.RadioSelect)
    comments = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Save your agency's view")


class BillCirculateForm(forms.Form):
    deadline = date_field("Views due", hint="A business day; comments close at 5 p.m. Eastern.")
    message = forms.CharField(
        label="Message to the agencies", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Circulate for views")
