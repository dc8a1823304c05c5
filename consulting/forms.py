"""Forms for booking and for the counselor's workspace. They validate shape only; services decide."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from core.validators import validate_not_past

from .models import AvailabilityException, CounselorSettings, Outcome, WeeklyAvailability


class StartField(forms.CharField):
    """An ISO 8601 start with an offset, as the slot buttons post it."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise forms.ValidationError(_("Choose one of the listed times.")) from None
        if parsed.tzinfo is None or not 2000 <= parsed.year <= 2100:
            raise forms.ValidationError(_("Choose one of the listed times."))
        return parsed


class BookingForm(forms.Form):
    """Slot, intake answers, and a one-time token that makes a double submit harmless."""

    start = StartField(label=_("Time"), error_messages={"required": _("Choose a time.")})
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"q_{question.pk}"] = forms.CharField(
                label=question.display_text,
                required=question.required,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def question_fields(self):
        return [self[f"q_{q.pk}"] for q in self.questions]

    def answers(self) -> dict[str, str]:
        return {str(q.pk): self.cleaned_data.get(f"q_{q.pk}", "") for q in self.questions}


class RescheduleForm(forms.Form):
    start = StartField(label=_("New time"), error_messages={"required": _("Choose a time.")})


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=300)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Private note"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only counselors and center staff see notes; the person never does."),
    )


class ActionItemForm(forms.Form):
    text = forms.CharField(label=_("Action item"), max_length=300)
    due_date = forms.DateField(
        label=_("Due"),
        required=False,
        validators=[validate_not_past],
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    note = forms.CharField(label=_("Outcome details"), required=False, max_length=300)
    summary = forms.CharField(
        label=_("Summary for the person"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Shared with the person and printed in their consultation summary PDF."),
    )


class WeeklyAvailabilityForm(forms.ModelForm):
    class Meta:
        model = WeeklyAvailability
        fields = ["weekday", "start_time", "end_time"]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time", "step": 900}),
            "end_time": forms.TimeInput(attrs={"type": "time", "step": 900}),
        }


WeeklyFormSet = forms.modelformset_factory(
    WeeklyAvailability, form=WeeklyAvailabilityForm, extra=2, can_delete=True
)


class ExceptionForm(forms.ModelForm):
    def clean_date(self):
        day = self.cleaned_data["date"]
        validate_not_past(day)
        return day

    class Meta:
        model = AvailabilityException
        fields = ["date", "kind", "start_time", "end_time", "note"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "start_time": forms.TimeInput(attrs={"type": "time", "step": 900}),
            "end_time": forms.TimeInput(attrs={"type": "time", "step": 900}),
        }


class CounselorSettingsForm(forms.ModelForm):
    class Meta:
        model = CounselorSettings
        fields = ["daily_cap", "bio"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 3})}
