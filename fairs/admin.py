"""Admin pages of the fairs, with each object's audit trail."""

from django.contrib import admin

from core.admin import AuditTrailAdminMixin

from .models import Booth, Conversation, Draw, Fair, Interview, InterviewSlot, Registration


class BoothInline(admin.TabularInline):
    model = Booth
    fields = ["company", "status"]
    extra = 0
    show_change_link = True


@admin.register(Fair)
class FairAdmin(AuditTrailAdminMixin, admin.ModelAdmin):
    list_display = ["title", "center", "starts_on", "status", "release"]
    list_filter = ["status", "center", "release"]
    search_fields = ["title", "title_en"]
    inlines = [BoothInline]


@admin.register(Booth)
class BoothAdmin(AuditTrailAdminMixin, admin.ModelAdmin):
    list_display = ["company", "fair", "status"]
    list_filter = ["status", "fair"]
    raw_id_fields = ["company", "postings"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["attendee", "fair", "created_at", "consent_to_apply"]
    list_filter = ["fair"]
    raw_id_fields = ["attendee"]


@admin.register(InterviewSlot)
class InterviewSlotAdmin(admin.ModelAdmin):
    list_display = ["booth", "representative", "start", "end"]
    raw_id_fields = ["representative"]


@admin.register(Interview)
class InterviewAdmin(AuditTrailAdminMixin, admin.ModelAdmin):
    list_display = ["attendee", "booth", "start", "status", "source"]
    list_filter = ["status", "source"]
    raw_id_fields = ["attendee", "slot", "registration"]


@admin.register(Conversation)
class ConversationAdmin(AuditTrailAdminMixin, admin.ModelAdmin):
    list_display = ["attendee", "booth", "representative", "started_at", "status", "next_step"]
    list_filter = ["status", "next_step"]
    raw_id_fields = ["attendee", "representative", "queue_entry", "posting", "application"]


@admin.register(Draw)
class DrawAdmin(AuditTrailAdminMixin, admin.ModelAdmin):
    list_display = ["fair", "seed", "ran_at", "ran_by"]
    readonly_fields = ["fair", "seed", "ran_at", "ran_by", "result"]

    # A draw is run by its service (fairs:staff_draw), once; its record is never written here.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
