"""The jobs admin. Status changes go through the services (approve, return, close), which check
the rules and leave an audit trail; the status itself is read-only here."""

from collections.abc import Callable

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.admin import CenterScopedAdminMixin
from core.admin import AuditTrailAdminMixin

from . import services
from .forms import ReturnForm
from .models import (
    Application,
    ApplicationEvent,
    CompanyInvitation,
    ContactRequest,
    Employment,
    Interview,
    InterviewSlot,
    JobSeekerProfile,
    Offer,
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


def _apply_to_each(request, postings, act: Callable[[Posting], object], done: str) -> None:
    """Run one service per posting; report how many succeeded and why the others did not."""
    succeeded = 0
    for posting in postings:
        try:
            act(posting)
        except ValidationError as exc:
            messages.error(request, f"{posting}: {' '.join(exc.messages)}")
        else:
            succeeded += 1
    if succeeded:
        messages.success(request, f"{done} ({succeeded})")


@admin.register(Posting)
class PostingAdmin(CenterScopedAdminMixin, AuditTrailAdminMixin, admin.ModelAdmin):
    list_display = ["title", "company", "center", "status", "deadline", "published_at"]
    list_filter = ["status", "center", "employment_type", "district"]
    search_fields = ["title", "company__name"]
    raw_id_fields = ["company", "created_by", "copied_from"]
    readonly_fields = [
        "status",
        "submitted_at",
        "published_at",
        "closed_at",
        "reviewed_by",
        "review_note",
    ]
    inlines = [PostingSkillInline]
    actions = ["approve", "return_to_company", "close"]

    def center_filter(self, center_ids):
        return Q(center_id__in=center_ids)

    def save_related(self, request, form, formsets, change):
        """An edit here must reach matching too: the skill rows' copy and the stored feeds."""
        super().save_related(request, form, formsets, change)
        services.posting_sync_match_rows(form.instance)

    @admin.action(description=_("Approve and publish"))
    def approve(self, request, queryset):
        _apply_to_each(
            request,
            queryset,
            lambda posting: services.posting_approve(posting=posting, by=request.user),
            _("The posting is published."),
        )

    @admin.action(description=_("Return to the company"))
    def return_to_company(self, request, queryset):
        """Asks for the reason on a page of its own, then returns each posting with it."""
        form = ReturnForm(request.POST if "reason" in request.POST else None)
        if form.is_bound and form.is_valid():
            reason = form.cleaned_data["reason"]
            _apply_to_each(
                request,
                queryset,
                lambda posting: services.posting_return(
                    posting=posting, by=request.user, reason=reason
                ),
                _("The posting was returned to the company."),
            )
            return None
        return TemplateResponse(
            request,
            "admin/jobs/posting/return.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Return to the company"),
                "opts": self.model._meta,
                "postings": queryset,
                "form": form,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description=_("Close the posting"))
    def close(self, request, queryset):
        _apply_to_each(
            request,
            queryset,
            lambda posting: services.posting_close(posting=posting, by=request.user),
            _("The posting is closed."),
        )


@admin.register(Application)
class ApplicationAdmin(CenterScopedAdminMixin, AuditTrailAdminMixin, admin.ModelAdmin):
    # Résumé files are personal data: served only through the access-checked, logged views.
    # The status moves only through the employer's pipeline (services.application_set_status);
    # 취업 only through an accepted offer or a hire staff record with a reason.
    list_display = ["posting", "applicant", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["posting", "applicant"]
    readonly_fields = ["status"]
    exclude = ["resume_file", "cover_letter"]

    def center_filter(self, center_ids):
        return Q(posting__center_id__in=center_ids)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by the services (who did what, when): shown, never added or edited here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ApplicationEvent)
class ApplicationEventAdmin(ReadOnlyAdmin):
    # The timeline is what both sides saw happen; a step added here would be a fiction
    # (a "hired" step without an accepted offer).
    list_display = ["application", "kind", "from_status", "to_status", "actor", "created_at"]
    list_filter = ["kind"]


class InterviewSlotInline(admin.TabularInline):
    model = InterviewSlot
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Interview)
class InterviewAdmin(AuditTrailAdminMixin, ReadOnlyAdmin):
    # Proposals, picks and changes go through the services (the no-overlap lock, the emails).
    list_display = ["application", "status", "mode", "start", "interviewer", "created_at"]
    list_filter = ["status", "mode"]
    inlines = [InterviewSlotInline]


@admin.register(Offer)
class OfferAdmin(AuditTrailAdminMixin, ReadOnlyAdmin):
    # Only the candidate accepts; a hire without one is recorded by staff with a reason
    # (jobs:staff_application_hire), never by editing here.
    list_display = ["application", "position", "status", "expires_at", "created_at"]
    list_filter = ["status"]


@admin.register(Employment)
class EmploymentAdmin(ReadOnlyAdmin):
    list_display = ["person", "company_name", "position", "start_date", "source", "salary_band"]
    list_filter = ["source", "employment_type", "salary_band"]
    search_fields = ["company_name", "position"]


@admin.register(JobSeekerProfile)
class JobSeekerProfileAdmin(admin.ModelAdmin):
    # Being discoverable is the person's "employer_discovery" consent (accounts), not a field here.
    list_display = ["user", "headline", "updated_at"]
    raw_id_fields = ["user"]
    # A photo is stored only re-encoded by services.profile_photo_set (core.images).
    readonly_fields = ["photo_link"]
    exclude = ["photo"]

    @admin.display(description=_("photo"))
    def photo_link(self, obj):
        # The file is private (no storage URL): link the view that checks who asks.
        if not obj.photo:
            return "–"
        url = reverse("jobs:resume_photo", args=[obj.user_id])
        return format_html('<a href="{}">{}</a>', url, _("photo"))


@admin.register(ContactRequest)
class ContactRequestAdmin(CenterScopedAdminMixin, AuditTrailAdminMixin, admin.ModelAdmin):
    # Only the trainee answers a request (services.contact_request_decide).
    list_display = ["company", "trainee", "status", "created_at"]
    readonly_fields = ["status", "decided_at"]

    def center_filter(self, center_ids):
        return Q(company__registrations__center_id__in=center_ids)


admin.site.register(
    CompanyInvitation, list_display=["email", "company", "role", "created_at", "accepted_at"]
)
admin.site.register(ResumeAccess, list_display=["owner", "viewer", "company", "kind", "created_at"])
admin.site.register(SavedSearch, list_display=["user", "name", "created_at"])
