"""The site shell: every template compiles, pages keep the accessibility basics, nothing inline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import get_template
from django.urls import reverse

from accounts.models import Company

TEMPLATES = Path(settings.BASE_DIR) / "templates"
PAGE_TEMPLATES = sorted(
    p
    for p in TEMPLATES.rglob("*.html")
    if "emails" not in p.parts  # emails need inline styles
)


def _name(path: Path) -> str:
    return str(path.relative_to(TEMPLATES))


@pytest.mark.parametrize("path", sorted(TEMPLATES.rglob("*.*")), ids=_name)
def test_every_template_compiles(path):
    get_template(_name(path))


@pytest.mark.parametrize("path", PAGE_TEMPLATES, ids=_name)
def test_no_template_has_inline_style_or_script(path):
    """The Content-Security-Policy is 'self' only: inline code would be blocked."""
    text = path.read_text()
    assert not re.search(r"\sstyle=", text)
    assert "<style" not in text
    for tag in re.findall(r"<script[^>]*>", text):
        assert "src=" in tag or "application/json" in tag, tag


def assert_shell(response, *, lang: str = "ko") -> str:
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert html.count("<h1") == 1
    return html


class TestPages:
    def test_the_home_page_lists_active_centers(self, client, center):
        html = assert_shell(client.get(reverse("home")))
        assert center.name in html

    def test_it_speaks_english_with_english_center_names(self, client, center):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        html = assert_shell(client.get(reverse("home")), lang="en")
        assert center.name_en in html

    def test_signup_links_every_consent_to_its_full_text(self, client, db):
        html = assert_shell(client.get(reverse("account_signup")))
        for key in ("terms", "privacy", "marketing", "counselor_sharing", "employer_discovery"):
            assert f'name="consent_{key}"' in html
            assert reverse("legal", args=[key]) in html
        assert "data-employer-only" in html

    @pytest.mark.parametrize(
        "key", ["terms", "privacy", "marketing", "counselor_sharing", "employer_discovery"]
    )
    def test_each_legal_document_renders(self, client, db, key):
        assert_shell(client.get(reverse("legal", args=[key])))

    def test_a_pending_employer_is_told_the_center_will_verify(self, client, bob, bob_company):
        bob_company.status = Company.Status.PENDING
        bob_company.save()
        client.force_login(bob)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        html = assert_shell(client.get(reverse("dashboard_role", args=["employer"])), lang="en")
        assert "Awaiting verification by the center" in html
        assert bob_company.brn_display in html

    @pytest.mark.parametrize(
        "url_name",
        [
            "settings_profile",
            "settings_privacy",
            "settings_tokens",
            "settings_delete",
            "account_email",
        ],
    )
    def test_settings_pages_share_the_side_navigation(self, client, alice, url_name):
        client.force_login(alice)
        html = assert_shell(client.get(reverse(url_name)))
        assert 'class="side-nav"' in html
        assert 'aria-current="page"' in html

    def test_staff_see_their_links_and_pages(self, client, dave, bob):
        client.force_login(dave)
        html = assert_shell(client.get(reverse("dashboard_role", args=["staff"])))
        assert reverse("staff_companies") in html
        assert reverse("staff_invitations") in html
        assert_shell(client.get(reverse("staff_companies")))
        assert_shell(client.get(reverse("staff_invitations")))

    def test_others_see_no_staff_links(self, client, alice):
        client.force_login(alice)
        html = assert_shell(client.get(reverse("dashboard_role", args=["trainee"])))
        assert reverse("staff_companies") not in html

    def test_a_new_token_is_shown_once(self, client, alice):
        client.force_login(alice)
        response = client.post(reverse("settings_tokens"), {"name": "roster export"})
        html = assert_shell(response)
        token = re.search(r'id="new-token"[^>]*>(ilt_[^<]+)<', html)
        assert token
        assert token.group(1) not in client.get(reverse("settings_tokens")).content.decode()

    def test_form_errors_are_summarized_and_linked(self, client, db):
        html = client.post(reverse("account_signup"), {"email": "not-an-email"}).content.decode()
        assert 'class="alert alert--error error-summary"' in html
        assert 'href="#id_email"' in html
        assert 'aria-invalid="true"' in html
