"""The forms of the meetings pages."""

from __future__ import annotations

import copy
import datetime
import zoneinfo

from django import forms
from django.utils import timezone

from pitf.forms import ChoiceOfAny, VersionedForm, date_field, form_helper, person_label
from pitf.meetings import services
from pitf.meetings.attendance import MODE_FROM_ANSWER
from pitf.meetings.models import Attendance, Invitee, Meeting
from pitf.models import User

COMMON_ZONES = [
    ("America/New_York", "Eastern (America/New_York)"),
    ("America/Chicago", "Central (America/Chicago)"),
    ("America/Denver", "Mountain (America/Denver)"),
    ("America/Phoenix", "Arizona (America/Phoenix)"),
    ("America/Los_Angeles", "Pacific (America/Los_Angeles)"),
    ("America/Anchorage", "Alaska (America/Anchorage)"),
    ("Pacific/Honolulu", "Hawaii (Pacific/Honolulu)"),
    ("America/Puerto_Rico", "Atlantic (America/Puerto_Rico)"),
    ("Pacific/Guam", "Chamorro (Pacific/Guam)"),
    ("UTC", "UTC"),
]


# Names the time-zone database holds that are not places a meeting is held in.
NOT_PLACES = ("Etc/", "SystemV/", "posix/", "right/")


def zone_choices():
    """The common zones first, then every place's zone (Area/Location, e.g. Asia/Manila): not
    the database's internal names ("Factory", "localtime") or the fixed offsets."""
    common = {name for name, _ in COMMON_ZONES}
    places = {
        name
        for name in zoneinfo.available_timezones()
        if "/" in name and not name.startswith(NOT_PLACES)
    }
    others = sorted(places - common)
    return [("Common", COMMON_ZONES), ("Every IANA time zone", [(z, z) for z in others])]


def time_field(label: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        help_text="In the meeting's time zone, e.g. 10:00 or 14:30.",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )


class MeetingForm(forms.Form):
    title = forms.CharField(max_length=200)
    kind = forms.ChoiceField(label="Kind of meeting", choices=Meeting.Kind.choices)
    day = date_field("Date")
    start_time = time_field("Starts at")
    end_time = time_field("Ends at")
    time_zone = forms.ChoiceField(
        label="Time zone", choices=zone_choices, initial="America/New_York"
    )
    place = forms.CharField(
        max_length=300, required=False, help_text="Building and room, if it meets in person."
    )
    video_link = forms.URLField(
        label="Video link", max_length=500, required=False, assume_scheme="https"
    )
    dial_in = forms.CharField(label="Dial-in", max_length=300, required=False)
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))

    submit_label = "Schedule the meeting"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(self.submit_label)

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("day"), cleaned.get("start_time"), cleaned.get("end_time")
        zone = cleaned.get("time_zone")
        if day and start and end and zone:
            tz = zoneinfo.ZoneInfo(zone)
            cleaned["starts_at"] = datetime.datetime.combine(day, start, tzinfo=tz)
            cleaned["ends_at"] = datetime.datetime.combine(day, end, tzinfo=tz)
            # Shown with every other error of the form at once, each on its own field.
            problems = services.times_errors(
                starts_at=cleaned["starts_at"], ends_at=cleaned["ends_at"]
            )
            for field, message in problems.items():
                self.add_error(field, message)
        return cleaned

    def meeting_values(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "kind": data["kind"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "time_zone": data["time_zone"],
            "place": data["place"],
            "video_link": data["video_link"],
            "dial_in": data["dial_in"],
            "notes": data["notes"],
        }


def initial_of(meeting: Meeting) -> dict:
    start, end = meeting.local_start, meeting.local_end
    return {
        "title": meeting.title,
        "kind": meeting.kind,
        "day": start.date(),
        "start_time": start.time().replace(tzinfo=None),
        "end_time": end.time().replace(tzinfo=None),
        "time_zone": meeting.time_zone,
        "place": meeting.place,
        "video_link": meeting.video_link,
        "dial_in": meeting.dial_in,
        "notes": meeting.notes,
        "version": meeting.version,
    }


class RescheduleForm(VersionedForm, MeetingForm):
    reason = forms.CharField(
        label="What changed and why",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Sent to every invitee with the updated invitation.",
    )
    submit_label = "Send the change"


class CancelForm(VersionedForm):
    reason = forms.CharField(
        label="Why it is cancelled",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Sent to every invitee with the cancellation.",
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        kwargs.setdefault("initial", {"version": meeting.version})
        super().__init__(*args, **kwargs)
        self.helper = form_helper("Cancel the meeting")


class InviteeAddForm(forms.Form):
    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"] = ChoiceOfAny(
            queryset=User.objects.filter(is_active=True),
            offered=people,
            label_of=person_label,
            label="Person",
            help_text="Someone the body's list does not include: a speaker, an adviser.",
        )
        self.helper = form_helper("Invite")


class AnswerForm(forms.Form):
    response = forms.ChoiceField(
        label="Your answer",
        choices=[c for c in Invitee.Response.choices if c[0]],
        widget=forms.RadioSelect,
    )
    alternate = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label="Which alternate you send",
        help_text="Only if you send an alternate: they are then invited.",
    )

    def __init__(self, *args, invitee: Invitee, alternates: list[User], **kwargs):
        kwargs.setdefault("initial", {"response": invitee.response, "alternate": invitee.alternate})
        super().__init__(*args, **kwargs)
        self.fields["alternate"].queryset = User.objects.filter(pk__in=[a.pk for a in alternates])
        if not alternates:
            self.fields["response"].choices = [
                c for c in self.fields["response"].choices if c[0] != "sending_alternate"
            ]
            del self.fields["alternate"]
        self.helper = form_helper("Send my answer")


