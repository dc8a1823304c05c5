"""Forms for a trainee's own skills."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Skill, SkillLevel


class SkillChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Skill) -> str:
        return f"{obj.category.display_name} · {obj.display_name}"


class DeclareSkillForm(forms.Form):
    skill = SkillChoiceField(
        label=_("Skill"),
        queryset=Skill.objects.filter(is_active=True)
        .select_related("category")
        .order_by("category__sort_order", "name"),
    )
    level = forms.TypedChoiceField(
        label=_("Your level"),
        choices=SkillLevel.choices,
        coerce=int,
        initial=SkillLevel.GUIDED,
        help_text=_("Rate yourself honestly: employers see that this level is self-declared."),
    )
