"""The Django admin, kept for emergencies: the product's own pages are the way to manage data."""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from pitf.models import (
    Agency,
    Body,
    BodyRole,
    Designation,
    Membership,
    Notification,
    User,
    WorkerHeartbeat,
)

admin.site.site_header = "PITF coordination hub: emergency administration"
admin.site.site_title = "PITF hub admin"
# The admin signs in through the hub's own login (password, second factor, rate limits).
admin.site.login = secure_admin_login(admin.site.login)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["agency"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "parent", "active", "website"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "acronym"]
    autocomplete_fields = ["parent"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "parent", "cadence", "established", "sunset"]
    list_filter = ["kind", "cadence"]
    search_fields = ["name", "short_name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["agency", "body", "status", "start_date", "end_date"]
    list_filter = ["body", "status", "start_date"]
    search_fields = ["agency__name", "agency__acronym", "body__name"]
    autocomplete_fields = ["agency"]
    date_hierarchy = "start_date"


@admin.register(Designation)
class DesignationAdmin(admin.ModelAdmin):
    list_display = ["person", "agency", "body", "role", "start_date", "end_date"]
    list_filter = ["body", "role", "agency"]
    search_fields = ["person__full_name", "person__email", "agency__acronym"]
    autocomplete_fields = ["person", "agency"]


@admin.register(BodyRole)
class BodyRoleAdmin(admin.ModelAdmin):
    list_display = ["person", "body", "role", "start_date", "end_date"]
    list_filter = ["body", "role"]
    search_fields = ["person__full_name", "person__email"]
    autocomplete_fields = ["person"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["kind", "recipient", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["recipient", "subject"]
    readonly_fields = [f.name for f in Notification._meta.fields]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["full_name"]
    list_display = ["full_name", "email", "agency", "is_active", "is_superuser", "last_login"]
    list_filter = ["is_active", "is_superuser", "agency"]
    search_fields = ["full_name", "email"]
    autocomplete_fields = ["agency"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["full_name", "job_title", "agency"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["email", "full_name", "agency", "password1", "password2"]}),
    ]


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["hostname", "last_seen"]
    readonly_fields = ["hostname", "last_seen"]
