"""The Django admin's view of the audit log: readable by site administrators, never editable or
deletable, for explicit events and for django-auditlog's field history alike."""

from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin

from pitf.models import AuditEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "action", "actor_email", "target_label", "ip_address"]
    list_filter = ["action"]
    search_fields = ["action", "actor_email", "target_label", "path"]
    date_hierarchy = "created_at"
    list_select_related = ["actor"]
    readonly_fields = [field.name for field in AuditEvent._meta.fields]


class AuditFieldHistoryAdmin(ReadOnlyAdmin, LogEntryAdmin):
    """django-auditlog's own admin lets a cascade delete through; here nothing deletes."""


admin.site.unregister(LogEntry)
admin.site.register(LogEntry, AuditFieldHistoryAdmin)
