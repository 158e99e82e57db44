"""The meetings' settings of each body in the Django admin: the days its invitees are reminded
before a meeting and the quorum its meetings need (the hub's pages do the rest)."""

from django.contrib import admin

from pitf.meetings.models import BodyMeetingSettings


@admin.register(BodyMeetingSettings)
class BodyMeetingSettingsAdmin(admin.ModelAdmin):
    list_display = ["body", "reminder_days", "quorum"]
    list_select_related = ["body"]
    autocomplete_fields = ["body"]
