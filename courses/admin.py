"""Django admin for courses.

Seat-changing edits belong on the staff pages, which go through the locking services;
here enrollments, attendance and completion are read-only. Certificates are issued by completion and revoked from
the staff page (which drops the skills they verified). Objects that staff act on show
their audit log.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import AuditTrailAdminMixin

from . import services
from .models import (
    Attendance,
    Certificate,
    CertificateSerialCounter,
    ClassMeeting,
    Completion,
    Course,
    CourseCategory,
    CourseRun,
    CourseSkill,
    Enrollment,
)

# --- catalog and enrollment -------------------------------------------------------------------


@admin.register(CourseCategory)
class CourseCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "sort_order"]


class CourseSkillInline(admin.TabularInline):
    model = CourseSkill
    extra = 1
    autocomplete_fields = ["skill"]


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "center", "category", "level", "total_hours", "fee", "is_published"]
    list_filter = ["center", "category", "level", "is_published"]
    search_fields = ["title", "title_en", "summary"]
    inlines = [CourseSkillInline]
    filter_horizontal = ["prerequisite_courses", "prerequisite_skills", "instructors"]
    list_select_related = ["center", "category"]


class ClassMeetingInline(admin.TabularInline):
    model = ClassMeeting
    extra = 0


@admin.register(CourseRun)
class CourseRunAdmin(AuditTrailAdminMixin, admin.ModelAdmin):
    list_display = ["course", "name", "starts_on", "ends_on", "capacity", "is_screened", "status"]
    list_filter = ["status", "is_screened", "course__center"]
    search_fields = ["course__title", "name"]
    date_hierarchy = "starts_on"
    inlines = [ClassMeetingInline]
    list_select_related = ["course"]

    def get_readonly_fields(self, request, obj=None):
        # Capacity changes must be checked against the seats taken under the run lock:
        # use the staff run page (or the API) for that.
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "capacity"] if obj is not None else fields


@admin.register(Enrollment)
class EnrollmentAdmin(AuditTrailAdminMixin, admin.ModelAdmin):
    list_display = ["user", "run", "status", "waitlist_position", "offer_expires_at", "created_at"]
    list_filter = ["status", "run__course__center"]
    search_fields = ["user__email", "user__name", "run__course__title"]
    list_select_related = ["user", "run__course"]
    readonly_fields = [
        "run",
        "user",
        "status",
        "waitlist_position",
        "offered_at",
        "offer_expires_at",
        "confirmed_at",
        "decided_at",
        "decided_by",
        "cancelled_at",
        "moved_to",
        "answers",
    ]

    def has_add_permission(self, request):
        return False


# --- attendance, completion and certificates ------------------------------------------------


class ReadOnlyRecordAdmin(AuditTrailAdminMixin, admin.ModelAdmin):
    """Attendance and completion change only through the staff pages, whose services keep
    the audit log (a corrected mark, a changed score); here they are shown, not edited."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyRecordAdmin):
    list_display = ["meeting", "enrollment", "status", "recorded_by", "recorded_at"]
    list_filter = ["status", "meeting__run__course__center"]
    search_fields = [
        "enrollment__user__name",
        "enrollment__user__email",
        "meeting__run__course__title",
    ]
    list_select_related = [
        "meeting__run__course",
        "enrollment__run__course",
        "enrollment__user",
        "recorded_by",
    ]


@admin.register(Completion)
class CompletionAdmin(ReadOnlyRecordAdmin):
    list_display = [
        "enrollment",
        "status",
        "attendance_rate",
        "hours_attended",
        "score",
        "evaluated_at",
    ]
    list_filter = ["status", "enrollment__run__course__center"]
    search_fields = ["enrollment__user__name", "enrollment__user__email"]
    list_select_related = ["enrollment__run__course", "enrollment__user"]


@admin.register(Certificate)
class CertificateAdmin(AuditTrailAdminMixin, admin.ModelAdmin):
    """Certificates are issued by completion and revoked from the staff page (which drops skills)."""

    list_display = [
        "serial",
        "holder_name",
        "course_title",
        "issued_at",
        "revoked_at",
        "pdf_generated_at",
    ]
    list_filter = ["run__course__center", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["serial", "holder_name", "user__email", "course_title", "code"]
    raw_id_fields = ["enrollment", "user", "run", "issued_by", "revoked_by"]
    readonly_fields = [
        "enrollment",
        "user",
        "run",
        "serial",
        "code",
        "issued_at",
        "issued_by",
        "revoked_at",
        "revoked_by",
        "revoked_reason",
        "pdf_link",
        "pdf_generated_at",
        "hours_attended",
        "attendance_rate",
    ]
    actions = ["regenerate_pdf"]

    @admin.display(description=_("PDF"))
    def pdf_link(self, obj):
        # The file is private (no storage URL): link the view that checks who asks.
        if not obj.pdf:
            return "–"
        url = reverse("courses:certificate_download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.serial)

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Generate the PDF again"))
    def regenerate_pdf(self, request, queryset):
        count = 0
        for certificate in queryset:
            try:
                services.certificate_regenerate(certificate=certificate)
            except ValidationError as exc:
                self.message_user(
                    request, f"{certificate.serial}: {' '.join(exc.messages)}", messages.WARNING
                )
            else:
                count += 1
        self.message_user(
            request, _("%(count)d certificates queued for generation.") % {"count": count}
        )


@admin.register(CertificateSerialCounter)
class CertificateSerialCounterAdmin(admin.ModelAdmin):
    list_display = ["prefix", "year", "last_number"]
    readonly_fields = ["prefix", "year", "last_number"]

    def has_add_permission(self, request) -> bool:
        return False
