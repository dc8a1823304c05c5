"""Django admin for the skills taxonomy and people's skills."""

from django.contrib import admin

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
class TraineeSkillAdmin(admin.ModelAdmin):
    list_display = ["user", "skill", "level", "source", "evidence_label", "updated_at"]
    list_filter = ["source", "skill__category"]
    search_fields = ["user__email", "user__name", "skill__name"]
    raw_id_fields = ["user", "skill"]
    list_select_related = ["user", "skill"]
