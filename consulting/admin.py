"""Center staff manage consultation types (with intake questions) and holiday overrides here."""

from django.contrib import admin

from .models import (
    AvailabilityException,
    Booking,
    ConsultationType,
    CounselorSettings,
    HolidayOverride,
    IntakeQuestion,
    WeeklyAvailability,
)


class IntakeQuestionInline(admin.TabularInline):
    model = IntakeQuestion
    extra = 1


@admin.register(ConsultationType)
class ConsultationTypeAdmin(admin.ModelAdmin):
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
            from accounts.models import User

            kwargs["queryset"] = User.objects.filter(
                center_memberships__role="counselor"
            ).distinct()
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(HolidayOverride)
class HolidayOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "center", "is_open", "note"]
    list_filter = ["center", "is_open"]


class WeeklyAvailabilityInline(admin.TabularInline):
    model = WeeklyAvailability
    fk_name = "counselor"
    extra = 0


@admin.register(CounselorSettings)
class CounselorSettingsAdmin(admin.ModelAdmin):
    list_display = ["counselor", "daily_cap"]
    search_fields = ["counselor__name", "counselor__email"]
    raw_id_fields = ["counselor"]


@admin.register(AvailabilityException)
class AvailabilityExceptionAdmin(admin.ModelAdmin):
    list_display = ["counselor", "date", "kind", "start_time", "end_time"]
    list_filter = ["kind"]
    raw_id_fields = ["counselor"]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
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
