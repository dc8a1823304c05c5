"""The interview and offer pages: the employer proposes and offers, the candidate picks and
accepts, staff record a hire; refusals show a message and change nothing; others get 404."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from jobs import services
from jobs.models import Application, Employment, Interview, Offer
from tests.factories import make_trainee
from tests.jobs.hiring_fixtures import *  # noqa: F403
from tests.jobs.hiring_fixtures import days_ahead, make_offer


def _local(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def _propose_data(*times, **extra):
    data = {
        "iv-mode": "in_person",
        "iv-address": "서울 종로구 돈화문로 11 3층",
        "iv-duration_minutes": "60",
        "iv-note": "포트폴리오를 가져와 주세요",
    }
    for i, moment in enumerate(times, start=1):
        data[f"iv-time_{i}"] = _local(moment)
    data.update(extra)
    return data


@pytest.fixture
def bob_client(client, bob):
    client.force_login(bob)
    return client


class TestEmployerPage:
    def test_it_offers_to_propose_an_interview_and_make_an_offer(self, bob_client, application):
        page = bob_client.get(reverse("jobs:employer_application", args=[application.pk]))
        html = page.content.decode()
        assert 'name="iv-time_1"' in html and 'name="offer-salary"' in html
        assert 'value="hired"' not in html  # 취업 is not a stage to move to

    def test_the_board_offers_no_move_to_hired(self, bob_client, application):
        html = bob_client.get(
            reverse("jobs:employer_board", args=[application.posting_id])
        ).content.decode()
        assert f'id="move-{application.pk}"' in html and 'value="hired"' not in html
        response = bob_client.post(
            reverse("jobs:employer_application", args=[application.pk]), {"status": "hired"}
        )
        assert response.status_code == 400 and "field__errors" in response.content.decode()
        assert Application.objects.get().status == "submitted"

    def test_proposing_sends_the_times(self, bob_client, application, bob):
        t1, t2 = days_ahead(3, 10), days_ahead(3, 15, 30)
        response = bob_client.post(
            reverse("jobs:employer_interview_propose", args=[application.pk]),
            _propose_data(t1, t2, **{"iv-interviewer": str(bob.pk)}),
        )
        assert response.status_code == 302
        interview = Interview.objects.get()
        assert [s.start for s in interview.slots.all()] == [t1, t2]
        page = bob_client.get(response["Location"]).content.decode()
        assert t2.strftime("%Y-%m-%d") in page and "15:30" in page

    def test_a_past_time_shows_an_error_and_changes_nothing(self, bob_client, application, bob):
        response = bob_client.post(
            reverse("jobs:employer_interview_propose", args=[application.pk]),
            _propose_data(days_ahead(-2), **{"iv-interviewer": str(bob.pk)}),
        )
        assert response.status_code == 400
        assert "field__errors" in response.content.decode()
        assert not Interview.objects.exists()
        assert Application.objects.get().status == "submitted"

    def test_making_an_offer(self, bob_client, application):
        today = timezone.localdate()
        response = bob_client.post(
            reverse("jobs:employer_offer_make", args=[application.pk]),
            {
                "offer-position": "귀금속 세공사",
                "offer-start_date": (today + dt.timedelta(days=10)).isoformat(),
                "offer-employment_type": "full_time",
                "offer-salary": "30000000",
                "offer-expires_on": (today + dt.timedelta(days=5)).isoformat(),
                "offer-note": "",
            },
        )
        assert response.status_code == 302
        assert Offer.objects.get().status == "open"
        assert Application.objects.get().status == "offer"

    def test_another_companys_application_is_404(self, client, application, charlie):
        client.force_login(charlie)
        for name in ("jobs:employer_interview_propose", "jobs:employer_offer_make"):
            assert client.post(reverse(name, args=[application.pk]), {}).status_code == 404
        interview = services.interview_propose(
            application=application,
            by=application.posting.company.memberships.get().user,
            mode="phone",
            times=[days_ahead(2)],
        )
        assert (
            client.post(
                reverse("jobs:employer_interview_cancel", args=[interview.pk]), {"c1-reason": "x"}
            ).status_code
            == 404
        )
        assert Interview.objects.get().status == "proposed"


class TestCandidatePage:
    @pytest.fixture
    def proposed(self, application, bob):
        return services.interview_propose(
            application=application,
            by=bob,
            mode="video",
            times=[days_ahead(4, 9), days_ahead(4, 11)],
        )

    def test_the_candidate_picks_a_time_and_sees_the_link(self, client, alice, proposed):
        client.force_login(alice)
        url = reverse("jobs:my_application", args=[proposed.application_id])
        page = client.get(url).content.decode()
        assert f'name="p{proposed.pk}-slot"' in page
        slot = proposed.slots.last()
        response = client.post(
            reverse("jobs:my_interview_pick", args=[proposed.pk]), {f"p{proposed.pk}-slot": slot.pk}
        )
        assert response.status_code == 302
        page = client.get(url).content.decode()
        assert proposed.video_url in page
        assert reverse("jobs:my_interview_ics", args=[proposed.pk]) in page
        assert client.get(reverse("jobs:my_interview_ics", args=[proposed.pk]))[
            "Content-Type"
        ].startswith("text/calendar")

    def test_times_are_shown_in_korea_time(self, client, alice, proposed):
        """A 09:00 KST interview reads 09:00 (00:00 in UTC) on the page and in the timeline."""
        client.force_login(alice)
        slot = proposed.slots.first()
        services.interview_pick(interview=proposed, by=alice, slot_id=slot.pk)
        page = client.get(reverse("jobs:my_application", args=[proposed.application_id]))
        html = page.content.decode()
        assert f"{slot.start:%Y-%m-%d}" in html and "09:00" in html
        assert "00:00–01:00" not in html

    def test_asking_for_other_times_needs_a_note(self, client, alice, proposed):
        client.force_login(alice)
        url = reverse("jobs:my_interview_request_times", args=[proposed.pk])
        assert client.post(url, {f"n{proposed.pk}-note": ""}).status_code == 400
        assert (
            client.post(url, {f"n{proposed.pk}-note": "목요일 오후가 좋습니다"}).status_code == 302
        )
        assert Interview.objects.get().status == "other_times"

    def test_another_trainee_gets_404(self, client, proposed):
        client.force_login(make_trainee())
        response = client.post(
            reverse("jobs:my_interview_pick", args=[proposed.pk]),
            {f"p{proposed.pk}-slot": proposed.slots.first().pk},
        )
        assert response.status_code == 404
        assert Interview.objects.get().status == "proposed"

    def test_accepting_an_offer_shows_hired_and_the_employment(
        self, client, alice, application, bob
    ):
        offer = make_offer(application, bob, now=None, employment_type="contract")
        client.force_login(alice)
        response = client.post(reverse("jobs:my_offer_answer", args=[offer.pk, "accept"]))
        assert response.status_code == 302
        with translation.override("ko"):
            page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="ko").content.decode()
        assert Employment.objects.get().source == "offer"
        assert "취업" in page

    def test_an_expired_offer_is_refused_on_the_page(self, client, alice, application, bob):
        offer = make_offer(application, bob, now=None, expires_in=0)
        Offer.objects.filter(pk=offer.pk).update(
            expires_at=timezone.now() - dt.timedelta(minutes=1)
        )
        client.force_login(alice)
        response = client.post(reverse("jobs:my_offer_answer", args=[offer.pk, "accept"]))
        assert response.status_code == 409
        assert not Employment.objects.exists()
        assert Application.objects.get().status == "offer"


class TestStaffHire:
    def test_staff_record_a_hire_with_a_reason(self, client, dave, application, posting):
        client.force_login(dave)
        assert (
            application.applicant.name
            in client.get(reverse("jobs:staff_posting", args=[posting.pk])).content.decode()
        )
        url = reverse("jobs:staff_application_hire", args=[application.pk])
        data = {
            "start_date": timezone.localdate().isoformat(),
            "employment_type": "full_time",
            "position": "",
            "salary": "",
        }
        assert client.post(url, {**data, "reason": ""}).status_code == 400
        assert not Employment.objects.exists()
        response = client.post(url, {**data, "reason": "기업 담당자 전화 확인"})
        assert response.status_code == 302
        employment = Employment.objects.get()
        assert (employment.source, employment.reason) == ("staff", "기업 담당자 전화 확인")
        assert Application.objects.get().status == "hired"

    def test_employers_and_trainees_cannot(self, client, bob, alice, application):
        url = reverse("jobs:staff_application_hire", args=[application.pk])
        for user in (bob, alice):
            client.force_login(user)
            assert client.get(url).status_code == 404

    def test_staff_of_another_center_cannot(self, client, dave, erin, application):
        url = reverse("jobs:staff_application_hire", args=[application.pk])
        api = reverse("api_application_hire", args=[application.pk])
        data = {"start_date": timezone.localdate().isoformat(), "reason": "전화 확인"}
        client.force_login(dave)
        assert client.get(url).status_code == 200  # control: the posting's center
        client.force_login(erin)
        assert client.get(url).status_code == 404
        assert client.post(url, data).status_code == 404
        assert client.post(api, data, content_type="application/json").status_code == 404
        assert not Employment.objects.exists()
        assert Application.objects.get().status != "hired"


def test_my_applications_lists_what_awaits_an_answer(client, alice, application, bob):
    services.interview_propose(
        application=application, by=bob, mode="phone", times=[days_ahead(5, 13)]
    )
    today = timezone.localdate()
    make_offer(application, bob, now=None, position="CAD 디자이너", expires_in=4)
    client.force_login(alice)
    html = client.get(reverse("jobs:my_applications")).content.decode()
    assert "CAD 디자이너" in html
    assert (today + dt.timedelta(days=4)).isoformat() in html
    assert "일시 선택 대기" in html and "일시를 골라 주세요" in html  # the interview to pick
