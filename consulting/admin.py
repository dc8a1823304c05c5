"""Center staff manage consultation types (with intake questions) and holiday overrides here.

Changes to types and to a counselor's settings or dated exceptions go through the
services, which log them (``core.audit``); each page shows the object's audit log.
"""

from django.contrib import admin

from accounts.models import User
from core.admin import AuditTrailAdminMixin

from . import services
from .models import (
    AvailabilityException,
    Booking,
    ConsultationType,
    CounselorSettings,
    HolidayOverride,
    IntakeQuestion,
)


class IntakeQuestionInline(admin.TabularInline):
    model = IntakeQuestion
    extra = 1


@admin.register(ConsultationType)
class ConsultationTypeAdmin(AuditTrailAdminMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "center",
        "category",
        "duration_minutes",
        "mode",
        "requires_confirmation",
        "is_active",
    ]
    list_filter = ["center", "category", "mode", "requires_confirmation", "is_active"]
    search_fields = ["name", "name_en"]
    filter_horizontal = ["counselors"]
    inlines = [IntakeQuestionInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "center",
                    "category",
                    "name",
                    "name_en",
                    "description",
                    "description_en",
                    "is_active",
                    "audit_trail",
                ]
            },
        ),
        (
            "Meeting",
            {
                "fields": [
                    "duration_minutes",
                    "mode",
                    "location",
                    "requires_confirmation",
                    "counselors",
                ]
            },
        ),
        (
            "Scheduling",
            {
                "fields": [
                    "slot_step_minutes",
                    "buffer_before_minutes",
                    "buffer_after_minutes",
                    "min_notice_hours",
                    "horizon_days",
                ]
            },
        ),
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "counselors":
            kwargs["queryset"] = User.objects.filter(
                center_memberships__role="counselor"
            ).distinct()
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        services.consultation_type_save(type_=obj, by=request.user, changed=form.changed_data)


@admin.register(HolidayOverride)
class HolidayOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "center", "is_open", "note"]
    list_filter = ["center", "is_open"]


class _CounselorOwnedAdmin(AuditTrailAdminMixin, admin.ModelAdmin):
    """A row of one counselor's: it stays theirs (the counselor is fixed once saved)."""

    raw_id_fields = ["counselor"]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "counselor"] if obj is not None else fields


@admin.register(CounselorSettings)
class CounselorSettingsAdmin(_CounselorOwnedAdmin):
    list_display = ["counselor", "daily_cap"]
    search_fields = ["counselor__name", "counselor__email"]

    def has_delete_permission(self, request, obj=None):
        return False  # the row is also the counselor's booking lock

    def save_model(self, request, obj, form, change):
        services.availability_update(
            counselor=obj.counselor, by=request.user, daily_cap=obj.daily_cap, bio=obj.bio
        )
        obj.pk = CounselorSettings.objects.get(counselor=obj.counselor).pk


@admin.register(AvailabilityException)
class AvailabilityExceptionAdmin(_CounselorOwnedAdmin):
    list_display = ["counselor", "date", "kind", "start_time", "end_time"]
    list_filter = ["kind"]

    def save_model(self, request, obj, form, change):
        services.availability_update(counselor=obj.counselor, by=request.user, exceptions=[obj])

    def delete_model(self, request, obj):
        services.availability_update(
            counselor=obj.counselor, by=request.user, exceptions_removed=[obj]
        )

    def delete_queryset(self, request, queryset):
        for exception in queryset.select_related("counselor"):
            self.delete_model(request, exception)


@admin.register(Booking)
class BookingAdmin(AuditTrailAdminMixin, admin.ModelAdmin):
    """Read-mostly: bookings change through the site so the rules and emails apply."""

    list_display = ["pk", "start", "type", "counselor", "person", "status", "outcome"]
    list_filter = ["center", "status", "outcome", "type"]
    search_fields = ["person__name", "person__email", "counselor__name"]
    date_hierarchy = "start"
    readonly_fields = [f.name for f in Booking._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
