from django.contrib import admin

from .models import (
    Application,
    ApplicationEvent,
    CompanyInvitation,
    ContactRequest,
    JobSeekerProfile,
    Posting,
    PostingSkill,
    ResumeAccess,
    SavedSearch,
)


class PostingSkillInline(admin.TabularInline):
    model = PostingSkill
    fields = ["skill", "kind", "min_level"]
    raw_id_fields = ["skill"]
    extra = 0


@admin.register(Posting)
class PostingAdmin(admin.ModelAdmin):
    list_display = ["title", "company", "status", "deadline", "published_at"]
    list_filter = ["status", "employment_type", "district"]
    search_fields = ["title", "company__name"]
    raw_id_fields = ["company", "created_by", "reviewed_by", "copied_from"]
    inlines = [PostingSkillInline]

    def save_related(self, request, form, formsets, change):
        """An edit here must reach matching too: the skill rows' copy and the stored feeds."""
        from .services import posting_sync_match_rows

        super().save_related(request, form, formsets, change)
        posting_sync_match_rows(form.instance)


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    # Résumé files are personal data: served only through the access-checked, logged views.
    list_display = ["posting", "applicant", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["posting", "applicant"]
    exclude = ["resume_file", "cover_letter"]


@admin.register(ApplicationEvent)
class ApplicationEventAdmin(admin.ModelAdmin):
    list_display = ["application", "from_status", "to_status", "actor", "created_at"]
    raw_id_fields = ["application", "actor"]


@admin.register(JobSeekerProfile)
class JobSeekerProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "headline", "discoverable", "updated_at"]
    raw_id_fields = ["user"]


admin.site.register(
    CompanyInvitation, list_display=["email", "company", "role", "created_at", "accepted_at"]
)
admin.site.register(ContactRequest, list_display=["company", "trainee", "status", "created_at"])
admin.site.register(ResumeAccess, list_display=["owner", "viewer", "company", "kind", "created_at"])
admin.site.register(SavedSearch, list_display=["user", "name", "created_at"])
