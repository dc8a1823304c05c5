"""Account settings: name, mobile number and preferred language."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from tests.accounts.utils import form_errors


class TestProfile:
    def test_it_shows_my_details(self, client, alice):
        client.force_login(alice)
        response = client.get(reverse("settings_profile"))
        assert response.status_code == 200
        assert response.context["form"].instance == alice

    def test_it_saves_name_phone_and_language(self, client, alice):
        client.force_login(alice)
        response = client.post(
            reverse("settings_profile"),
            {"name": "김앨리스2", "phone": "+82 10 9876 5432", "language": "en"},
        )
        assert response.status_code == 302
        alice.refresh_from_db()
        assert (alice.name, alice.phone, alice.language) == ("김앨리스2", "010-9876-5432", "en")
        assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    def test_it_refuses_a_landline_and_keeps_the_old_number(self, client, alice):
        alice.phone = "010-1111-2222"
        alice.save()
        client.force_login(alice)
        response = client.post(
            reverse("settings_profile"),
            {"name": "김앨리스", "phone": "02-123-4567", "language": "ko"},
        )
        assert response.status_code == 200
        assert form_errors(response, "phone")
        alice.refresh_from_db()
        assert alice.phone == "010-1111-2222"

    def test_it_needs_a_name(self, client, alice):
        client.force_login(alice)
        response = client.post(
            reverse("settings_profile"), {"name": "", "phone": "", "language": "ko"}
        )
        assert response.status_code == 200
        assert form_errors(response, "name")
        alice.refresh_from_db()
        assert alice.name == "김앨리스"

    def test_it_refuses_an_unknown_language(self, client, alice):
        client.force_login(alice)
        response = client.post(
            reverse("settings_profile"), {"name": "김앨리스", "phone": "", "language": "xx"}
        )
        assert response.status_code == 200
        alice.refresh_from_db()
        assert alice.language == "ko"

    def test_it_does_not_let_me_change_my_roles(self, client, alice):
        client.force_login(alice)
        client.post(
            reverse("settings_profile"),
            {
                "name": "김앨리스",
                "phone": "",
                "language": "ko",
                "is_staff": "on",
                "is_superuser": "on",
                "email": "x@x.com",
            },
        )
        alice.refresh_from_db()
        assert not alice.is_staff and not alice.is_superuser
        assert alice.email == "alice@example.com"
