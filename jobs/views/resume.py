"""The trainee's résumé editor (photo, 인적사항, 학력, 경력, 자격증, 어학, 자기소개), its previews,
and the résumé photo for those who may see it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.permissions import trainee_required

from .. import selectors, services
from ..forms.resume import SECTION_FORMS, ResumeBasicsForm, ResumePhotoForm
from ..resume import build_resume_context, resume_pdf_response
from ._common import form_errors

SECTION_TITLES = {
    "education": pgettext_lazy("résumé", "Education"),
    "work": pgettext_lazy("résumé", "Work experience"),
    "licenses": pgettext_lazy("résumé", "Licences and qualifications"),
    "languages": pgettext_lazy("résumé", "Languages"),
}


def _section_form(section: str):
    form = SECTION_FORMS.get(section)
    if form is None:
        raise Http404
    return form


def _editor(request, *, status: int = 200, bound: dict | None = None):
    """The editor page; a write that failed passes its bound form under its key."""
    bound = bound or {}
    profile = services.profile_for(request.user)
    context = build_resume_context(request.user, show_contact=True)
    sections = [
        {
            "key": key,
            "title": SECTION_TITLES[key],
            "rows": context[key],
            "form": bound.get(key) or form_class(),
        }
        for key, form_class in SECTION_FORMS.items()
    ]
    return render(
        request,
        "jobs/resume/edit.html",
        {
            **context,
            "profile": profile,
            "sections": sections,
            "basics_form": bound.get("basics") or ResumeBasicsForm(instance=profile),
            "photo_form": bound.get("photo") or ResumePhotoForm(),
        },
        status=status,
    )


@trainee_required
def my_resume(request):
    return _editor(request)


@trainee_required
@require_POST
def my_resume_basics(request):
    profile = services.profile_for(request.user)
    form = ResumeBasicsForm(request.POST, instance=profile)
    if form.is_valid():
        try:
            services.resume_basics_update(user=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, pgettext("résumé", "Saved."))
            return redirect("jobs:my_resume")
    return _editor(request, status=400, bound={"basics": form})


@trainee_required
@require_POST
def my_resume_photo(request):
    form = ResumePhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.profile_photo_set(user=request.user, upload=form.cleaned_data["photo"])
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Your photo was saved."))
            return redirect("jobs:my_resume")
    return _editor(request, status=400, bound={"photo": form})


@trainee_required
@require_POST
def my_resume_photo_delete(request):
    services.profile_photo_remove(user=request.user)
    messages.success(request, _("Your photo was removed."))
    return redirect("jobs:my_resume")


@trainee_required
@require_POST
def my_resume_row_add(request, section: str):
    form_class = _section_form(section)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            services.resume_row_save(user=request.user, section=section, data=form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, pgettext("résumé row", "Added."))
            return redirect(reverse("jobs:my_resume") + f"#{section}")
    return _editor(request, status=400, bound={section: form})


@trainee_required
def my_resume_row_edit(request, section: str, pk: int):
    form_class = _section_form(section)
    row = selectors.get_resume_row_for_owner(request.user, section, pk)
    form = form_class(request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        try:
            services.resume_row_save(
                user=request.user, section=section, data=form.cleaned_data, row=row
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, pgettext("résumé", "Saved."))
            return redirect("jobs:my_resume")
    return render(
        request,
        "jobs/resume/row_edit.html",
        {"form": form, "row": row, "section": section, "title": SECTION_TITLES[section]},
        status=400 if request.method == "POST" else 200,
    )


@trainee_required
@require_POST
def my_resume_row_delete(request, section: str, pk: int):
    _section_form(section)
    row = selectors.get_resume_row_for_owner(request.user, section, pk)
    services.resume_row_delete(row=row)
    messages.success(request, pgettext("résumé row", "Removed."))
    return redirect("jobs:my_resume")


@trainee_required
def my_resume_preview(request):
    """The résumé as an employer with access sees it, before applying."""
    context = build_resume_context(request.user, show_contact=True)
    posting = request.GET.get("posting", "")
    context["back_posting"] = int(posting) if posting.isdigit() and len(posting) < 10 else None
    return render(request, "jobs/resume/preview.html", context)


@trainee_required
@never_cache
def my_resume_pdf(request):
    return resume_pdf_response(request.user, show_contact=True, inline="preview" in request.GET)


@login_required
@never_cache
def resume_photo(request, user_id: int):
    """A résumé photo, for its owner and whoever may see their contact details."""
    profile = selectors.get_profile_photo_for_viewer(request.user, user_id)
    response = FileResponse(profile.photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
