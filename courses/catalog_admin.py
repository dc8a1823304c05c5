"""Django admin for the catalog and enrollments (imported by ``courses/admin.py``).

Seat-changing edits belong on the staff pages, which go through the locking services;
here enrollments are read-only apart from notes.
"""

from __future__ import annotations

from django.contrib import admin

from .models import ClassMeeting, Course, CourseCategory, CourseRun, CourseSkill, Enrollment


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
class CourseRunAdmin(admin.ModelAdmin):
    list_display = ["course", "name", "starts_on", "ends_on", "capacity", "is_screened", "status"]
    list_filter = ["status", "is_screened", "course__center"]
    search_fields = ["course__title", "name"]
    date_hierarchy = "starts_on"
    inlines = [ClassMeetingInline]
    list_select_related = ["course"]

    def get_readonly_fields(self, request, obj=None):
        # Capacity changes must be checked against the seats taken under the run lock:
        # use the staff run page (or the API) for that.
        return ["capacity"] if obj is not None else []


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
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
