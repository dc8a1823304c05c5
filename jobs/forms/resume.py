"""Forms of the résumé editor: one per section, the photo, the address and introduction.

Long text is counted, never cut: the project's form renderer (``core.forms.FormRenderer``) turns
a textarea's limit into a live counter, and the server refuses what is over it.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import EducationEntry, JobSeekerProfile, LanguageSkill, License, WorkExperience


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ResumeRowForm(forms.ModelForm):
    """What the section forms share: a prefix per section, date pickers."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", self.section)
        super().__init__(*args, **kwargs)


class EducationForm(ResumeRowForm):
    section = "education"

    class Meta:
        model = EducationEntry
        fields = ["school", "major", "degree", "status", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}
        help_texts = {"end_date": _("For 재학, 휴학 or 졸업예정, the expected date (or empty).")}


class WorkExperienceForm(ResumeRowForm):
    section = "work"

    class Meta:
        model = WorkExperience
        fields = ["company", "title", "start_date", "end_date", "duties"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "duties": forms.Textarea(attrs={"rows": 3}),
        }


class LicenseForm(ResumeRowForm):
    section = "licenses"

    class Meta:
        model = License
        fields = ["name", "issuer", "acquired_on", "number"]
        widgets = {"acquired_on": DateInput()}


class LanguageSkillForm(ResumeRowForm):
    section = "languages"

    class Meta:
        model = LanguageSkill
        fields = ["language", "level", "test_name", "score", "taken_on"]
        widgets = {"taken_on": DateInput()}


SECTION_FORMS: dict[str, type[ResumeRowForm]] = {
    form.section: form
    for form in (EducationForm, WorkExperienceForm, LicenseForm, LanguageSkillForm)
}


class ResumeBasicsForm(forms.ModelForm):
    """The address and the introduction (자기소개)."""

    class Meta:
        model = JobSeekerProfile
        fields = ["address", "introduction"]
        widgets = {
            "address": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "introduction": forms.Textarea(attrs={"rows": 8}),
        }


class ResumePhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG or WebP, at most 5 MB. It is stored re-encoded, without metadata."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
