"""A trainee's own skills: verified ones from completed courses, and the ones they declare."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.permissions import trainee_required

from . import selectors, services
from .forms import DeclareSkillForm
from .models import Skill


@trainee_required
def my_skills(request):
    form = DeclareSkillForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.trainee_skill_declare(
                user=request.user,
                skill=form.cleaned_data["skill"],
                level=form.cleaned_data["level"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your skill was saved."))
            return redirect("skills:mine")
    held = selectors.skills_for_trainee(request.user)
    return render(
        request,
        "skills/my_skills.html",
        {
            "form": form,
            "verified": [h for h in held if h.is_verified],
            "declared": [h for h in held if not h.is_verified],
        },
    )


@trainee_required
@require_POST
def my_skill_remove(request, skill_id: int):
    skill = get_object_or_404(Skill, pk=skill_id)
    services.trainee_skill_withdraw(user=request.user, skill=skill)
    messages.success(request, _("The skill was removed from your declared skills."))
    return redirect("skills:mine")
