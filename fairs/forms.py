"""Forms of the fairs pages: they parse input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.districts import District
from jobs.models import EmploymentType

from .models import MAX_MESSAGE_LENGTH, Booth, Conversation, Fair
from .services.fairs import FAIR_FIELDS


class FairForm(forms.ModelForm):
    class Meta:
        model = Fair
        fields = list(FAIR_FIELDS)
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "opens_at": forms.TimeInput(attrs={"type": "time"}),
            "closes_at": forms.TimeInput(attrs={"type": "time"}),
            "registration_opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "registration_closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "request_window_opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "slots_open_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }


class RegistrationForm(forms.Form):
    share_profile = forms.BooleanField(
        label=_("Booths may see my job profile and résumé"), required=False, initial=True
    )
    share_skills = forms.BooleanField(
        label=_("Booths may see my verified skills"), required=False, initial=True
    )
    share_contact = forms.BooleanField(label=_("Booths may see my email and phone"), required=False)
    consent_to_apply = forms.BooleanField(
        label=_("A booth may turn our conversation into an application for its posting"),
        help_text=_("Only when the representative chooses “interview” or “screen”; you are told."),
        required=False,
    )


class LobbyFilterForm(forms.Form):
    industry = forms.CharField(label=_("Industry"), required=False, max_length=60)
    skill = forms.ChoiceField(label=_("Skill"), required=False)
    employment_type = forms.ChoiceField(
        label=_("Employment type"),
        required=False,
        choices=[("", _("Any"))] + list(EmploymentType.choices),
    )
    district = forms.ChoiceField(
        label=_("District"), required=False, choices=[("", _("Any"))] + list(District.choices)
    )

    def __init__(self, *args, skills=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"].choices = [("", _("Any"))] + [
            (str(s.pk), s.display_name) for s in skills
        ]


class BoothForm(forms.ModelForm):
    video_url = forms.URLField(
        label=_("Video"),
        required=False,
        assume_scheme="https",
        help_text=_("A YouTube or Vimeo link is embedded; others are linked."),
    )

    class Meta:
        model = Booth
        fields = ["introduction", "introduction_en", "video_url", "place", "postings"]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 5}),
            "introduction_en": forms.Textarea(attrs={"rows": 5}),
            "postings": forms.CheckboxSelectMultiple,
        }


class BrochureForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    file = forms.FileField(label=_("PDF file"))


class RepresentativeForm(forms.Form):
    user = forms.ChoiceField(label=_("Company member"))

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [(str(m.pk), f"{m.name} ({m.email})") for m in members]


class SlotsForm(forms.Form):
    representative = forms.ChoiceField(label=_("Representative"))
    start = forms.DateTimeField(
        label=_("First slot starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    count = forms.IntegerField(label=_("Number of slots"), min_value=1, max_value=60, initial=6)
    duration_minutes = forms.IntegerField(
        label=_("Minutes each"), min_value=5, max_value=120, initial=15
    )
    buffer_minutes = forms.IntegerField(
        label=_("Break after each (minutes)"), min_value=0, max_value=60, initial=5
    )

    def __init__(self, *args, representatives=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["representative"].choices = [
            (str(r.user_id), r.user.name) for r in representatives
        ]


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": MAX_MESSAGE_LENGTH}),
        strip=False,
        required=False,
    )


class NextStepForm(forms.Form):
    step = forms.ChoiceField(
        label=_("Next step"), choices=Conversation.NextStep.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    posting = forms.ChoiceField(label=_("For the posting"), required=False)

    def __init__(self, *args, postings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["posting"].choices = [("", _("The booth's first open posting"))] + [
            (str(p.pk), p.title) for p in postings
        ]


class InviteForm(forms.Form):
    company = forms.ChoiceField(label=_("Verified company"))

    def __init__(self, *args, companies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].choices = [(str(c.pk), c.name) for c in companies]


class DrawForm(forms.Form):
    seed = forms.CharField(
        label=_("Seed"),
        required=False,
        max_length=40,
        help_text=_("Leave empty for a random one. The seed is logged with the result."),
    )
