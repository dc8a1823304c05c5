from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.consents import DOCUMENTS, EMPLOYER_DISCOVERY
from accounts.districts import District
from accounts.models import Center, Company, CompanyMembership, User
from accounts.selectors import centers_to_join, has_consent
from skills.models import SkillLevel

from .. import filters
from ..models import Application, EmploymentType, Interview, JobSeekerProfile, Posting
from ..selectors import centers_for_postings, skill_choices


class JobSearchForm(forms.Form):
    """The filters above the job list (also the saved-search parameters)."""

    SORTS = [
        ("newest", _("Newest")),
        ("deadline", _("Deadline soonest")),
        ("salary", _("Highest salary")),
    ]

    q = forms.CharField(label=_("Keywords"), required=False, max_length=100)
    district = forms.ChoiceField(
        label=_("District"), required=False, choices=[("", _("All districts")), *District.choices]
    )
    employment_type = forms.ChoiceField(
        label=_("Employment type"),
        required=False,
        choices=[("", _("All types")), *EmploymentType.choices],
    )
    skills = forms.TypedMultipleChoiceField(label=_("Skills"), required=False, coerce=int)
    salary_min = forms.IntegerField(
        label=_("Minimum annual salary (KRW)"),
        required=False,
        min_value=0,
        max_value=10_000_000_000,
    )
    remote = forms.BooleanField(label=_("Remote or hybrid only"), required=False)
    experience = forms.ChoiceField(
        label=pgettext_lazy("job filter", "Experience"),
        required=False,
        choices=[("", pgettext_lazy("job filter", "Any")), *filters.EXPERIENCE_CHOICES],
    )
    years = forms.IntegerField(
        label=_("My years of experience"),
        required=False,
        min_value=0,
        max_value=filters.MAX_YEARS,
        help_text=_("Shows postings that ask for at most this many years."),
    )
    education = forms.ChoiceField(
        label=_("My highest education"),
        required=False,
        choices=[("", pgettext_lazy("job filter", "Any")), *filters.EDUCATION_CHOICES],
        help_text=_("Shows postings whose education requirement you meet."),
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skills"].choices = skill_choices()
        # jobs/chip_picker.js turns the select into a searchable chip picker; its words:
        self.fields["skills"].widget.attrs.update(
            {
                "size": 6,
                "data-chip-picker": "",
                "data-placeholder": _("Type a skill, e.g. 주조 or CAD"),
                "data-remove-label": pgettext_lazy("chip picker", "Remove"),
                "data-added-label": pgettext_lazy("chip picker", "added"),
                "data-removed-label": pgettext_lazy("chip picker", "removed"),
                "data-results-label": _("{n} skills found"),
                "data-none-label": _("No matching skill"),
            }
        )


class SavedSearchForm(forms.Form):
    name = forms.CharField(label=_("Name this search"), max_length=80)


class CompanyProfileForm(forms.ModelForm):
    website = forms.URLField(
        label=_("website"), max_length=200, required=False, assume_scheme="https"
    )

    class Meta:
        model = Company
        fields = [
            "name",
            "industry",
            "size",
            "district",
            "address",
            "website",
            "logo",
            "description",
        ]
        widgets = {
            # The company's address, not the person's own: no autofill from their profile.
            "address": forms.TextInput(attrs={"autocomplete": "off"}),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "size") and logo.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The logo must be at most 2 MB."))
        return logo


class CenterJoinForm(forms.Form):
    """Ask another center to take the company in (the choices: centers it may still ask)."""

    center = forms.ModelChoiceField(label=_("Center"), queryset=Center.objects.none())

    def __init__(self, *args, company: Company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["center"].queryset = centers_to_join(company)


class CompanyInvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Colleague's email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=CompanyMembership.CompanyRole.choices,
        initial=CompanyMembership.CompanyRole.RECRUITER,
    )


class PostingForm(forms.ModelForm):
    """A posting's fields plus its required and preferred skills (one skill per level choice)."""

    required_skills = forms.TypedMultipleChoiceField(
        label=_("Required skills"),
        required=False,
        coerce=int,
        help_text=_("Applicants should have these at the minimum level below."),
    )
    required_level = forms.TypedChoiceField(
        label=_("Minimum level for required skills"),
        coerce=int,
        choices=SkillLevel.choices,
        initial=SkillLevel.GUIDED,
    )
    preferred_skills = forms.TypedMultipleChoiceField(
        label=_("Preferred skills"), required=False, coerce=int
    )

    class Meta:
        model = Posting
        fields = list(Posting.CONTENT_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "duties": forms.Textarea(attrs={"rows": 4}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "work_mode": forms.RadioSelect,
        }
        help_texts = {
            "salary_min": _(
                "Leave both salary fields empty for “회사 내규에 따름” (per company policy)."
            )
        }

    def __init__(self, *args, company: Company, **kwargs):
        super().__init__(*args, **kwargs)
        centers = self.fields["center"]
        centers.queryset = centers_for_postings(company)
        centers.empty_label = None  # one of the company's centers, its first by default
        choices = skill_choices()
        for name in ("required_skills", "preferred_skills"):
            self.fields[name].choices = choices
            self.fields[name].widget.attrs["size"] = 6
        if self.instance.pk:
            rows = list(self.instance.posting_skills.all())
            self.initial.setdefault(
                "required_skills", [r.skill_id for r in rows if r.kind == "required"]
            )
            self.initial.setdefault(
                "preferred_skills", [r.skill_id for r in rows if r.kind == "preferred"]
            )
            levels = [r.min_level for r in rows if r.kind == "required"]
            if levels:
                self.initial.setdefault("required_level", max(levels))

    def clean(self):
        data = super().clean()
        low, high = data.get("salary_min"), data.get("salary_max")
        if low is not None and high is not None and low > high:
            # In words, before the database constraint answers with its name.
            self.add_error("salary_min", _("The minimum salary is above the maximum."))
        return data

    def skills_payload(self) -> list[dict]:
        data = self.cleaned_data
        level = data.get("required_level") or 2
        items = [
            {"skill": s, "kind": "preferred", "min_level": 1}
            for s in data.get("preferred_skills") or []
        ]
        items += [
            {"skill": s, "kind": "required", "min_level": level}
            for s in data.get("required_skills") or []
        ]
        return items

    def posting_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What should the company change?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ApplyForm(forms.Form):
    cover_letter = forms.CharField(
        label=_("Cover letter"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    use_platform_resume = forms.BooleanField(
        label=_("Include my platform résumé (profile, verified skills, certificates)"),
        required=False,
        initial=True,
    )
    resume_file = forms.FileField(
        label=_("Résumé file"),
        required=False,
        help_text=_("PDF, Word (DOCX) or Hangul (HWP/HWPX), at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.hwp,.hwpx"}),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=pgettext_lazy("to another hiring stage", "Move to"),
        required=False,
        # 취업 (hired) comes from an accepted offer or center staff, never from a move.
        choices=[
            (s, label) for s, label in Application.Status.choices if s not in ("withdrawn", "hired")
        ],
    )
    note = forms.CharField(
        label=_("Private note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only your company's members see notes."),
    )


class ContactRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class JobSeekerProfileForm(forms.ModelForm):
    preferred_districts = forms.MultipleChoiceField(
        label=_("Preferred districts"),
        required=False,
        choices=District.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None selected: anywhere."),
    )
    employment_types = forms.MultipleChoiceField(
        label=_("Employment types"),
        required=False,
        choices=EmploymentType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None selected: any type."),
    )

    # Not a stored field: ticking it gives the "employer_discovery" consent, unticking withdraws it.
    discoverable = forms.BooleanField(
        label=DOCUMENTS[EMPLOYER_DISCOVERY].title,
        help_text=DOCUMENTS[EMPLOYER_DISCOVERY].summary,
        required=False,
    )

    class Meta:
        model = JobSeekerProfile
        fields = list(JobSeekerProfile.DETAIL_FIELDS)
        widgets = {
            "education_detail": forms.Textarea(attrs={"rows": 3}),
            "experience": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["preferred_districts"] = self.instance.district_list
            self.initial["employment_types"] = self.instance.employment_type_list
        if self.instance.user_id:
            self.initial["discoverable"] = has_consent(self.instance.user, EMPLOYER_DISCOVERY)


class PortfolioImageForm(forms.Form):
    image = forms.ImageField(label=_("Portfolio image"), help_text=_("JPEG or PNG, at most 5 MB."))
    caption = forms.CharField(label=_("Caption"), required=False, max_length=120)

    def clean_image(self):
        image = self.cleaned_data["image"]
        if image.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The image must be at most 5 MB."))
        if getattr(image, "image", None) is not None and image.image.format not in (
            "JPEG",
            "PNG",
            "WEBP",
        ):
            raise forms.ValidationError(_("Upload a JPEG, PNG or WebP image."))
        return image


# --- interviews, offers and hires ---------------------------------------------

_WHEN = {"type": "datetime-local", "step": 300}
DURATIONS = [
    (30, _("30 minutes")),
    (45, _("45 minutes")),
    (60, _("1 hour")),
    (90, _("1.5 hours")),
    (120, _("2 hours")),
]


class _TimesMixin(forms.Form):
    """Up to three proposed times (Korea time); the service checks them."""

    time_1 = forms.DateTimeField(
        label=_("Time 1"),
        widget=forms.DateTimeInput(attrs=_WHEN, format="%Y-%m-%dT%H:%M"),
        help_text=_("Korea time (KST)."),
    )
    time_2 = forms.DateTimeField(
        label=_("Time 2"),
        required=False,
        widget=forms.DateTimeInput(attrs=_WHEN, format="%Y-%m-%dT%H:%M"),
    )
    time_3 = forms.DateTimeField(
        label=_("Time 3"),
        required=False,
        widget=forms.DateTimeInput(attrs=_WHEN, format="%Y-%m-%dT%H:%M"),
    )

    def times(self) -> list[dt.datetime]:
        return [
            self.cleaned_data[f] for f in ("time_1", "time_2", "time_3") if self.cleaned_data.get(f)
        ]


class InterviewProposeForm(_TimesMixin):
    mode = forms.ChoiceField(
        label=pgettext_lazy("interview", "Format"),
        choices=Interview.Mode.choices,
        widget=forms.RadioSelect,
        initial=Interview.Mode.IN_PERSON,
    )
    address = forms.CharField(
        label=_("Address (in-person interviews)"), required=False, max_length=200
    )
    phone = forms.CharField(
        label=_("Number we call from (phone interviews)"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        help_text=_("The company calls the candidate's mobile number."),
    )
    duration_minutes = forms.TypedChoiceField(
        label=_("Length"), choices=DURATIONS, coerce=int, initial=60
    )
    interviewer = forms.ModelChoiceField(label=_("Interviewer"), queryset=None)
    note = forms.CharField(
        label=_("Note for the candidate"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("e.g. Please bring your portfolio."),
    )
    field_order = [
        "mode",
        "address",
        "phone",
        "time_1",
        "time_2",
        "time_3",
        "duration_minutes",
        "interviewer",
        "note",
    ]

    def __init__(self, *args, company: Company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interviewer"].queryset = User.objects.filter(
            company_memberships__company=company, is_active=True
        ).order_by("name")
        self.fields["interviewer"].label_from_instance = lambda user: user.name


class InterviewTimesForm(_TimesMixin):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=300,
        help_text=_("Needed when you move a confirmed interview."),
    )


class InterviewPickForm(forms.Form):
    slot = forms.TypedChoiceField(
        label=pgettext_lazy("interview", "Choose a time"), coerce=int, widget=forms.RadioSelect
    )

    def __init__(self, *args, interview: Interview, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [
            (slot.pk, date_format(timezone.localtime(slot.start), "Y-m-d (D) H:i"))
            for slot in interview.slots.all()
        ]


class InterviewNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Which times suit you?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("e.g. Weekday afternoons after 3 p.m."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class OfferAnswerForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=300)


class OfferForm(forms.Form):
    position = forms.CharField(label=pgettext_lazy("job", "Position"), max_length=120)
    start_date = forms.DateField(
        label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    employment_type = forms.ChoiceField(label=_("Employment type"), choices=EmploymentType.choices)
    salary = forms.IntegerField(
        label=_("Annual salary (KRW)"), min_value=1, max_value=10_000_000_000
    )
    expires_on = forms.DateField(
        label=_("Answer by"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The offer lapses at the end of this day (Korea time)."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Working hours, probation, benefits…"),
    )

    @classmethod
    def for_posting(cls, posting: Posting, data=None) -> OfferForm:
        today = timezone.localdate()
        return cls(
            data,
            prefix="offer",
            initial={
                "position": posting.title,
                "employment_type": posting.employment_type,
                "salary": posting.salary_min or posting.salary_max,
                "start_date": today + dt.timedelta(days=14),
                "expires_on": today + dt.timedelta(days=7),
            },
        )


class HireForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("e.g. Confirmed by phone with the company on 12-03."),
    )
    start_date = forms.DateField(
        label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    position = forms.CharField(
        label=pgettext_lazy("job", "Position"), required=False, max_length=120
    )
    employment_type = forms.ChoiceField(label=_("Employment type"), choices=EmploymentType.choices)
    salary = forms.IntegerField(
        label=_("Annual salary (KRW)"),
        required=False,
        min_value=1,
        max_value=10_000_000_000,
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=pgettext_lazy("thread", "Message"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    attachment = forms.FileField(
        label=_("Attach a document"),
        required=False,
        help_text=_("PDF, Word (DOCX) or Hangul (HWP/HWPX), at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.hwp,.hwpx"}),
    )


class ThreadReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What happened?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Staff of the center read this conversation only because you report it. "
            "The other side is not told who reported it."
        ),
    )