class RemindForm(forms.Form):
    audience = forms.ChoiceField(label="Send to", widget=forms.RadioSelect, initial="not_answered")
    message = forms.CharField(
        label="Your message",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Sent with the meeting's details and its answer link.",
    )

    def __init__(self, *args, audiences: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = list(audiences.items())
        self.helper = form_helper("Send the reminder")


class YearPlanForm(forms.Form):
    """A fiscal year's meetings in one form: a day for each window of the plan still open,
    proposed and adjustable, and the time and place they share."""

    def __init__(self, *args, rows: list[tuple], fiscal_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows, self.fiscal_year = rows, fiscal_year
        for slot, proposed, _ in rows:
            if proposed is None:
                continue
            self.fields[slot.field] = date_field(
                slot.label, hint=f"A weekday from {slot.span}, not a federal holiday."
            )
            self.initial.setdefault(slot.field, proposed)
        self.slot_numbers = {
            slot.field: slot.number for slot, proposed, _ in rows if proposed is not None
        }
        self.fields["start_time"] = time_field("Each starts at")
        self.fields["end_time"] = time_field("Each ends at")
        self.fields["time_zone"] = forms.ChoiceField(
            label="Time zone", choices=zone_choices, initial="America/New_York"
        )
        for name in ("place", "video_link", "dial_in", "notes"):
            self.fields[name] = copy.deepcopy(MeetingForm.base_fields[name])
        self.initial.setdefault("start_time", datetime.time(10, 0))
        self.initial.setdefault("end_time", datetime.time(12, 0))
        self.helper = form_helper("Schedule these meetings")

    def clean(self):
        """Every error at once: the days' (outside the window, a holiday, past) with the
        times'."""
        cleaned = super().clean()
        days = {
            number: cleaned[field]
            for field, number in self.slot_numbers.items()
            if cleaned.get(field)
        }
        problems = services.plan_errors(self.rows, days, self.fiscal_year, timezone.localdate())
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            problems["end_time"] = "The meeting must end after it starts."
        for field, message in problems.items():
            if field not in self.errors:
                self.add_error(field, message)
        return cleaned

    def plan_values(self) -> dict:
        data = self.cleaned_data
        return {
            "days": {number: data[field] for field, number in self.slot_numbers.items()},
            "start_time": data["start_time"],
            "end_time": data["end_time"],
            "time_zone": data["time_zone"],
            "place": data["place"],
            "video_link": data["video_link"],
            "dial_in": data["dial_in"],
            "notes": data["notes"],
        }


class AttendanceForm(forms.Form):
    """Who attended: a choice per person on the list (and per person recorded who was not on
    it), first supposed from their answers; and one more person who came without being on the
    list, with the reason."""

    NOT_ATTENDED = [("", "Did not attend")]
    expected = forms.CharField(widget=forms.HiddenInput)
    other = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label="Someone not on the list who attended",
        empty_label="- Nobody else -",
    )
    other_mode = forms.ChoiceField(
        label="How they attended", required=False, choices=[("", "- Select -")]
    )
    other_reason = forms.CharField(
        label="Why they attended",
        required=False,
        max_length=300,
        help_text="For the record, e.g. “presented the second agenda item”.",
    )

    def __init__(self, *args, invitees, recorded, others, expected: str, **kwargs):
        super().__init__(*args, **kwargs)
        modes = list(Attendance.Mode.choices)
        by_person = {row.person_id: row for row in recorded}
        on_list = {invitee.person_id for invitee in invitees}
        self.people = {}
        for invitee in invitees:
            field = f"mode_{invitee.person_id}"
            agency = f" ({invitee.agency.acronym})" if invitee.agency_id else ""
            self.fields[field] = forms.ChoiceField(
                label=f"{invitee.person}{agency}", required=False, choices=self.NOT_ATTENDED + modes
            )
            row = by_person.get(invitee.person_id)
            self.initial[field] = row.mode if row else MODE_FROM_ANSWER.get(invitee.response, "")
            self.people[field] = (invitee.person, "")
        for row in recorded:
            if row.person_id in on_list:
                continue
            field = f"mode_{row.person_id}"
            self.fields[field] = forms.ChoiceField(
                label=f"{row.person} (not on the list: {row.not_invited_reason})",
                required=False,
                choices=self.NOT_ATTENDED + modes,
            )
            self.initial[field] = row.mode
            self.people[field] = (row.person, row.not_invited_reason)
        self.fields["other"].queryset = others
        self.fields["other"].label_from_instance = person_label
        self.fields["other_mode"].choices = [("", "- Select -"), *modes]
        for name in ("other", "other_mode", "other_reason"):
            self.fields[name] = self.fields.pop(name)  # after the people
        self.initial["expected"] = expected
        self.helper = form_helper("Record attendance")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("other"):
            if not cleaned.get("other_mode"):
                self.add_error("other_mode", "Say how they attended.")
            if not (cleaned.get("other_reason") or "").strip():
                self.add_error("other_reason", "Say why they attended without being on the list.")
        return cleaned

    def present(self) -> list[services.Present]:
        present = [
            services.Present(person=person, mode=self.cleaned_data[field], reason=reason)
            for field, (person, reason) in self.people.items()
            if self.cleaned_data.get(field)
        ]
        if self.cleaned_data.get("other"):
            present.append(
                services.Present(
                    person=self.cleaned_data["other"],
                    mode=self.cleaned_data["other_mode"],
                    reason=self.cleaned_data["other_reason"],
                )
            )
        return present
