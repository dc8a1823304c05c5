from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jobs.models import EmploymentType, SalaryBand

from .models import RateExclusion


class EmploymentForm(forms.Form):
    company_name = forms.CharField(label=_("Company name"), max_length=120)
    company_brn = forms.CharField(
        label=_("사업자등록번호 (if known)"),
        max_length=12,
        required=False,
        help_text=_("10 digits, such as 123-45-67890."),
    )
    position = forms.CharField(label=pgettext_lazy("job", "Position"), max_length=120)
    start_date = forms.DateField(
        label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    employment_type = forms.ChoiceField(label=_("Employment type"), choices=EmploymentType.choices)
    salary_band = forms.ChoiceField(
        label=_("Annual salary"), choices=SalaryBand.choices, initial=SalaryBand.UNKNOWN
    )


class StaffEmploymentForm(EmploymentForm):
    email = forms.EmailField(label=_("Trainee's email"))
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("e.g. phone follow-up on 2026-11-20"),
    )
    field_order = ["email"]


class CompleterChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return (
            f"{obj.user.name} ({obj.user.email}) · {obj.run.course.display_title} "
            f"{obj.run.display_name} · {obj.run.ends_on:%Y-%m-%d}"
        )


class RateExclusionForm(forms.Form):
    enrollment = CompleterChoiceField(label=_("Completer"), queryset=None)
    reason = forms.ChoiceField(label=_("Reason"), choices=RateExclusion.Reason.choices)
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("What shows the reason, e.g. an admission letter seen on 2026-11-20."),
    )

    def __init__(self, *args, completers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrollment"].queryset = completers


class RateExclusionRemoveForm(forms.Form):
    why = forms.CharField(
        label=_("Why is this person counted again?"),
        max_length=300,
        help_text=_("Kept in the audit log."),
    )
