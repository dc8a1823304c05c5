from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import (
    ApiToken,
    Center,
    CenterMembership,
    Company,
    CompanyMembership,
    Consent,
    Invitation,
    User,
)


class CenterMembershipInline(admin.TabularInline):
    model = CenterMembership
    extra = 0
    autocomplete_fields = ["center"]


class CompanyMembershipInline(admin.TabularInline):
    model = CompanyMembership
    extra = 0
    autocomplete_fields = ["company", "user"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["-date_joined"]
    list_display = ["email", "name", "phone", "is_trainee", "is_active", "date_joined"]
    list_filter = ["is_trainee", "is_active", "is_staff", "language"]
    search_fields = ["email", "name", "phone"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("name", "phone", "language", "is_trainee")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined", "anonymized_at")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "name", "password1", "password2")}),
    )
    inlines = [CenterMembershipInline]
    readonly_fields = ["anonymized_at", "last_login", "date_joined"]


@admin.register(Center)
class CenterAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "region", "industry", "is_active"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "brn_display", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "brn"]
    inlines = [CompanyMembershipInline]
    readonly_fields = ["verified_at", "verified_by"]


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ["user", "document", "version", "granted_at", "withdrawn_at"]
    list_filter = ["document", "version"]
    search_fields = ["user__email"]
    readonly_fields = ["user", "document", "version", "granted_at", "withdrawn_at"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "center",
        "role",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = ["role", "center"]
    search_fields = ["email"]
    readonly_fields = ["token_hash", "accepted_at", "accepted_by"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    search_fields = ["user__email", "name", "prefix"]
    readonly_fields = ["token_hash", "prefix", "last_used_at"]
