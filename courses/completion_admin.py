"""Django admin for attendance, completion and certificates (imported by ``courses/admin.py``)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .certificates import certificate_regenerate
from .models import Attendance, Certificate, CertificateSerialCounter, Completion


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["meeting", "enrollment", "status", "recorded_by", "recorded_at"]
    list_filter = ["status", "meeting__run__course__center"]
    search_fields = [
        "enrollment__user__name",
        "enrollment__user__email",
        "meeting__run__course__title",
    ]
    raw_id_fields = ["meeting", "enrollment", "recorded_by"]
    list_select_related = ["meeting__run__course", "enrollment", "recorded_by"]


@admin.register(Completion)
class CompletionAdmin(admin.ModelAdmin):
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
    raw_id_fields = ["enrollment"]
    readonly_fields = ["status", "attendance_rate", "hours_attended", "evaluated_at"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
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
        "pdf",
        "pdf_generated_at",
        "hours_attended",
        "attendance_rate",
    ]
    actions = ["regenerate_pdf"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Generate the PDF again"))
    def regenerate_pdf(self, request, queryset):
        count = 0
        for certificate in queryset:
            try:
                certificate_regenerate(certificate=certificate)
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
