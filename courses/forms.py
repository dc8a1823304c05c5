"""Forms for the catalog filters, applications and the staff pages. No business rules here."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Center
from core.http import parse_id
from skills.models import Skill, SkillLevel

from .models import Course, CourseCategory, CourseRun


class CatalogFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    center = forms.ChoiceField(label=_("Center"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("All levels")), *Course.Level.choices]
    )
    month = forms.CharField(
        label=_("Starting month"),
        required=False,
        max_length=7,
        widget=forms.DateInput(attrs={"type": "month"}),
        help_text=_("Runs starting in this month."),
    )
    has_seats = forms.BooleanField(label=_("Seats available now"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["center"].choices = [("", _("All centers"))] + [
            (c.slug, c.display_name) for c in Center.objects.filter(is_active=True).order_by("name")
        ]
        self.fields["category"].choices = [("", _("All categories"))] + [
            (c.slug, c.display_name) for c in CourseCategory.objects.all()
        ]

    def clean_month(self) -> str:
        value = self.cleaned_data.get("month", "").strip()
        # ASCII digits only: "²" is a digit to str.isdigit() but not to int().
        if value and (
            not re.fullmatch(r"[0-9]{4}-[0-9]{1,2}", value) or not 1 <= int(value[5:]) <= 12
        ):
            raise forms.ValidationError(_("Enter a month as YYYY-MM."))
        return value


class ApplicationForm(forms.Form):
    """One text field per application question of a screened run."""

    def __init__(self, *args, run: CourseRun, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = run.questions
        for index, question in enumerate(self.questions):
            self.fields[f"q{index}"] = forms.CharField(
                label=question, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
            )

    def answers(self) -> dict[str, str]:
        return {q: self.cleaned_data.get(f"q{i}", "") for i, q in enumerate(self.questions)}


class CourseForm(forms.ModelForm):
    skills_taught = forms.ModelMultipleChoiceField(
        label=_("Skills taught"),
        required=False,
        queryset=Skill.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Completers get these skills verified."),
    )
    skill_level = forms.TypedChoiceField(
        label=_("Level reached in newly added skills"),
        choices=SkillLevel.choices,
        coerce=int,
        initial=2,
    )

    class Meta:
        model = Course
        fields = [
            "center",
            "category",
            "title",
            "title_en",
            "summary",
            "summary_en",
            "description",
            "level",
            "total_hours",
            "fee",
            "subsidy_note",
            "prerequisite_note",
            "completion_min_attendance",
            "pass_mark",
            "image",
            "image_alt",
            "is_published",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, centers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["center"].queryset = centers
        self.fields["center"].empty_label = None
        self.fields["total_hours"].required = True
        industries = set(centers.values_list("industry", flat=True))
        self.fields["skills_taught"].queryset = Skill.objects.filter(
            is_active=True, industry__in=industries | {""}
        ).select_related("category")
        if self.instance.pk:
            self.fields["center"].disabled = True
            self.fields["skills_taught"].initial = list(
                self.instance.skills.values_list("pk", flat=True)
            )


class RunForm(forms.ModelForm):
    online_url = forms.URLField(label=_("online class link"), required=False, assume_scheme="https")

    class Meta:
        model = CourseRun
        fields = [
            "name",
            "starts_on",
            "ends_on",
            "capacity",
            "place",
            "online_url",
            "enrollment_opens_at",
            "enrollment_closes_at",
            "waitlist_enabled",
            "is_screened",
            "application_questions",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "enrollment_opens_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "enrollment_closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "application_questions": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("enrollment_opens_at", "enrollment_closes_at"):
            self.fields[name].required = False
            self.fields[name].input_formats = [
                "%Y-%m-%dT%H:%M",
                "%Y-%m-%d %H:%M",
                "%Y-%m-%d %H:%M:%S",
            ]
        self.fields["enrollment_opens_at"].help_text = _("Leave blank to open enrollment now.")
        self.fields["enrollment_closes_at"].help_text = _(
            "Leave blank to close it when the run starts."
        )


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, max_value=10000)


class MoveForm(forms.Form):
    to_run = forms.ModelChoiceField(
        label=pgettext_lazy("to another course run", "Move to"), queryset=CourseRun.objects.none()
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_run"].queryset = targets
        self.fields["to_run"].label_from_instance = lambda r: f"{r.course.title} · {r.display_name}"


class RejectForm(forms.Form):
    note = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _keyed_values(data, prefix: str) -> dict[int, str]:
    """``<prefix>-<id>`` fields of a POST, as id → value; a key whose id is not a number is an error."""
    values: dict[int, str] = {}
    for key, value in data.items():
        if not key.startswith(f"{prefix}-"):
            continue
        ident = parse_id(key.removeprefix(f"{prefix}-"))
        if ident is None:
            raise forms.ValidationError(
                _("The form was changed in a way we cannot read. Reload the page.")
            )
        values[ident] = value
    return values


class AttendanceSheetForm(forms.Form):
    """A meeting's attendance sheet: ``status-<enrollment id>`` and ``note-<enrollment id>`` per row.

    Which marks are allowed, and for whom, is the service's to decide.
    """

    rest_present = forms.BooleanField(required=False)

    def clean(self):
        cleaned = super().clean()
        cleaned["marks"] = {k: v for k, v in _keyed_values(self.data, "status").items() if v}
        cleaned["notes"] = _keyed_values(self.data, "note")
        return cleaned


class ScoresForm(forms.Form):
    """Assessment scores of a run: ``score-<enrollment id>``, a whole number or blank."""

    def clean(self):
        cleaned = super().clean()
        scores: dict[int, int | None] = {}
        for enrollment_id, value in _keyed_values(self.data, "score").items():
            value = value.strip()
            try:
                scores[enrollment_id] = int(value) if value else None
            except ValueError:
                raise forms.ValidationError(_("A score is a whole number from 0 to 100.")) from None
        cleaned["scores"] = scores
        return cleaned


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False)
