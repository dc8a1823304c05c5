"""The fairs pages for each persona, in Korean and English; wrong people get 404, bad files 400."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fairs import services
from fairs.models import Booth, Brochure, QueueEntry

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.mark.parametrize("language", ["ko", "en"])
def test_the_lobby_and_booth_pages_render_for_an_attendee(
    client, alice, fair, booth, slot, registration, language
):
    alice.language = language
    alice.save()
    client.force_login(alice)
    lobby = client.get(f"/fairs/{fair.pk}/", HTTP_ACCEPT_LANGUAGE=language)
    assert lobby.status_code == 200
    assert booth.company.name in lobby.content.decode()
    page = client.get(f"/fairs/booths/{booth.pk}/").content.decode()
    assert (
        "대기열 참여" if language == "ko" else "Join the queue"
    ) in page or "queue" in page.lower()
    assert f'data-fair-socket="/ws/fairs/{fair.pk}/"' in page


def test_the_index_lists_the_fair(client, fair):
    assert fair.title in client.get("/fairs/").content.decode()


def test_my_fair_shows_a_call_to_answer(client, alice, bob, booth, registration):
    services.queue_join(booth=booth, attendee=alice)
    services.queue_call_next(booth=booth, representative=bob)
    client.force_login(alice)
    page = client.get(f"/fairs/{booth.fair_id}/me/").content.decode()
    assert f"/fairs/queue/{QueueEntry.objects.get().pk}/accept/" in page


def test_joining_from_the_booth_page_and_accepting_opens_the_chat(
    client, alice, bob, booth, registration
):
    client.force_login(alice)
    assert client.post(f"/fairs/booths/{booth.pk}/queue/").status_code == 302
    client.force_login(bob)
    assert client.post(f"/fairs/booths/{booth.pk}/call-next/").status_code == 302
    client.force_login(alice)
    entry = QueueEntry.objects.get()
    response = client.post(f"/fairs/queue/{entry.pk}/accept/")
    assert response.status_code == 302 and "/fairs/conversations/" in response["Location"]
    assert client.get(response["Location"]).status_code == 200


def test_a_refused_action_is_a_clear_4xx_page(client, alice, booth, registration):
    client.force_login(alice)
    client.post(f"/fairs/booths/{booth.pk}/queue/")
    response = client.post(f"/fairs/booths/{booth.pk}/queue/")
    assert response.status_code == 409
    assert "이미 이 대기열에 있습니다" in response.content.decode()


def test_the_console_is_for_the_booths_representatives_only(client, bob, charlie, alice, booth):
    client.force_login(bob)
    assert client.get(f"/fairs/booths/{booth.pk}/console/").status_code == 200
    client.force_login(charlie)
    assert client.get(f"/fairs/booths/{booth.pk}/console/").status_code == 404
    assert client.get(f"/fairs/booths/{booth.pk}/edit/").status_code == 404
    client.force_login(alice)
    assert client.get(f"/fairs/booths/{booth.pk}/console/").status_code == 404


def test_a_brochure_must_be_a_pdf_by_content(client, bob, booth):
    client.force_login(bob)
    fake = SimpleUploadedFile(
        "brochure.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf"
    )
    response = client.post(
        f"/fairs/booths/{booth.pk}/brochures/", {"title": "회사 소개", "file": fake}
    )
    assert response.status_code == 400
    assert not Brochure.objects.exists()
    real = SimpleUploadedFile("소개.pdf", PDF, content_type="application/pdf")
    assert (
        client.post(
            f"/fairs/booths/{booth.pk}/brochures/", {"title": "회사 소개", "file": real}
        ).status_code
        == 302
    )
    assert Brochure.objects.get().file.name.endswith(".pdf")


def test_representatives_must_be_company_members(bob, alice, booth):
    with pytest.raises(Exception, match="회사 구성원"):
        services.representative_add(booth=booth, user=alice, by=bob)


def test_staff_create_a_fair_and_only_verified_companies_take_part(client, dave, center, charlie):
    from accounts.models import Company

    client.force_login(dave)
    assert client.get("/fairs/staff/new/").status_code == 200
    fair = services.fair_create(
        center=center,
        by=dave,
        data={
            "title": "테스트 박람회",
            "starts_on": "2026-12-10",
            "ends_on": "2026-12-10",
            "registration_opens_at": "2026-11-01T00:00+09:00",
            "registration_closes_at": "2026-12-09T00:00+09:00",
            "slots_open_at": "2026-12-01T10:00+09:00",
        },
    )
    pending = Company.objects.create(name="미인증", brn="1234567891", status="pending")
    response = client.post(f"/fairs/staff/{fair.pk}/invite/", {"company": pending.pk})
    assert response.status_code == 400
    assert not Booth.objects.filter(company=pending).exists()
    assert client.get(f"/fairs/staff/{fair.pk}/").status_code == 200


def test_the_staff_api_invites_and_approves(client, dave, fair, charlie):
    company = charlie.company_memberships.get().company
    client.force_login(dave)
    booth = client.post(
        f"/api/v1/fairs/{fair.pk}/booths/", {"company": company.pk}, content_type="application/json"
    )
    assert booth.status_code == 201
    decided = client.post(
        f"/api/v1/booths/{booth.json()['id']}/decide/",
        {"approve": True},
        content_type="application/json",
    )
    assert decided.json()["status"] == "approved"
    client.force_login(charlie)
    assert (
        client.post(
            f"/api/v1/fairs/{fair.pk}/booths/",
            {"company": company.pk},
            content_type="application/json",
        ).status_code
        == 404
    )


def test_draft_fairs_are_hidden_from_the_public(client, alice, fair):
    fair.status = "draft"
    fair.save()
    client.force_login(alice)
    assert client.get(f"/fairs/{fair.pk}/").status_code == 404
    assert client.get(f"/api/v1/fairs/{fair.pk}/").status_code == 404


def test_the_lobby_recommends_booths_from_the_matching_engine_with_the_reason(
    client, alice, fair, booth, registration, skills
):
    from tests.jobs.conftest import give_skill

    give_skill(alice, skills["Wax carving"], 4)
    client.force_login(alice)
    page = client.get(f"/fairs/{fair.pk}/").content.decode()
    assert 'id="recommended"' in page
    assert "왁스 카빙" in page  # the reason names the skill (Korean, alice's language)


def test_staff_invite_only_companies_their_own_center_verified(client, dave, fair, other_center):
    from tests.factories import CompanyFactory

    elsewhere = CompanyFactory(name="성수만인증공방", centers=[other_center])
    ours = CompanyFactory(name="종로인증공방")
    client.force_login(dave)
    page = client.get(f"/fairs/staff/{fair.pk}/").content.decode()
    assert "종로인증공방" in page and "성수만인증공방" not in page
    response = client.post(f"/fairs/staff/{fair.pk}/invite/", {"company": elsewhere.pk})
    assert response.status_code == 400
    api = client.post(
        f"/api/v1/fairs/{fair.pk}/booths/",
        {"company": elsewhere.pk},
        content_type="application/json",
    )
    assert api.status_code == 400
    assert not Booth.objects.filter(company=elsewhere).exists()
    assert client.post(f"/fairs/staff/{fair.pk}/invite/", {"company": ours.pk}).status_code == 302
    assert Booth.objects.filter(company=ours, fair=fair, status="invited").exists()
