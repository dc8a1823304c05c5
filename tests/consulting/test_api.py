"""The consulting API: listing, slots, booking, idempotency, changes, and clear errors."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from consulting.models import Booking
from tests.consulting.conftest import seoul
from tests.factories import make_trainee


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def _post(client, url, data=None, **headers):
    return client.post(url, data or {}, content_type="application/json", headers=headers)


def _payload(type_, counselor, start, answers):
    return {
        "counselor": counselor.pk if counselor else None,
        "type": type_.pk,
        "start": start.isoformat(),
        "answers": answers,
    }


class TestReading:
    def test_it_lists_types_by_center_and_counselors_by_type(
        self, client, startup_type, carol, center
    ):
        types = client.get(f"/api/v1/consultation-types/?center={center.slug}").json()
        assert [t["id"] for t in types] == [startup_type.pk]
        assert types[0]["counselors"] == [carol.pk]
        assert client.get("/api/v1/consultation-types/?center=nowhere").json() == []
        counselors = client.get(f"/api/v1/counselors/?type={startup_type.pk}").json()
        assert counselors == [{"id": carol.pk, "name": carol.name}]

    def test_it_lists_slots_with_offsets_in_the_asked_time_zone(
        self, client, startup_type, carol, day
    ):
        url = f"/api/v1/counselors/{carol.pk}/slots/?type={startup_type.pk}&from={day}&to={day}"
        slots = client.get(url).json()
        assert slots[0] == {"start": f"{day}T10:00:00+09:00", "end": f"{day}T11:00:00+09:00"}
        utc = client.get(url + "&tz=UTC").json()
        assert utc[0]["start"] == f"{day}T01:00:00+00:00"

    @pytest.mark.parametrize(
        ("query", "field"),
        [
            ("type={type}&from=2026-13-01&to=2026-12-01", "from"),
            ("type={type}&from={day}&to=tomorrow", "to"),
            ("type={type}&from={day}&to={day}&tz=Mars/Olympus", "tz"),
            ("type=abc&from={day}&to={day}", "type"),
            ("type={type}&from={day}&to={before}", "to"),
            ("type={type}&from={day}&to={far}", "to"),
        ],
    )
    def test_it_answers_400_to_malformed_slot_queries(
        self, client, startup_type, carol, day, query, field
    ):
        query = query.format(
            type=startup_type.pk,
            day=day,
            before=day - timedelta(days=1),
            far=day + timedelta(days=200),
        )
        response = client.get(f"/api/v1/counselors/{carol.pk}/slots/?{query}")
        assert response.status_code == 400
        body = response.json()
        assert field in body["errors"] and body["detail"]

    def test_slots_of_someone_not_offering_the_type_are_404(self, client, startup_type, alice, day):
        url = f"/api/v1/counselors/{alice.pk}/slots/?type={startup_type.pk}&from={day}&to={day}"
        assert client.get(url).status_code == 404


class TestBooking:
    def test_it_books_and_returns_201(self, alice_client, startup_type, carol, answers, day):
        response = _post(
            alice_client,
            "/api/v1/consultations/",
            _payload(startup_type, carol, seoul(day, 10), answers),
        )
        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["status"] == "confirmed"
        assert body["start"] == f"{day}T10:00:00+09:00"
        assert body["end"] == f"{day}T11:00:00+09:00"
        mine = alice_client.get("/api/v1/me/consultations/").json()
        assert [b["id"] for b in mine["results"]] == [body["id"]]

    def test_an_idempotency_key_makes_retries_safe(
        self, alice_client, startup_type, carol, answers, day
    ):
        payload = _payload(startup_type, carol, seoul(day, 10), answers)
        first = _post(
            alice_client, "/api/v1/consultations/", payload, **{"Idempotency-Key": "abc-1"}
        )
        second = _post(
            alice_client, "/api/v1/consultations/", payload, **{"Idempotency-Key": "abc-1"}
        )
        assert first.status_code == 201 and second.status_code == 201
        assert first.json()["id"] == second.json()["id"]
        assert second.headers["Idempotent-Replayed"] == "true"
        assert Booking.objects.count() == 1
        other = _payload(startup_type, carol, seoul(day, 14), answers)
        reused = _post(
            alice_client, "/api/v1/consultations/", other, **{"Idempotency-Key": "abc-1"}
        )
        assert reused.status_code == 422
        assert reused.json() == {
            "detail": "이 Idempotency-Key는 이미 다른 요청에 사용되었습니다.",
            "errors": {},
        }

    def test_a_taken_slot_is_409(self, alice_client, startup_type, carol, answers, day, client):
        from django.test import Client

        other = Client()
        other.force_login(make_trainee(email="t2@example.com"))
        payload = _payload(startup_type, carol, seoul(day, 10), answers)
        assert _post(other, "/api/v1/consultations/", payload).status_code == 201
        response = _post(alice_client, "/api/v1/consultations/", payload)
        assert response.status_code == 409
        assert response.json() == {
            "detail": "방금 다른 분이 그 시간을 예약했습니다. 다른 시간을 선택해 주세요.",
            "errors": {},
        }

    def test_a_second_consultation_at_the_same_time_is_409_with_its_reason(
        self, alice_client, startup_type, carol, erin, answers, day
    ):
        first = _payload(startup_type, carol, seoul(day, 10), answers)
        assert _post(alice_client, "/api/v1/consultations/", first).status_code == 201
        clash = _payload(startup_type, erin, seoul(day, 10, 30), answers)
        response = _post(alice_client, "/api/v1/consultations/", clash)
        assert response.status_code == 409
        assert response.json() == {
            "detail": "그 시간에 이미 다른 상담이 예약되어 있습니다.",
            "errors": {},
        }
        assert Booking.objects.count() == 1

    @pytest.mark.parametrize(
        ("start", "message"),
        [
            ("2026-12-01T10:00:00", "오프셋"),
            ("yesterday", "ISO 8601"),
            ("past", "지난 시간"),
            ("notice", "최소"),
            ("grid", "30분 단위"),
            ("outside", "상담하지 않습니다"),
            ("horizon", "일 앞까지"),
        ],
    )
    def test_bad_starts_are_400_and_nothing_is_booked(
        self, alice_client, startup_type, carol, answers, day, start, message
    ):
        now = timezone.localtime()
        start = {
            "past": (now - timedelta(days=1))
            .replace(minute=0, second=0, microsecond=0)
            .isoformat(),
            "notice": (now + timedelta(hours=2))
            .replace(minute=0, second=0, microsecond=0)
            .isoformat(),
            "grid": seoul(day, 10, 15).isoformat(),
            "outside": seoul(day, 21).isoformat(),
            "horizon": seoul(timezone.localdate() + timedelta(days=120), 10).isoformat(),
        }.get(start, start)
        payload = {
            "counselor": carol.pk,
            "type": startup_type.pk,
            "start": start,
            "answers": answers,
        }
        response = _post(alice_client, "/api/v1/consultations/", payload)
        assert response.status_code == 400, response.json()
        assert message in " ".join(response.json()["errors"]["start"])
        assert Booking.objects.count() == 0

    def test_missing_answers_and_unknown_types_are_400(
        self, alice_client, startup_type, carol, day
    ):
        payload = _payload(startup_type, carol, seoul(day, 10), {})
        response = _post(alice_client, "/api/v1/consultations/", payload)
        assert response.status_code == 400 and "answers" in response.json()["errors"]
        payload["type"] = 999999
        assert _post(alice_client, "/api/v1/consultations/", payload).status_code == 400
        assert _post(alice_client, "/api/v1/consultations/", {"type": "x"}).status_code == 400
        assert Booking.objects.count() == 0

    def test_anonymous_people_cannot_book(self, client, startup_type, carol, answers, day):
        response = _post(
            client, "/api/v1/consultations/", _payload(startup_type, carol, seoul(day, 10), answers)
        )
        assert response.status_code in (401, 403)


class TestChanges:
    @pytest.fixture
    def booking(self, alice_client, startup_type, carol, answers, day):
        response = _post(
            alice_client,
            "/api/v1/consultations/",
            _payload(startup_type, carol, seoul(day, 10), answers),
        )
        return Booking.objects.get(pk=response.json()["id"])

    def test_the_person_reschedules_and_cancels(self, alice_client, booking, day):
        url = f"/api/v1/consultations/{booking.pk}/"
        response = _post(alice_client, url + "reschedule/", {"start": seoul(day, 15).isoformat()})
        assert response.status_code == 200 and response.json()["start"] == f"{day}T15:00:00+09:00"
        ics = alice_client.get(url + "ics/")
        assert ics["Content-Type"].startswith("text/calendar") and b"BEGIN:VEVENT" in ics.content
        assert _post(alice_client, url + "cancel/").json()["status"] == "cancelled"
        assert _post(alice_client, url + "cancel/").status_code == 400

    def test_after_the_cutoff_changes_are_400(self, alice_client, booking, day, settings):
        settings.CONSULTING_CANCEL_CUTOFF_HOURS = 24 * 90
        url = f"/api/v1/consultations/{booking.pk}/"
        assert _post(alice_client, url + "cancel/").status_code == 400
        assert (
            _post(
                alice_client, url + "reschedule/", {"start": seoul(day, 15).isoformat()}
            ).status_code
            == 400
        )
        booking.refresh_from_db()
        assert booking.status == "confirmed" and booking.start == seoul(day, 10)

    def test_someone_elses_booking_is_404(self, client, booking, bob, carol):
        client.force_login(bob)
        url = f"/api/v1/consultations/{booking.pk}/"
        assert client.get(url).status_code == 404
        assert _post(client, url + "cancel/").status_code == 404
        assert (
            _post(client, url + "reschedule/", {"start": "2030-01-01T10:00:00+09:00"}).status_code
            == 404
        )
        assert client.get(url + "ics/").status_code == 404
        assert _post(client, url + "confirm/").status_code == 404
        assert _post(client, url + "outcome/", {"outcome": "hired"}).status_code == 404

    def test_the_person_cannot_use_counselor_actions(self, alice_client, booking):
        assert (
            _post(alice_client, f"/api/v1/consultations/{booking.pk}/confirm/").status_code == 404
        )

    @pytest.mark.parametrize("action", ["confirm", "decline", "outcome", "no-show"])
    @pytest.mark.parametrize(
        "body",
        [{"outcome": "nope"}, {"reason": "x" * 5000}, "{not json", "[1, 2"],
        ids=["bad-choice", "too-long", "broken-json", "broken-list"],
    )
    def test_a_wrong_role_gets_404_for_counselor_actions_whatever_the_body(
        self, client, alice, bob, booking, action, body
    ):
        """The person (a trainee) and an employer are refused before the body is read."""
        url = f"/api/v1/consultations/{booking.pk}/{action}/"
        for person in (alice, bob):
            client.force_login(person)
            response = client.post(url, body, content_type="application/json")
            assert response.status_code == 404, (person, response.content)
            assert response.json()["errors"] == {}
        booking.refresh_from_db()
        assert booking.status == "confirmed" and booking.outcome == ""

    def test_anonymous_callers_of_counselor_actions_get_401(self, booking):
        from django.test import Client

        response = Client().post(
            f"/api/v1/consultations/{booking.pk}/outcome/",
            "{not json",
            content_type="application/json",
        )
        assert response.status_code == 401

    def test_the_counselor_gets_the_bodys_errors(self, client, carol, booking):
        client.force_login(carol)
        url = f"/api/v1/consultations/{booking.pk}/"
        assert _post(client, url + "outcome/", {"outcome": "nope"}).status_code == 400
        broken = client.post(url + "decline/", "{not json", content_type="application/json")
        assert broken.status_code == 400

    def test_the_counselor_confirms_declines_and_records_outcomes(
        self, client, carol, startup_type, alice, answers, day
    ):
        startup_type.requires_confirmation = True
        startup_type.save()
        client.force_login(alice)
        first = _post(
            client, "/api/v1/consultations/", _payload(startup_type, carol, seoul(day, 10), answers)
        ).json()
        second = _post(
            client, "/api/v1/consultations/", _payload(startup_type, carol, seoul(day, 14), answers)
        ).json()
        assert first["status"] == "pending"
        client.force_login(carol)
        assert (
            _post(client, f"/api/v1/consultations/{first['id']}/confirm/").json()["status"]
            == "confirmed"
        )
        declined = _post(
            client, f"/api/v1/consultations/{second['id']}/decline/", {"reason": "출장"}
        ).json()
        assert declined["status"] == "declined"
        # an outcome before the consultation is refused, with a message
        response = _post(
            client, f"/api/v1/consultations/{first['id']}/outcome/", {"outcome": "hired"}
        )
        assert response.status_code == 400 and response.json()["detail"]
        assert (
            _post(
                client, f"/api/v1/consultations/{first['id']}/outcome/", {"outcome": "nope"}
            ).status_code
            == 400
        )


def test_errors_come_in_the_persons_language(client, alice, startup_type, carol, answers, day):
    alice.language = "en"
    alice.save(update_fields=["language"])
    client.force_login(alice)
    payload = _payload(startup_type, carol, seoul(day, 10, 15), answers)
    response = _post(client, "/api/v1/consultations/", payload)
    assert response.status_code == 400
    assert "every 30 minutes" in response.json()["errors"]["start"][0]


class TestOddInput:
    @pytest.mark.parametrize(
        "start",
        ["0001-01-01T00:00:00+09:00", "9999-12-31T23:59:59-12:00", "2026-12-01T10:00:00+25:00"],
    )
    def test_out_of_range_times_are_400(self, alice_client, startup_type, carol, answers, start):
        payload = {
            "counselor": carol.pk,
            "type": startup_type.pk,
            "start": start,
            "answers": answers,
        }
        assert _post(alice_client, "/api/v1/consultations/", payload).status_code == 400

    def test_huge_ids_are_400(self, alice_client, startup_type, carol, answers, day):
        payload = {
            "counselor": 10**30,
            "type": 10**30,
            "start": seoul(day, 10).isoformat(),
            "answers": answers,
        }
        assert _post(alice_client, "/api/v1/consultations/", payload).status_code == 400
        url = f"/api/v1/counselors/{carol.pk}/slots/?type={10**30}&from={day}&to={day}"
        assert alice_client.get(url).status_code == 400

    @pytest.mark.parametrize("tz", ["Asia", "../../etc/passwd", "Asia/Seoul%00", "x" * 100])
    def test_odd_time_zones_are_400(self, client, startup_type, carol, day, tz):
        url = f"/api/v1/counselors/{carol.pk}/slots/?type={startup_type.pk}&from={day}&to={day}&tz={tz}"
        assert client.get(url).status_code == 400

    def test_far_dates_are_400(self, client, startup_type, carol):
        url = f"/api/v1/counselors/{carol.pk}/slots/?type={startup_type.pk}&from=9999-12-30&to=9999-12-31"
        assert client.get(url).status_code == 400

    def test_pages_survive_odd_dates_and_zones(self, alice_client, startup_type, carol):
        alice_client.cookies["ilteo_tz"] = "Asia"
        assert (
            alice_client.get(f"/consulting/book/{startup_type.pk}/?week=9999-12-31").status_code
            == 200
        )
        alice_client.force_login(carol)
        assert alice_client.get("/consulting/workspace/?date=9999-12-31").status_code == 200
        assert (
            alice_client.get("/consulting/workspace/?date=0001-01-01&view=day").status_code == 200
        )
