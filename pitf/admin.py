"""The Django admin, kept for emergencies: the product's own pages are the way to manage data."""

import json
import re

from allauth.account.decorators import secure_admin_login
from allauth.mfa import admin as allauth_mfa_admin
from allauth.mfa.models import Authenticator
from allauth.socialaccount import admin as allauth_socialaccount_admin
from allauth.socialaccount.models import SocialAccount
from django import forms
from django.contrib import admin
from django.contrib.admin.options import SOURCE_MODEL_VAR, IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import FieldDoesNotExist, SuspiciousOperation, ValidationError
from django.db import models

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


class MembershipInline(admin.StackedInline):
    """Stacked, not tabular: each field has its own label (a table's header names no input)."""

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
    list_select_related = ["agency", "body"]
    list_filter = ["body", "status", "start_date"]
    search_fields = ["agency__name", "agency__acronym", "body__name"]
    autocomplete_fields = ["agency"]
    date_hierarchy = "start_date"


@admin.register(Designation)
class DesignationAdmin(admin.ModelAdmin):
    list_display = ["person", "agency", "body", "role", "start_date", "end_date"]
    list_filter = ["body", "role", "agency"]
    list_select_related = ["person", "agency", "body"]
    search_fields = ["person__full_name", "person__email", "agency__acronym"]
    autocomplete_fields = ["person", "agency"]


