"""The Django admin's view of the audit log: readable by site administrators, never editable or
deletable, for explicit events and for django-auditlog's field history alike. Usable at a
million entries: no drill-down by date (a DISTINCT over every entry), filters whose choices come
from small tables, and an unfiltered list that counts by the planner's estimate."""

from auditlog.admin import LogEntryAdmin
from auditlog.filters import CIDFilter
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import connection
from django.utils.functional import cached_property

from pitf.models import AuditEvent
from pitf.people.selectors.audit_names import audit_actions, target_type_name

# Below this many rows (by the planner's estimate) the unfiltered list is counted exactly.
ESTIMATED_FROM = 50_000


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EstimatingPaginator(Paginator):
    """Pages of a log too large to count on every page: unfiltered, its size is PostgreSQL's
    estimate (pg_class.reltuples, kept by autovacuum) once that passes ESTIMATED_FROM; a
    filtered list is counted exactly."""

    @cached_property
    def count(self):
        query = getattr(self.object_list, "query", None)
        if query is not None and not query.where and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                    [query.model._meta.db_table],
                )
                row = cursor.fetchone()
            if row and row[0] >= ESTIMATED_FROM:
                return row[0]
        return super().count


class EventActionFilter(admin.SimpleListFilter):
    """The explicit actions recorded so far, read by hopping along the index on action."""

    title = "action"
    parameter_name = "action"

    def lookups(self, request, model_admin):
        return [(action, action) for action in audit_actions()]

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


class AuditedTypeFilter(admin.SimpleListFilter):
    """The kinds of thing the hub records the field history of (the audit registry), instead
    of django-auditlog's DISTINCT over every entry."""

    title = "kind of thing"
    parameter_name = "resource_type"

    def lookups(self, request, model_admin):
        kinds = ContentType.objects.get_for_models(*auditlog.get_models())
        named = [
            (kind.pk, target_type_name(f"{kind.app_label}.{kind.model}", model))
            for model, kind in kinds.items()
        ]
        return sorted(named, key=lambda choice: choice[1])

    def queryset(self, request, queryset):
        return queryset.filter(content_type_id=self.value()) if self.value() else queryset


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "action", "actor_email", "target_label", "ip_address"]
    list_filter = [EventActionFilter]
    search_fields = ["action", "actor_email", "target_label", "path"]
    list_select_related = ["actor"]
    paginator = EstimatingPaginator
    readonly_fields = [field.name for field in AuditEvent._meta.fields]


class AuditFieldHistoryAdmin(ReadOnlyAdmin, LogEntryAdmin):
    """django-auditlog's own admin lets a cascade delete through; here nothing deletes."""

    date_hierarchy = None
    list_filter = ["action", AuditedTypeFilter, CIDFilter]
    paginator = EstimatingPaginator


admin.site.unregister(LogEntry)
admin.site.register(LogEntry, AuditFieldHistoryAdmin)
