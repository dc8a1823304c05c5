"""Catalog, course page, enrolling from the page and the trainee's enrollments page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.models import Course, Enrollment
from tests.courses.factories import (
    CourseCategoryFactory,
    CourseFactory,
    CourseRunFactory,
    CourseSkillFactory,
    EnrollmentFactory,
)
from tests.factories import make_trainee

S = Enrollment.Status


@pytest.fixture
def cad(center):
    course = CourseFactory(
        center=center,
        title="주얼리 CAD 실무",
        title_en="Jewelry CAD",
        level=Course.Level.INTERMEDIATE,
        description="**라이노** 기초 <script>alert(1)</script>",
        fee=300000,
        subsidy_note="국민내일배움카드",
    )
    CourseSkillFactory(
        course=course, skill__name="주얼리 CAD (Rhino/Matrix)", skill__ncs_code="1903080103_16v2"
    )
    return course


class TestCatalog:
    def test_it_lists_published_courses_with_seats(self, client, cad):
        run = CourseRunFactory(course=cad, capacity=3)
        EnrollmentFactory(run=run)
        CourseFactory(center=cad.center, title="비공개 과정", is_published=False)
        response = client.get(reverse("courses:index"))
        assert response.status_code == 200
        body = response.content.decode()
        assert "주얼리 CAD 실무" in body
        assert "비공개 과정" not in body
        # Three seats, one taken: the run's badge says two are left.
        assert '<span class="badge badge--success">2석 남음</span>' in body

    def test_it_shows_english_titles_in_english(self, client, cad):
        response = client.get(reverse("courses:index"), HTTP_ACCEPT_LANGUAGE="en")
        assert "Jewelry CAD" in response.content.decode()

    def test_it_filters_by_center_category_level_month_and_seats(self, client, cad, other_center):
        design = CourseCategoryFactory(slug="design", name="디자인")
        shoes = CourseFactory(center=other_center, title="수제화 패턴", category=design)
        full = CourseFactory(center=cad.center, title="보석감정 실무")
        run = CourseRunFactory(course=full, capacity=1)
        services.enrollment_create(run=run, user=make_trainee())
        CourseRunFactory(course=cad, capacity=5)
        url = reverse("courses:index")

        def titles(**params):
            return {c.title for c in client.get(url, params).context["courses"]}

        assert titles(center="seongsu-shoes") == {shoes.title}
        assert titles(category="design") == {shoes.title}
        assert titles(level="intermediate") == {cad.title}
        assert titles(has_seats="on") == {cad.title}
        month = (timezone.localdate() + dt.timedelta(days=30)).strftime("%Y-%m")
        assert titles(month=month) == {cad.title, full.title}
        assert titles(q="CAD") == {cad.title}

    def test_it_ignores_a_malformed_month(self, client, cad):
        response = client.get(reverse("courses:index"), {"month": "2026-13"})
        assert response.status_code == 200

    def test_the_list_takes_a_fixed_number_of_queries(
        self, client, center, django_assert_max_num_queries
    ):
        for i in range(12):
            course = CourseFactory(center=center, title=f"과정 {i}")
            for _ in range(2):
                run = CourseRunFactory(course=course, capacity=1)
            services.enrollment_create(run=run, user=make_trainee())
        with django_assert_max_num_queries(10):
            response = client.get(reverse("courses:index"))
        assert len(response.context["courses"]) == 12

    def test_it_paginates(self, client, center):
        for i in range(15):
            CourseFactory(center=center, title=f"과정 {i:02d}")
        response = client.get(reverse("courses:index"), {"page": 2})
        assert len(response.context["courses"]) == 3


class TestCourseDetail:
    def test_it_shows_runs_seats_waitlist_and_sanitized_markdown(self, client, cad, alice):
        run = CourseRunFactory(course=cad, capacity=1)
        services.enrollment_create(run=run, user=make_trainee())
        services.enrollment_create(run=run, user=make_trainee())
        client.force_login(alice)
        response = client.get(reverse("courses:detail", args=[cad.pk]))
        body = response.content.decode()
        assert "<strong>라이노</strong>" in body
        assert "<script>alert" not in body
        assert "1903080103_16v2" in body
        assert response.context["upcoming_runs"][0].waitlist_length == 1
        assert response.context["upcoming_runs"][0].seats_left == 0
        assert reverse("courses:enroll", args=[run.pk]) in body

    def test_an_unpublished_course_is_404_for_the_public(self, client, alice, center):
        hidden = CourseFactory(center=center, is_published=False)
        client.force_login(alice)
        assert client.get(reverse("courses:detail", args=[hidden.pk])).status_code == 404

    def test_staff_of_the_center_see_an_unpublished_course(self, client, dave, center):
        hidden = CourseFactory(center=center, is_published=False)
        client.force_login(dave)
        assert client.get(reverse("courses:detail", args=[hidden.pk])).status_code == 200


class TestEnrollFromThePage:
    def test_a_trainee_enrolls_and_sees_it_in_my_enrollments(self, client, alice, cad):
        run = CourseRunFactory(course=cad, capacity=2)
        client.force_login(alice)
        response = client.post(reverse("courses:enroll", args=[run.pk]), follow=True)
        assert response.redirect_chain[-1][0] == reverse("courses:my_enrollments")
        assert Enrollment.objects.get(user=alice).status == S.CONFIRMED
        assert "주얼리 CAD 실무" in response.content.decode()

    def test_enrolling_twice_shows_a_message_and_changes_nothing(self, client, alice, cad):
        run = CourseRunFactory(course=cad)
        client.force_login(alice)
        client.post(reverse("courses:enroll", args=[run.pk]))
        response = client.post(reverse("courses:enroll", args=[run.pk]), follow=True)
        assert Enrollment.objects.filter(user=alice).count() == 1
        messages = [str(m) for m in response.context["messages"]]
        assert any("이미" in m for m in messages)  # Korean, the default language

    def test_a_screened_run_collects_answers(self, client, alice, cad):
        run = CourseRunFactory(course=cad, is_screened=True, application_questions="지원 동기")
        client.force_login(alice)
        client.post(reverse("courses:enroll", args=[run.pk]), {f"run{run.pk}-q0": "공방 창업"})
        enrollment = Enrollment.objects.get(user=alice)
        assert enrollment.status == S.PENDING
        assert enrollment.answers == {"지원 동기": "공방 창업"}

    def test_enrolling_needs_login(self, client, cad):
        run = CourseRunFactory(course=cad)
        response = client.post(reverse("courses:enroll", args=[run.pk]))
        assert response.status_code == 302 and "login" in response.url
        assert not Enrollment.objects.exists()

    def test_a_trainee_accepts_an_offer_from_the_page(self, client, alice, cad):
        run = CourseRunFactory(course=cad, capacity=1)
        first = services.enrollment_create(run=run, user=make_trainee())
        mine = services.enrollment_create(run=run, user=alice)
        services.enrollment_cancel(enrollment=first)
        client.force_login(alice)
        page = client.get(reverse("courses:my_enrollments"))
        assert reverse("courses:enrollment_accept", args=[mine.pk]) in page.content.decode()
        client.post(reverse("courses:enrollment_accept", args=[mine.pk]))
        assert Enrollment.objects.get(pk=mine.pk).status == S.CONFIRMED

    def test_someone_elses_enrollment_is_404(self, client, alice, cad):
        run = CourseRunFactory(course=cad)
        other = services.enrollment_create(run=run, user=make_trainee())
        client.force_login(alice)
        response = client.post(reverse("courses:enrollment_cancel", args=[other.pk]))
        assert response.status_code == 404
        assert Enrollment.objects.get(pk=other.pk).status == S.CONFIRMED


class TestPublicSchedule:
    """Anyone, signed in or not, sees when and where the classes meet before enrolling."""

    @pytest.fixture
    def evening_run(self, cad):
        from courses.models import ClassMeeting

        seoul = timezone.get_default_timezone()
        run = CourseRunFactory(course=cad, place="종로 귀금속센터 3층 실습실")
        first = run.starts_on
        while first.weekday() != 1:  # the first Tuesday of the run
            first += dt.timedelta(days=1)
        for week in range(2):
            for offset in (0, 2):  # Tuesday and Thursday, 19:00–22:00 in Seoul
                day = first + dt.timedelta(days=7 * week + offset)
                ClassMeeting.objects.create(
                    run=run,
                    starts_at=dt.datetime.combine(day, dt.time(19), tzinfo=seoul),
                    ends_at=dt.datetime.combine(day, dt.time(22), tzinfo=seoul),
                )
        return run

    def test_an_anonymous_visitor_sees_days_hours_and_place(self, client, cad, evening_run):
        page = client.get(reverse("courses:detail", args=[cad.pk])).content.decode()
        assert "화요일 · 목요일 19:00–22:00" in page
        assert "종로 귀금속센터 3층 실습실" in page
        assert "수업 요일·시간" in page

    def test_in_english_the_days_are_english(self, client, cad, evening_run):
        page = client.get(
            reverse("courses:detail", args=[cad.pk]), HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
        assert "Tue · Thu 19:00–22:00" in page

    def test_the_api_lists_the_meetings_to_anyone(self, client, cad, evening_run):
        body = client.get(f"/api/v1/courses/{cad.pk}/").json()
        [run] = body["runs"]
        assert len(run["meetings"]) == 4
        assert run["meetings"][0]["starts_at"].endswith("T19:00:00+09:00")


class TestCancellingAsksFirst:
    """Cancelling a seat or a waitlist place takes a second, explicit "yes" (no JavaScript needed)."""

    def test_one_click_does_not_cancel(self, client, alice, cad):
        mine = services.enrollment_create(run=CourseRunFactory(course=cad), user=alice)
        client.force_login(alice)
        url = reverse("courses:enrollment_cancel", args=[mine.pk])
        page = client.get(reverse("courses:my_enrollments")).content.decode()
        assert "<details" in page and 'name="confirm" value="yes"' in page
        response = client.post(url)  # the old one-button form, or a script posting directly
        assert response.status_code == 200
        assert "다음 대기자에게" in response.content.decode()
        assert Enrollment.objects.get(pk=mine.pk).status == S.CONFIRMED
        response = client.post(url, {"confirm": "yes"})
        assert response.status_code == 302
        assert Enrollment.objects.get(pk=mine.pk).status == S.CANCELLED

    def test_leaving_the_waitlist_asks_too(self, client, alice, cad):
        run = CourseRunFactory(course=cad, capacity=1)
        services.enrollment_create(run=run, user=make_trainee())
        mine = services.enrollment_create(run=run, user=alice)
        assert mine.status == S.WAITLISTED
        client.force_login(alice)
        url = reverse("courses:enrollment_cancel", args=[mine.pk])
        page = client.get(url).content.decode()
        assert "대기 순번" in page
        client.post(url)
        assert Enrollment.objects.get(pk=mine.pk).status == S.WAITLISTED
        client.post(url, {"confirm": "yes"})
        assert Enrollment.objects.get(pk=mine.pk).status == S.CANCELLED
