"""Forms tell the browser what each field is (WCAG 1.3.5): the person's own name, email, mobile
number and address autofill; passwords say whether they are new or current; one-time codes
bring up the number pad; someone else's details never offer the person's own."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.factories import make_trainee

pytestmark = pytest.mark.django_db


class _Inputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields: dict[str, dict[str, str]] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("input", "textarea") and attrs.get("name") and attrs.get("type") != "hidden":
            self.fields.setdefault(attrs["name"], attrs)


def fields_of(html: str) -> dict[str, dict[str, str]]:
    parser = _Inputs()
    parser.feed(re.sub(r"<header.*?</header>", "", html, flags=re.S))  # not the site search
    return parser.fields


EXPECTED = {
    # page: {field name: (type, autocomplete)}
    "account_signup": {
        "email": ("email", "email"),
        "password1": ("password", "new-password"),
        "password2": ("password", "new-password"),
        "name": ("text", "name"),
        "phone": ("tel", "tel"),
        "company_name": ("text", "organization"),
    },
    "account_login": {"login": ("email", "email"), "password": ("password", "current-password")},
    "account_reset_password": {"email": ("email", "email")},
    "account_request_login_code": {"email": ("email", "email")},
}
SIGNED_IN = {
    "settings_profile": {"name": ("text", "name"), "phone": ("tel", "tel")},
    "account_change_password": {
        "oldpassword": ("password", "current-password"),
        "password1": ("password", "new-password"),
        "password2": ("password", "new-password"),
    },
    "settings_delete": {"password": ("password", "current-password")},
    "jobs:my_resume": {"address": ("text", "street-address")},
}


def _check(html: str, expected: dict) -> list[str]:
    found = fields_of(html)
    problems = []
    for name, (type_, autocomplete) in expected.items():
        attrs = found.get(name)
        if attrs is None:
            problems.append(f"{name}: missing")
            continue
        if attrs.get("type", "text") != type_ or attrs.get("autocomplete") != autocomplete:
            problems.append(
                f"{name}: type={attrs.get('type')} autocomplete={attrs.get('autocomplete')}, "
                f"want {type_}/{autocomplete}"
            )
    return problems


@pytest.mark.parametrize("url_name", list(EXPECTED))
def test_public_forms_name_their_fields(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert _check(response.content.decode(), EXPECTED[url_name]) == []


@pytest.mark.parametrize("url_name", list(SIGNED_IN))
def test_signed_in_forms_name_their_fields(client, url_name):
    client.force_login(make_trainee(email="minji@example.com", name="김민지"))
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert _check(response.content.decode(), SIGNED_IN[url_name]) == []


def test_the_sign_in_code_and_the_authenticator_code_are_one_time_codes():
    from allauth.account.forms import ConfirmLoginCodeForm
    from allauth.mfa.base.forms import AuthenticateForm

    from accounts.forms import MobileField

    code = ConfirmLoginCodeForm(code="ABC").fields["code"].widget.attrs
    assert code.get("autocomplete") == "one-time-code"
    totp = AuthenticateForm(user=None).fields["code"].widget.attrs
    assert totp.get("autocomplete") == "one-time-code"
    assert MobileField().widget.input_type == "tel"


def test_someone_elses_details_are_not_filled_with_ones_own():
    from accounts.forms import InvitationForm
    from accounts.models import Center
    from jobs.forms import CompanyInvitationForm, CompanyProfileForm

    invite = InvitationForm(centers=Center.objects.none())
    assert invite.fields["email"].widget.attrs["autocomplete"] == "off"
    assert invite.fields["name"].widget.attrs["autocomplete"] == "off"
    assert CompanyInvitationForm().fields["email"].widget.attrs["autocomplete"] == "off"
    assert CompanyProfileForm().fields["address"].widget.attrs["autocomplete"] == "off"
