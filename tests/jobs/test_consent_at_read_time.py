"""Consent is read when data is read: withdrawing "employer_discovery" hides the person at once.

Each test gives the consent where a person would (privacy settings or job preferences), reads as
the employer through the pages and the API, withdraws, and reads again.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from accounts.selectors import has_consent
from jobs import services
from jobs.models import ContactRequest

from .conftest import give_skill, png_upload


@pytest.fixture
def alice_skilled(alice, skills):
    give_skill(alice, skills["Wax carving"], 4)
    alice.phone = "010-0123-4567"
    alice.save(update_fields=["phone"])
    return alice


def set_discovery(client, person, on: bool):
    """The person ticks or unticks "Let employers discover my profile" in privacy settings."""
    client.force_login(person)
    response = client.post(reverse("settings_privacy"), {"employer_discovery": "on"} if on else {})
    assert response.status_code == 302
    assert has_consent(person, "employer_discovery") is on


def employer_sees(client, bob, posting, person) -> dict[str, object]:
    """What bob sees of ``person``: the candidates tab and API, the profile page's status."""
    client.force_login(bob)
    tab = client.get(reverse("jobs:employer_candidates", args=[posting.pk]))
    assert tab.status_code == 200
    api = APIClient()
    api.force_authenticate(bob)
    listed = api.get(f"/api/v1/jobs/{posting.pk}/candidates/")
    assert listed.status_code == 200
    profile = client.get(reverse("jobs:employer_candidate", args=[person.pk]))
    return {
        "tab": person.name in tab.content.decode(),
        "api": [c["trainee"]["id"] for c in listed.json()] == [person.pk],
        "profile": profile.status_code,
        "page": profile.content.decode(),
    }


class TestEmployerDiscovery:
    def test_withdrawing_in_privacy_settings_hides_the_person_at_once(
        self, client, posting, alice_skilled, bob
    ):
        alice = alice_skilled
        set_discovery(client, alice, True)
        seen = employer_sees(client, bob, posting, alice)
        assert (seen["tab"], seen["api"], seen["profile"]) == (True, True, 200)

        set_discovery(client, alice, False)
        seen = employer_sees(client, bob, posting, alice)
        assert (seen["tab"], seen["api"], seen["profile"]) == (False, False, 404)

        set_discovery(client, alice, True)  # and giving it again shows her again
        seen = employer_sees(client, bob, posting, alice)
        assert (seen["tab"], seen["api"], seen["profile"]) == (True, True, 200)

    def test_the_job_preferences_switch_is_the_same_consent(
        self, client, posting, alice_skilled, bob
    ):
        alice = alice_skilled
        client.force_login(alice)
        client.post(
            reverse("jobs:my_profile"),
            {"education": "any", "experience_years": 0, "discoverable": "on"},
        )
        assert has_consent(alice, "employer_discovery")
        assert employer_sees(client, bob, posting, alice)["api"]

        set_discovery(client, alice, False)  # withdrawn in privacy settings…
        client.force_login(alice)
        form = client.get(reverse("jobs:my_profile")).context["form"]
        assert form.initial["discoverable"] is False  # …is off in job preferences too
        assert not employer_sees(client, bob, posting, alice)["api"]

    def test_an_accepted_request_shows_contact_details_only_while_the_consent_holds(
        self, client, posting, alice_skilled, bob
    ):
        alice = alice_skilled
        set_discovery(client, alice, True)
        client.force_login(bob)
        client.post(reverse("jobs:employer_candidate", args=[alice.pk]), {"message": "면접 제안"})
        request = ContactRequest.objects.get(trainee=alice)
        client.force_login(alice)
        client.post(reverse("jobs:my_contact_request_decide", args=[request.pk, "accept"]))
        seen = employer_sees(client, bob, posting, alice)
        assert alice.email in seen["page"] and "010-0123-4567" in seen["page"]

        set_discovery(client, alice, False)
        seen = employer_sees(client, bob, posting, alice)
        assert seen["profile"] == 404
        assert alice.email not in seen["page"] and "010-0123-4567" not in seen["page"]

    def test_an_application_keeps_what_it_shared_after_withdrawing(
        self, client, posting, alice_skilled, bob
    ):
        # Applying shares the résumé with that company by itself, not by the discovery consent.
        alice = alice_skilled
        set_discovery(client, alice, True)
        application = services.application_create(posting=posting, applicant=alice)
        set_discovery(client, alice, False)
        client.force_login(bob)
        page = client.get(reverse("jobs:employer_application", args=[application.pk]))
        assert page.status_code == 200 and alice.email in page.content.decode()
        assert client.get(reverse("jobs:employer_candidate", args=[alice.pk])).status_code == 200

    def test_portfolio_images_and_contact_requests_follow_the_consent(
        self, client, posting, alice_skilled, bob, bob_company
    ):
        alice = alice_skilled
        set_discovery(client, alice, True)
        image = services.portfolio_image_add(user=alice, image=png_upload(), caption="반지")
        client.force_login(bob)
        url = reverse("jobs:portfolio_image", args=[image.pk])
        assert client.get(url).status_code == 200

        set_discovery(client, alice, False)
        client.force_login(bob)
        assert client.get(url).status_code == 404
        response = client.post(
            reverse("jobs:employer_candidate", args=[alice.pk]), {"message": "다시 연락"}
        )
        assert response.status_code == 404
        with pytest.raises(ValidationError), translation.override("en"):
            services.contact_request_create(company=bob_company, trainee=alice, by=bob)
        assert not ContactRequest.objects.exists()
