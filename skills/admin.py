"""Django admin for the skills taxonomy and people's skills.

A person's skills change through the services even here, so each change is logged
about the person and the apps that rank people by skills (jobs) hear of it.
"""

from django.contrib import admin

from core.admin import AuditTrailAdminMixin

from . import services
from .models import Skill, SkillCategory, TraineeSkill


@admin.register(SkillCategory)
class SkillCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "sort_order"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "category", "ncs_code", "ncs_level", "industry", "is_active"]
    list_filter = ["category", "industry", "is_active"]
    search_fields = ["name", "name_en", "ncs_code", "ncs_name"]
    list_select_related = ["category"]


@admin.register(TraineeSkill)
class TraineeSkillAdmin(AuditTrailAdminMixin, admin.ModelAdmin):
    list_display = ["user", "skill", "level", "source", "evidence_label", "updated_at"]
    list_filter = ["source", "skill__category"]
    search_fields = ["user__email", "user__name", "skill__name"]
    raw_id_fields = ["user", "skill"]
    list_select_related = ["user", "skill"]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "user"] if obj is not None else fields  # a skill stays its holder's

    def save_model(self, request, obj, form, change):
        services.trainee_skill_correct(
            trainee_skill=obj, by=request.user, changed=form.changed_data
        )

    def delete_model(self, request, obj):
        services.trainee_skill_remove(trainee_skill=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for row in queryset.select_related("skill"):
            self.delete_model(request, row)
