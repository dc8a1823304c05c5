"""Long text is never cut: a limit is shown with a counter, and text over it is refused with a
message (pages answer 400 with the field error, the API 400 with ``errors.<field>``)."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jobs.models import Application
from tests.jobs.conftest import posting, posting_data, publish, skills  # noqa: F401

COVER_LETTER = "가" * 6150  # the letter that arrived as 5,000 characters


def _textarea(page: str, name: str) -> str:
    return re.search(rf'<textarea name="{name}"[^>]*>', page).group(0)


def test_the_textarea_shows_its_limit_and_does_not_cut_a_paste(client, posting, alice):  # noqa: F811
    client.force_login(alice)
    page = client.get(reverse("jobs:detail", args=[posting.pk])).content.decode()
    tag = _textarea(page, "cover_letter")
    assert " maxlength=" not in tag  # a browser would cut the paste silently
    assert 'data-maxlength="5000"' in tag
    assert 'aria-describedby="id_cover_letter_count"' in tag
    counter = re.search(
        r'<p class="field__count" id="id_cover_letter_count"[^>]*>([^<]*)</p>', page
    )
    assert counter and 'aria-live="polite"' in counter.group(0)
    assert counter.group(1) == "최대 5,000자까지 쓸 수 있습니다."


def test_a_6150_character_letter_is_refused_on_the_page(client, posting, alice):  # noqa: F811
    client.force_login(alice)
    response = client.post(
        reverse("jobs:apply", args=[posting.pk]),
        {"cover_letter": COVER_LETTER, "use_platform_resume": "on"},
    )
    assert response.status_code == 400
    assert "5000" in response.content.decode() and "6150" in response.content.decode()
    assert not Application.objects.exists()


def test_a_6150_character_letter_is_refused_by_the_api(client, posting, alice):  # noqa: F811
    client.force_login(alice)
    response = client.post(f"/api/v1/jobs/{posting.pk}/apply/", {"cover_letter": COVER_LETTER})
    assert response.status_code == 400
    assert "cover_letter" in response.json()["errors"]
    assert not Application.objects.exists()


def test_services_refuse_instead_of_cutting(posting, alice, bob, bob_company, dave):  # noqa: F811
    from jobs import services

    with pytest.raises(ValidationError) as error:
        services.posting_return(posting=_pending(bob, bob_company, dave), by=dave, reason="x" * 501)
    assert "reason" in error.value.message_dict
    from accounts.services import consents_record

    consents_record(user=alice, granted={"employer_discovery": True})
    with pytest.raises(ValidationError) as error:
        services.contact_request_create(
            company=bob_company, trainee=alice, by=bob, message="y" * 1001
        )
    assert "message" in error.value.message_dict


def _pending(bob, bob_company, dave):
    from jobs import services

    draft = services.posting_create(
        company=bob_company, by=bob, data=posting_data(title="주조"), skills=[]
    )
    return services.posting_submit(posting=draft, by=bob)


def test_a_second_application_reads_as_a_sentence_on_the_page_and_in_the_api(
    client,
    posting,  # noqa: F811
    alice,
):
    client.force_login(alice)
    first = client.post(f"/api/v1/jobs/{posting.pk}/apply/", {"cover_letter": "안녕하세요"})
    assert first.status_code == 201
    again = client.post(f"/api/v1/jobs/{posting.pk}/apply/", {"cover_letter": "또"})
    assert again.status_code == 409
    assert "jobs_application_once" not in again.content.decode()
    page = client.post(reverse("jobs:apply", args=[posting.pk]), {"cover_letter": "또"})
    assert "jobs_application_once" not in page.content.decode()
    assert Application.objects.count() == 1


def _input(page: str, name: str) -> str:
    return re.search(rf'<input type="text" name="{name}"[^>]*>', page).group(0)


def test_a_single_line_input_keeps_a_paste_whole_and_is_refused_over_its_limit(client, alice):
    from jobs.models import JobSeekerProfile

    client.force_login(alice)
    page = client.get(reverse("jobs:my_resume")).content.decode()
    tag = _input(page, "address")
    assert " maxlength=" not in tag  # a browser would cut a long paste without a word
    assert 'data-maxlength="100"' in tag
    assert 'aria-describedby="id_address_helptext id_address_count"' in tag  # help kept
    counter = re.search(r'<p class="field__count" id="id_address_count"[^>]*>', page).group(0)
    assert " hidden" in counter  # shown by app.js only near the limit

    response = client.post(reverse("jobs:my_resume_basics"), {"address": "가" * 101})
    assert response.status_code == 400
    assert "100" in response.content.decode() and "101" in response.content.decode()
    assert not JobSeekerProfile.objects.filter(user=alice, address__startswith="가").exists()