@admin.register(BodyRole)
class BodyRoleAdmin(admin.ModelAdmin):
    list_display = ["person", "body", "role", "start_date", "end_date"]
    list_select_related = ["person", "body"]
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
    list_select_related = ["agency"]
    search_fields = ["full_name", "email"]
    autocomplete_fields = ["agency"]
    # A plain list with its label: Django's two-box chooser names its search boxes with
    # aria-label on a <span>, which ARIA does not allow.
    filter_horizontal = ()
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
    """Written by the workers themselves: shown, never added or edited by hand."""

    list_display = ["hostname", "instance", "last_seen"]
    readonly_fields = ["hostname", "instance", "last_seen"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MadeBySignIn:
    """Second factors and single sign-on accounts are made only by their sign-in flows, which
    check what they hold: the admin shows them and may delete one (a lost phone, a compromised
    account), never adds or edits one (an authenticator without its data, one moved onto a
    person who already has that kind, a social account whose data PostgreSQL refuses)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AuthenticatorAdmin(MadeBySignIn, allauth_mfa_admin.AuthenticatorAdmin):
    readonly_fields = ["user", "type", "data", "created_at", "last_used_at"]


class SocialAccountAdmin(MadeBySignIn, allauth_socialaccount_admin.SocialAccountAdmin):
    readonly_fields = ["user", "provider", "uid", "extra_data", "last_login", "date_joined"]


admin.site.unregister(Authenticator)
admin.site.register(Authenticator, AuthenticatorAdmin)
admin.site.unregister(SocialAccount)
admin.site.register(SocialAccount, SocialAccountAdmin)


# Hardening every admin page, the hub's and the installed packages' alike ---------------------
# Tampered or mistyped input must become a form error or a message, never a server error.


def _acceptable(field, value) -> bool:
    """Whether `value` could be a value of `field` (its type and its column's range)."""
    try:
        python_value = field.to_python(value)
        for validator in field.validators:
            validator(python_value)
    except (ValidationError, TypeError, ValueError, OverflowError):
        return False
    return True


class _SafeAutocomplete:
    """Django's autocomplete widget looks up the submitted ids to redraw an invalid form and
    fails on a non-number or a number beyond the column; such values are left out instead."""

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        target = remote.model._meta.get_field(
            getattr(remote, "field_name", None) or remote.model._meta.pk.name
        )
        value = [item for item in value if _acceptable(target, item)]
        return super().optgroups(name, value, attr)


class SafeAutocompleteSelect(_SafeAutocomplete, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_SafeAutocomplete, AutocompleteSelectMultiple):
    pass


class SafeChangeList(ChangeList):
    """A date drill-down with a year beyond what a date holds is a bad lookup (the list says
    so), not an OverflowError."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error


def _known_model(label: str) -> bool:
    """Whether `label` ("app_label.model_name") names an installed model."""
    from django.apps import apps

    try:
        apps.get_model(label)
    except (LookupError, ValueError):
        return False
    return True


class HardenedAdmin:
    """Mixed into every registered admin (and its inlines) by `harden_admin_site`."""

    # A filtered list says how many rows match, never "of N" as well: that second count reads
    # the whole table on every page (a million rows of the audit log at fifteen years).
    show_full_result_count = False
    # Twenty-five rows a page: the admin draws each cell through its display machinery (about
    # 0.1 ms a cell), and fifty rows of six columns kept its lists at 11-13 times the signed-in
    # floor at fifteen years (docs/performance.md); the hub's own pages are the long lists.
    list_per_page = 25

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # A related-object popup names the model it was opened from; Django reads it only after
        # saving, and an unknown one then fails. Refused before anything is saved.
        for source in (request.GET.get(SOURCE_MODEL_VAR), request.POST.get(SOURCE_MODEL_VAR)):
            if source and not _known_model(source):
                raise SuspiciousOperation(f"{SOURCE_MODEL_VAR} names no model: {source!r}")
        return super().changeform_view(request, object_id, form_url, extra_context)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_changelist(self, request, **kwargs):
        changelist = super().get_changelist(request, **kwargs)
        if changelist is ChangeList:
            return SafeChangeList
        return changelist

    def get_search_fields(self, request):
        """Only the search fields that exist on this project's models: a package's admin may
        name fields of Django's default user (first_name, username) that the hub's lacks."""
        return [name for name in super().get_search_fields(request) if self._searchable(name)]

    def _searchable(self, name: str) -> bool:
        model, field = self.model, None
        for part in name.lstrip("^=@").split("__"):
            if field is not None and not field.is_relation:
                return True  # a lookup such as "exact" after a field of the model
            try:
                field = model._meta.get_field(part)
            except FieldDoesNotExist:
                return False
            if field.is_relation and field.related_model is not None:
                model = field.related_model
        return True

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.JSONField):
            kwargs.setdefault("form_class", StrictJSONField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class StrictJSONField(forms.JSONField):
    """JSON as PostgreSQL accepts it: Python's reader takes NaN and Infinity, the database not."""

    def to_python(self, value):
        if isinstance(value, str):
            try:
                json.loads(value, parse_float=_finite_float)
            except OverflowError as error:
                raise ValidationError(
                    "Enter valid JSON: a number beyond what a double holds is not JSON that "
                    "PostgreSQL stores.",
                    code="invalid",
                ) from error
            except ValueError:
                pass  # Not JSON at all: Django's own message below.
        if isinstance(value, str) and re.search(r"\b(NaN|-?Infinity)\b", value):
            try:
                json.loads(value, parse_constant=_refuse_constant)
            except ValueError as error:
                raise ValidationError(
                    "Enter valid JSON: NaN and Infinity are not JSON.", code="invalid"
                ) from error
        return super().to_python(value)


def _finite_float(text: str) -> float:
    number = float(text)
    if number in (float("inf"), float("-inf")):
        raise OverflowError(text)
    return number


def _refuse_constant(name):
    raise ValueError(name)


def _hardened(cls):
    if issubclass(cls, HardenedAdmin):
        return cls
    return type(cls.__name__, (HardenedAdmin, cls), {"__module__": cls.__module__})


def harden_admin_site(site=admin.site) -> None:
    """Register every admin of `site` again with HardenedAdmin mixed in, its inlines too."""
    # No bulk deletion from a list: a record is deleted from its own page, after its
    # confirmation page lists what goes with it (and the list loses a form widget per row).
    if "delete_selected" in dict(site.actions):
        site.disable_action("delete_selected")
    for model, model_admin in list(site._registry.items()):
        cls = type(model_admin)
        if issubclass(cls, HardenedAdmin):
            continue
        hardened = _hardened(cls)
        hardened.inlines = [_hardened(inline) for inline in cls.inlines]
        site.unregister(model)
        site.register(model, hardened)
