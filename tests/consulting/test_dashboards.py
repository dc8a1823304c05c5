"""The trainee's and the counselor's dashboards show real consultations, not just empty states."""

from consulting.services import booking_create

from .conftest import open_weekday, seoul


def _book(person, type_, counselor, answers, *, hour=10):
    booking, _created = booking_create(
        person=person,
        type_=type_,
        counselor=counselor,
        start=seoul(open_weekday(), hour),
        answers=answers,
    )
    return booking


class TestTraineeDashboard:
    def test_it_lists_the_next_consultation(self, client, alice, carol, startup_type, answers):
        _book(alice, startup_type, carol, answers)
        client.force_login(alice)
        page = client.get("/dashboard/trainee/").content.decode()
        assert "창업 상담" in page
        assert carol.name in page

    def test_it_invites_to_book_when_there_is_none(self, client, alice):
        client.force_login(alice)
        page = client.get("/dashboard/trainee/").content.decode()
        assert "/consulting/" in page
        assert "예약한 상담이 없습니다" in page


class TestCounselorDashboard:
    def test_it_shows_requests_waiting_and_the_next_bookings(
        self, client, alice, carol, startup_type, answers
    ):
        startup_type.requires_confirmation = True
        startup_type.save(update_fields=["requires_confirmation"])
        booking = _book(alice, startup_type, carol, answers)
        assert booking.status == "pending"
        client.force_login(carol)
        response = client.get("/dashboard/counselor/")
        page = response.content.decode()
        assert alice.name in page
        assert f"/consulting/workspace/{booking.pk}/" in page
        assert "확정을 기다리는 신청이 1건 있습니다." in page

    def test_it_counts_the_published_weekly_hours(self, client, carol, startup_type):
        client.force_login(carol)
        page = client.get("/dashboard/counselor/").content.decode()
        # give_weekly_hours publishes two blocks on each weekday
        assert "매주 상담 시간 10개를 공개하고 있습니다." in page
        assert "/consulting/workspace/availability/" in page
