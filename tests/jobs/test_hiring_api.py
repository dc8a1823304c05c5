"""The interviews and offers API: shapes, the one error format, 404 for anyone else's, 409s."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from jobs.models import Application, Employment, Interview, Offer
from tests.factories import make_trainee
from tests.jobs.hiring_fixtures import *  # noqa: F403
from tests.jobs.hiring_fixtures import days_ahead


def _as(client, user):
    client.force_login(user)
    return client


def _post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def _propose(client, application, *times, **extra):
    body = {
        "mode": "in_person",
        "address": "서울 종로구 돈화문로 11",
        "times": [t.isoformat() for t in times],
        **extra,
    }
    return _post(client, f"/api/v1/applications/{application.pk}/interviews/", body)


def _offer_body(**overrides):
    today = timezone.localdate()
    body = {
        "position": "귀금속 세공사",
        "start_date": (today + dt.timedelta(days=14)).isoformat(),
        "employment_type": "full_time",
        "salary": 31_000_000,
        "expires_on": (today + dt.timedelta(days=7)).isoformat(),
    }
    body.update(overrides)
    return body


class TestInterviews:
    def test_propose_list_pick_and_download(self, client, application, bob, alice):
        t1, t2 = days_ahead(3, 10), days_ahead(3, 15)
        response = _propose(_as(client, bob), application, t1, t2, duration_minutes=45)
        assert response.status_code == 201, response.json()
        created = response.json()
        assert created["status"] == "proposed" and created["interviewer"]["id"] == bob.pk
        assert [slot["start"] for slot in created["proposed_times"]] == [
            t1.isoformat(),
            t2.isoformat(),
        ]
        _as(client, alice)
        listed = client.get(f"/api/v1/applications/{application.pk}/interviews/").json()
        assert [i["id"] for i in listed] == [created["id"]]
        mine = client.get("/api/v1/me/interviews/").json()
        assert mine["count"] == 1 and mine["results"][0]["posting"]["title"] == "귀금속 세공사"
        slot = created["proposed_times"][1]["id"]
        picked = _post(client, f"/api/v1/interviews/{created['id']}/pick/", {"slot": slot})
        assert picked.status_code == 200
        assert picked.json()["status"] == "confirmed"
        assert picked.json()["start"] == t2.isoformat()
        ics = client.get(f"/api/v1/interviews/{created['id']}/ics/")
        assert ics["Content-Type"].startswith("text/calendar")
        assert b"BEGIN:VEVENT" in ics.content and b"TZID=Asia/Seoul" in ics.content

    def test_a_past_time_is_400_and_nothing_changes(self, client, application, bob):
        response = _propose(_as(client, bob), application, days_ahead(-1))
        assert response.status_code == 400
        body = response.json()
        assert set(body) == {"detail", "errors"} and "times" in body["errors"]
        assert not Interview.objects.exists()
        assert Application.objects.get().status == "submitted"

    def test_a_time_not_proposed_is_400_and_a_taken_one_409(
        self, client, application, bob, alice, posting
    ):
        erin = make_trainee(email="erin@example.com")
        other = Application.objects.create(posting=posting, applicant=erin)
        _as(client, bob)
        mine = _propose(client, application, days_ahead(4, 14)).json()
        theirs = _propose(client, other, days_ahead(4, 14, 30)).json()
        _as(client, alice)
        wrong = _post(
            client,
            f"/api/v1/interviews/{mine['id']}/pick/",
            {"slot": theirs["proposed_times"][0]["id"]},
        )
        assert wrong.status_code == 400 and "slot" in wrong.json()["errors"]
        _as(client, erin)
        assert (
            _post(
                client,
                f"/api/v1/interviews/{theirs['id']}/pick/",
                {"slot": theirs["proposed_times"][0]["id"]},
            ).status_code
            == 200
        )
        _as(client, alice)
        taken = _post(
            client,
            f"/api/v1/interviews/{mine['id']}/pick/",
            {"slot": mine["proposed_times"][0]["id"]},
        )
        assert taken.status_code == 409
        assert set(taken.json()) == {"detail", "errors"}
        assert Interview.objects.get(pk=mine["id"]).status == "proposed"

    def test_reschedule_from_either_side_and_cancel_with_a_reason(
        self, client, application, bob, alice
    ):
        _as(client, bob)
        created = _propose(client, application, days_ahead(5, 11)).json()
        url = f"/api/v1/interviews/{created['id']}/"
        _as(client, alice)
        _post(client, url + "pick/", {"slot": created["proposed_times"][0]["id"]})
        moved = _post(client, url + "reschedule/", {"reason": "수업 일정과 겹칩니다"})
        assert moved.json()["status"] == "other_times"
        _as(client, bob)
        no_times = _post(client, url + "reschedule/", {"reason": "다시"})
        assert no_times.status_code == 400 and "times" in no_times.json()["errors"]
        again = _post(client, url + "reschedule/", {"times": [days_ahead(6, 16).isoformat()]})
        assert again.json()["status"] == "proposed"
        assert _post(client, url + "cancel/", {}).status_code == 400
        cancelled = _post(client, url + "cancel/", {"reason": "채용 계획 변경"})
        assert cancelled.json()["status"] == "cancelled"
        assert cancelled.json()["status_reason"] == "채용 계획 변경"

    def test_no_show_before_the_start_is_409(self, client, application, bob, alice):
        created = _propose(_as(client, bob), application, days_ahead(2)).json()
        Interview.objects.filter(pk=created["id"]).update(
            status="confirmed", start=days_ahead(2), end=days_ahead(2, 15)
        )
        assert _post(client, f"/api/v1/interviews/{created['id']}/no-show/").status_code == 409

    def test_another_company_and_another_trainee_get_404(
        self, client, application, bob, alice, charlie
    ):
        created = _propose(_as(client, bob), application, days_ahead(3)).json()
        _as(client, charlie)
        for url in (
            f"/api/v1/applications/{application.pk}/interviews/",
            f"/api/v1/interviews/{created['id']}/",
            f"/api/v1/interviews/{created['id']}/ics/",
        ):
            assert client.get(url).status_code == 404, url
        assert _propose(client, application, days_ahead(3)).status_code == 404
        assert (
            _post(
                client, f"/api/v1/interviews/{created['id']}/cancel/", {"reason": "x"}
            ).status_code
            == 404
        )
        _as(client, make_trainee())
        assert client.get(f"/api/v1/interviews/{created['id']}/").status_code == 404
        pick = _post(
            client,
            f"/api/v1/interviews/{created['id']}/pick/",
            {"slot": created["proposed_times"][0]["id"]},
        )
        assert pick.status_code == 404
        assert Interview.objects.get().status == "proposed"

    def test_the_role_is_checked_before_the_body_is_read(self, client, application, alice):
        response = client.generic(
            "POST",
            f"/api/v1/applications/{application.pk}/interviews/",
            b"{not json",
            content_type="application/json",
        )
        assert response.status_code in (401, 403)
        _as(client, alice)
        response = client.generic(
            "POST",
            f"/api/v1/applications/{application.pk}/interviews/",
            b"{not json",
            content_type="application/json",
        )
        assert response.status_code == 404


class TestOffers:
    def test_make_accept_and_the_employment(self, client, application, bob, alice):
        response = _post(
            _as(client, bob), f"/api/v1/applications/{application.pk}/offers/", _offer_body()
        )
        assert response.status_code == 201, response.json()
        offer = response.json()
        assert offer["status"] == "open" and offer["employment"] is None
        _as(client, alice)
        assert client.get("/api/v1/me/offers/").json()["results"][0]["id"] == offer["id"]
        accepted = _post(client, f"/api/v1/offers/{offer['id']}/accept/")
        assert accepted.status_code == 200
        body = accepted.json()
        assert body["status"] == "accepted"
        assert body["employment"]["source"] == "offer"
        assert body["employment"]["salary_band"] == "30m_35m"
        assert Application.objects.get().status == "hired"
        # Answering twice is a conflict.
        assert _post(client, f"/api/v1/offers/{offer['id']}/decline/").status_code == 409

    def test_a_withdrawn_or_expired_offer_is_409_and_nothing_changes(
        self, client, application, bob, alice
    ):
        offer = _post(
            _as(client, bob), f"/api/v1/applications/{application.pk}/offers/", _offer_body()
        ).json()
        assert _post(client, f"/api/v1/offers/{offer['id']}/withdraw/").status_code == 200
        _as(client, alice)
        assert _post(client, f"/api/v1/offers/{offer['id']}/accept/").status_code == 409
        _as(client, bob)
        second = _post(
            client, f"/api/v1/applications/{application.pk}/offers/", _offer_body()
        ).json()
        Offer.objects.filter(pk=second["id"]).update(
            expires_at=timezone.now() - dt.timedelta(minutes=1)
        )
        _as(client, alice)
        expired = _post(client, f"/api/v1/offers/{second['id']}/accept/")
        assert expired.status_code == 409
        assert not Employment.objects.exists()
        assert Application.objects.get().status == "offer"

    def test_bad_offer_input_is_400_in_the_one_format(self, client, application, bob):
        response = _post(
            _as(client, bob),
            f"/api/v1/applications/{application.pk}/offers/",
            _offer_body(expires_on="2020-01-01", salary=0),
        )
        assert response.status_code == 400
        assert {"salary"} <= set(response.json()["errors"])
        past = _post(
            client,
            f"/api/v1/applications/{application.pk}/offers/",
            _offer_body(expires_on="2020-01-01"),
        )
        assert past.status_code == 400 and "expires_on" in past.json()["errors"]
        assert not Offer.objects.exists()

    def test_another_company_gets_404(self, client, application, bob, charlie, alice):
        offer = _post(
            _as(client, bob), f"/api/v1/applications/{application.pk}/offers/", _offer_body()
        ).json()
        _as(client, charlie)
        assert client.get(f"/api/v1/applications/{application.pk}/offers/").status_code == 404
        assert _post(client, f"/api/v1/offers/{offer['id']}/withdraw/").status_code == 404
        _as(client, make_trainee())
        assert _post(client, f"/api/v1/offers/{offer['id']}/accept/").status_code == 404
        assert Offer.objects.get().status == "open"

    def test_the_employer_cannot_patch_an_application_to_hired(self, client, application, bob):
        response = client.patch(
            f"/api/v1/applications/{application.pk}/",
            {"status": "hired"},
            content_type="application/json",
        )
        assert response.status_code in (401, 403)
        response = _as(client, bob).patch(
            f"/api/v1/applications/{application.pk}/",
            {"status": "hired"},
            content_type="application/json",
        )
        assert response.status_code == 400 and "status" in response.json()["errors"]
        assert Application.objects.get().status == "submitted"


class TestStaffHire:
    def test_staff_record_a_hire_and_others_get_404(self, client, application, dave, bob):
        body = {"reason": "기업 담당자와 전화로 확인", "start_date": "2026-12-15"}
        assert (
            _post(
                _as(client, bob), f"/api/v1/applications/{application.pk}/hire/", body
            ).status_code
            == 404
        )
        response = _post(_as(client, dave), f"/api/v1/applications/{application.pk}/hire/", body)
        assert response.status_code == 201, response.json()
        assert response.json()["source"] == "staff"
        assert Application.objects.get().status == "hired"
        again = _post(client, f"/api/v1/applications/{application.pk}/hire/", body)
        assert again.status_code == 409


def test_the_schema_lists_the_hiring_operations(client, db):
    schema = client.get("/api/schema/?format=json").json()
    for path in (
        "/api/v1/applications/{id}/interviews/",
        "/api/v1/interviews/{id}/pick/",
        "/api/v1/interviews/{id}/reschedule/",
        "/api/v1/interviews/{id}/ics/",
        "/api/v1/offers/{id}/accept/",
        "/api/v1/me/offers/",
    ):
        assert path in schema["paths"], path
