"""The Django admin for accounts: every change that acts on someone else goes through a service."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from core.admin import AuditTrailAdminMixin

from . import services
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
    """Roles at centers: added or removed (through the services, so it is logged), never edited."""

    model = CenterMembership
    extra = 0
    autocomplete_fields = ["center"]

    def has_change_permission(self, request, obj=None):
        return False


class CompanyMembershipInline(admin.TabularInline):
    model = CompanyMembership
    extra = 0
    autocomplete_fields = ["company", "user"]


@admin.register(User)
class UserAdmin(AuditTrailAdminMixin, BaseUserAdmin):
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

    def save_formset(self, request, form, formset, change):
        if formset.model is not CenterMembership:
            return super().save_formset(request, form, formset, change)
        new = formset.save(commit=False)  # fills formset.deleted_objects; saves nothing
        for membership in formset.deleted_objects:
            services.center_membership_remove(membership=membership, by=request.user)
        for membership in new:
            services.center_membership_add(
                center=membership.center, user=form.instance, role=membership.role, by=request.user
            )


@admin.register(Center)
class CenterAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "region", "industry", "is_active"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Company)
class CompanyAdmin(AuditTrailAdminMixin, admin.ModelAdmin):
    """Verification goes through ``company_set_status`` (logged, members emailed): the action
    below, or the staff page, which also rejects with a reason."""

    list_display = ["name", "brn_display", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "brn"]
    inlines = [CompanyMembershipInline]
    readonly_fields = ["status", "status_reason", "verified_at", "verified_by"]
    actions = ["verify"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"  # as on the company's own profile form
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.action(description=_("Verify the selected companies"))
    def verify(self, request, queryset):
        for company in queryset:
            try:
                with transaction.atomic():
                    services.company_set_status(
                        company=company, status=Company.Status.VERIFIED, by=request.user
                    )
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ["user", "document", "version", "granted_at", "withdrawn_at"]
    list_filter = ["document", "version"]
    search_fields = ["user__email"]
    readonly_fields = ["user", "document", "version", "granted_at", "withdrawn_at"]


@admin.register(Invitation)
class InvitationAdmin(AuditTrailAdminMixin, admin.ModelAdmin):
    """Invitations are sent from the staff page (which emails the link); here they are revoked."""

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
    readonly_fields = ["token_hash", "accepted_at", "accepted_by", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Revoke the selected invitations"))
    def revoke(self, request, queryset):
        for invitation in queryset:
            with transaction.atomic():
                services.invitation_revoke(invitation=invitation, by=request.user)


@admin.register(ApiToken)
class ApiTokenAdmin(AuditTrailAdminMixin, admin.ModelAdmin):
    """People create their own tokens in their settings; staff can only revoke one."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    search_fields = ["user__email", "name", "prefix"]
    readonly_fields = ["user", "token_hash", "prefix", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        for token in queryset:
            with transaction.atomic():
                services.api_token_revoke(token=token, by=request.user)
