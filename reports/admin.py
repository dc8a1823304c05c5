from django.contrib import admin

from .models import FollowUp, RateExclusion


@admin.register(RateExclusion)
class RateExclusionAdmin(admin.ModelAdmin):
    """Staff record here which completers the employment rate leaves out, and why."""

    list_display = ["enrollment", "reason", "created_at"]
    list_filter = ["reason"]
    raw_id_fields = ["enrollment"]
    readonly_fields = ["recorded_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    """The follow-up questions and answers: read-only, they come from the emails."""

    list_display = ["employment", "months", "due_on", "sent_at", "answered_at", "still_employed"]
    list_filter = ["months", "still_employed"]
    readonly_fields = [f.name for f in FollowUp._meta.fields]

    def has_add_permission(self, request):
        return False
