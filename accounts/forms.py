from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import selectors, services
from .consents import OPTIONAL, REQUIRED
from .models import ApiToken, Center, CenterMembership, User
from .validators import normalize_brn, normalize_mobile


class MobileField(forms.CharField):
    """A Korean mobile number, normalized to 010-1234-5678."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("label", _("Mobile phone"))
        kwargs.setdefault("help_text", _("e.g. 010-1234-5678"))
        super().__init__(**kwargs)
        # type="tel" brings up the phone keypad; autocomplete fills the person's own number.
        self.widget.input_type = "tel"
        self.widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})

    def clean(self, value):
        value = super().clean(value)
        return normalize_mobile(value) if value else ""


class BRNField(forms.CharField):
    """사업자등록번호, checked with its official check digit, cleaned to 10 digits."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 14)
        kwargs.setdefault("label", _("Business registration number"))
        kwargs.setdefault("help_text", _("10 digits, e.g. 123-45-67890"))
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def clean(self, value):
        value = super().clean(value)
        return normalize_brn(value) if value else ""


def consent_field(doc) -> forms.BooleanField:
    return forms.BooleanField(
        required=doc.required,
        label=("[%s] " % (_("Required") if doc.required else _("Optional"))) + str(doc.title),
        help_text=doc.summary,
        error_messages={"required": _("You must agree to this to use the service.")},
    )


class SignupForm(forms.Form):
    """Extra signup fields for allauth: who you are, trainee or employer, and your consents."""

    ACCOUNT_TYPES = [
        ("trainee", _("Trainee / job seeker — take courses, get consulting, find jobs")),
        ("employer", _("Employer — post jobs and meet candidates")),
    ]

    name = forms.CharField(
        label=_("Name"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = MobileField(required=False)
    account_type = forms.ChoiceField(
        label=_("I am signing up as"),
        choices=ACCOUNT_TYPES,
        widget=forms.RadioSelect,
        initial="trainee",
    )
    company_name = forms.CharField(
        label=_("Company name"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    brn = BRNField(required=False)
    center = forms.ModelChoiceField(
        label=_("Center"),
        queryset=Center.objects.none(),
        required=False,
        empty_label=None,
        help_text=_(
            "The center that verifies your company and reviews your job postings. "
            "You can ask other centers to join later."
        ),
    )

    field_order = [
        "email",
        "name",
        "phone",
        "password1",
        "password2",
        "account_type",
        "company_name",
        "brn",
        "center",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["center"].queryset = selectors.active_centers().order_by("pk")
        if not self.initial.get("center"):
            self.initial["center"] = selectors.default_center()
        for doc in REQUIRED + OPTIONAL:
            self.fields[f"consent_{doc.key}"] = consent_field(doc)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise ValidationError(_("Enter your name."))
        return name

    def clean(self):
        data = super().clean()
        if data.get("account_type") == "employer":
            if not data.get("company_name", "").strip():
                self.add_error("company_name", _("Enter your company's name."))
            if not data.get("brn") and "brn" not in self.errors:
                self.add_error("brn", _("Enter your business registration number."))
            elif data.get("brn") and selectors.brn_is_registered(data["brn"]):
                self.add_error("brn", services.brn_taken_message())
        return data

    def signup(self, request, user: User) -> None:
        """Called by allauth once the user row exists, inside the signup transaction."""
        data = self.cleaned_data
        services.user_complete_signup(
            user=user,
            name=data["name"],
            phone=data.get("phone", ""),
            language=get_language() or "ko",
            is_trainee=data["account_type"] == "trainee",
            consents={
                key.removeprefix("consent_"): bool(value)
                for key, value in data.items()
                if key.startswith("consent_")
            },
            company_name=data.get("company_name", ""),
            brn=data.get("brn", ""),
            center=data.get("center"),
        )


class ProfileForm(forms.ModelForm):
    phone = MobileField(required=False)

    class Meta:
        model = User
        fields = ["name", "phone", "language"]
        widgets = {"name": forms.TextInput(attrs={"autocomplete": "name"})}


class PrivacyForm(forms.Form):
    """Optional consents, which can be given or withdrawn at any time."""

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        active = selectors.active_consents(user)
        for doc in OPTIONAL:
            if doc.trainee_only and not user.is_trainee:
                continue
            field = consent_field(doc)
            field.initial = doc.key in active
            self.fields[doc.key] = field


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Current password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my personal data will be erased and this cannot be undone."),
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        if not user.has_usable_password():
            del self.fields["password"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("The password is not correct."))
        return password


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name"]
        labels = {"name": _("Token name")}
        help_texts = {"name": _("What will use it, e.g. 'roster export script'.")}


class InvitationForm(forms.Form):
    # Someone else's address and name: the browser must not offer the sender's own.
    email = forms.EmailField(
        label=_("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(label=_("Role"), choices=CenterMembership.ROLE_CHOICES)
    center = forms.ModelChoiceField(label=_("Center"), queryset=Center.objects.none())

    def __init__(self, *args, centers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["center"].queryset = centers
        if centers.count() == 1:
            self.fields["center"].initial = centers.first()


class AcceptInvitationForm(forms.Form):
    """Account details for someone invited who has no account yet."""

    name = forms.CharField(
        label=_("Name"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = MobileField(required=False)
    password1 = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        from django.contrib.auth.password_validation import validate_password

        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("You must type the same password each time."))
        elif p1:
            try:
                validate_password(p1, User(email=self.email, name=data.get("name", "")))
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data


class CompanyDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("verified", _("Verify")), ("rejected", _("Reject"))])
    reason = forms.CharField(
        label=_("Reason (shown to the company)"), max_length=300, required=False
    )
    # Which of the person's centers decides; empty: the company's oldest registration with one.
    center = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
