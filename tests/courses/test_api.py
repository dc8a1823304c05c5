"""The courses API: catalog, staff writes scoped to their center, enrollment, bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from courses import services
from courses.models import Course, CourseRun, Enrollment
from tests.courses.factories import (
    CourseCategoryFactory,
    CourseFactory,
    CourseRunFactory,
    SkillFactory,
)
from tests.factories import add_totp, make_center_member, make_trainee

S = Enrollment.Status


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def day(n: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=n)).isoformat()


@pytest.fixture
def course(center):
    return CourseFactory(center=center, title="보석감정 실무")


@pytest.fixture
def run(course):
    return CourseRunFactory(course=course, capacity=1)


@pytest.fixture
def erin(other_center):
    user = make_center_member(other_center, "staff", email="erin@example.com", name="한에린")
    add_totp(user)
    return user


def assert_error(response, status: int, text: str | None = None):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"detail", "errors"}
    if text:
        assert text in body["detail"] + str(body["errors"])


class TestCatalogApi:
    def test_it_lists_courses_with_runs_and_seats(self, run, django_assert_max_num_queries):
        services.enrollment_create(run=run, user=make_trainee())
        services.enrollment_create(run=run, user=make_trainee())
        with django_assert_max_num_queries(8):
            response = api().get("/api/v1/courses/")
        assert response.status_code == 200
        [item] = response.json()["results"]
        assert item["title"] == "보석감정 실무"
        assert item["center"] == "jongno-jewelry"
        [r] = item["runs"]
        assert r["id"] == run.pk
        assert (r["capacity"], r["seats_left"], r["waitlist_length"]) == (1, 0, 1)
        assert r["enrollment_open"] is True and r["screened"] is False
        assert r["starts_on"] == run.starts_on.isoformat()

    def test_it_filters(self, run, other_center):
        CourseFactory(center=other_center, title="수제화 패턴")
        assert [
            c["title"]
            for c in api().get("/api/v1/courses/", {"center": "seongsu-shoes"}).json()["results"]
        ] == ["수제화 패턴"]
        assert api().get("/api/v1/courses/", {"q": "보석"}).json()["count"] == 1
        services.enrollment_create(run=run, user=make_trainee())
        assert api().get("/api/v1/courses/", {"has_seats": "true"}).json()["count"] == 0

    def test_detail_and_unknown_course(self, course):
        assert api().get(f"/api/v1/courses/{course.pk}/").json()["id"] == course.pk
        assert_error(api().get("/api/v1/courses/999999/"), 404)

    def test_skills_list(self, db):
        SkillFactory(name="다이아몬드 4C 등급 판정", ncs_code="0802020102_13v1")
        SkillFactory(name="왁스 카빙")
        body = api().get("/api/v1/skills/", {"q": "다이아"}).json()
        [skill] = body["results"]
        assert set(skill) >= {"id", "name", "name_en", "category", "ncs_code"}
        assert skill["ncs_code"] == "0802020102_13v1"


class TestStaffWrites:
    def test_staff_create_a_course_and_a_run_with_defaults(self, dave, center):
        CourseCategoryFactory(slug="appraisal", name="감정")
        skill = SkillFactory()
        response = api(dave).post(
            "/api/v1/courses/",
            {
                "center": "jongno-jewelry",
                "category": "appraisal",
                "title": "보석 감별 입문",
                "total_hours": 30,
                "skills": [{"skill": skill.pk, "level": 2}],
                "is_published": True,
            },
            format="json",
        )
        assert response.status_code == 201, response.content
        course_id = response.json()["id"]
        assert response.json()["skills"][0]["level"] == 2
        response = api(dave).post(
            f"/api/v1/courses/{course_id}/runs/",
            {"starts_on": day(20), "ends_on": day(40), "capacity": 12},
            format="json",
        )
        assert response.status_code == 201, response.content
        body = response.json()
        assert (
            body["enrollment_open"] is True
            and body["screened"] is False
            and body["seats_left"] == 12
        )

    def test_a_course_with_no_hours_is_refused(self, dave, center):
        CourseCategoryFactory(slug="appraisal")
        response = api(dave).post(
            "/api/v1/courses/",
            {
                "center": "jongno-jewelry",
                "category": "appraisal",
                "title": "x",
                "total_hours": 0,
            },
            format="json",
        )
        assert_error(response, 400, "hours")
        assert not Course.objects.filter(title="x").exists()

    def test_an_end_before_the_start_is_refused(self, dave, course):
        response = api(dave).post(
            f"/api/v1/courses/{course.pk}/runs/",
            {"starts_on": day(20), "ends_on": day(10), "capacity": 5},
            format="json",
        )
        assert_error(response, 400)
        assert "ends_on" in response.json()["errors"]
        assert not CourseRun.objects.exists()

    def test_capacity_below_confirmed_is_refused(self, dave, run):
        CourseRun.objects.filter(pk=run.pk).update(capacity=3)
        for _ in range(2):
            services.enrollment_create(run=run, user=make_trainee())
        response = api(dave).patch(f"/api/v1/course-runs/{run.pk}/", {"capacity": 1}, format="json")
        assert_error(response, 400, "2")
        run.refresh_from_db()
        assert run.capacity == 3

    def test_patching_a_course(self, dave, course):
        response = api(dave).patch(f"/api/v1/courses/{course.pk}/", {"fee": 150000}, format="json")
        assert response.status_code == 200 and response.json()["fee"] == 150000

    def test_another_centers_staff_cannot_change_it(self, erin, course, run):
        assert_error(
            api(erin).patch(f"/api/v1/courses/{course.pk}/", {"fee": 1}, format="json"), 403
        )
        assert_error(
            api(erin).patch(f"/api/v1/course-runs/{run.pk}/", {"capacity": 99}, format="json"), 403
        )
        assert_error(
            api(erin).post(
                f"/api/v1/courses/{course.pk}/runs/",
                {"starts_on": day(5), "ends_on": day(6), "capacity": 1},
                format="json",
            ),
            403,
        )
        hidden = CourseFactory(center=course.center, is_published=False)
        assert_error(
            api(erin).patch(f"/api/v1/courses/{hidden.pk}/", {"fee": 1}, format="json"), 404
        )
        course.refresh_from_db()
        assert course.fee == 0

    def test_staff_cannot_create_for_another_center(self, erin, center):
        CourseCategoryFactory(slug="appraisal")
        response = api(erin).post(
            "/api/v1/courses/",
            {"center": "jongno-jewelry", "category": "appraisal", "title": "x", "total_hours": 3},
            format="json",
        )
        assert_error(response, 403)

    def test_trainees_cannot_write(self, alice, course):
        # Not staff at all: the endpoint does not exist for them (404), not "forbidden".
        assert_error(
            api(alice).patch(f"/api/v1/courses/{course.pk}/", {"fee": 1}, format="json"), 404
        )
        course.refresh_from_db()
        assert course.fee == 0


class TestWrongRoleIsRefusedBeforeTheBodyIsRead:
    """A caller without the role gets the same 404 whatever they send, valid or not."""

    BAD_BODIES = [
        {},
        {"title": "", "total_hours": "many", "center": "nowhere", "skills": "x"},
        {"starts_on": "tomorrow", "capacity": -1},
    ]

    @pytest.mark.parametrize("body", BAD_BODIES)
    def test_a_trainee_creating_a_course_gets_404(self, alice, center, body):
        CourseCategoryFactory(slug="appraisal")
        assert_error(api(alice).post("/api/v1/courses/", body, format="json"), 404)
        valid = {"center": center.slug, "category": "appraisal", "title": "x", "total_hours": 3}
        assert_error(api(alice).post("/api/v1/courses/", valid, format="json"), 404)
        assert not Course.objects.exists()

    @pytest.mark.parametrize("body", BAD_BODIES)
    def test_a_trainee_changing_a_course_or_run_gets_404(self, alice, course, run, body):
        assert_error(api(alice).patch(f"/api/v1/courses/{course.pk}/", body, format="json"), 404)
        assert_error(
            api(alice).post(f"/api/v1/courses/{course.pk}/runs/", body, format="json"), 404
        )
        assert_error(api(alice).patch(f"/api/v1/course-runs/{run.pk}/", body, format="json"), 404)
        assert CourseRun.objects.get().capacity == 1

    @pytest.mark.parametrize("persona", ["bob", "carol", "dave"])
    @pytest.mark.parametrize("body", [{}, {"answers": "not a mapping"}, {"answers": {"q": 5}}])
    def test_a_non_trainee_enrolling_gets_404(self, persona, body, run, request):
        user = request.getfixturevalue(persona)
        response = api(user).post(f"/api/v1/course-runs/{run.pk}/enroll/", body, format="json")
        assert_error(response, 404)
        assert "Only trainees" not in response.content.decode()
        assert not Enrollment.objects.exists()

    def test_a_non_trainee_gets_404_on_enrollment_actions(self, bob, run):
        enrollment = services.enrollment_create(run=run, user=make_trainee())
        for action in ("cancel", "accept", "decline"):
            assert_error(api(bob).post(f"/api/v1/enrollments/{enrollment.pk}/{action}/"), 404)
        assert Enrollment.objects.get().status == S.CONFIRMED

    def test_anonymous_callers_are_asked_to_log_in(self, course, run):
        for response in (
            api().post("/api/v1/courses/", {"title": ""}, format="json"),
            api().patch(f"/api/v1/courses/{course.pk}/", {"fee": "x"}, format="json"),
            api().post(f"/api/v1/course-runs/{run.pk}/enroll/", {"answers": 1}, format="json"),
        ):
            assert_error(response, 401)
        assert not Enrollment.objects.exists()


class TestEnrollmentApi:
    def test_enroll_then_waitlist(self, alice, run):
        services.enrollment_create(run=run, user=make_trainee())
        response = api(alice).post(f"/api/v1/course-runs/{run.pk}/enroll/")
        assert response.status_code == 201
        assert response.json() == {
            "id": response.json()["id"],
            "status": "waitlisted",
            "waitlist_position": 1,
        }

    def test_enroll_confirmed(self, alice, run):
        response = api(alice).post(f"/api/v1/course-runs/{run.pk}/enroll/")
        assert response.status_code == 201 and response.json()["status"] == "confirmed"
        assert response.json()["waitlist_position"] is None

    def test_enrolling_twice_is_a_conflict(self, alice, run):
        api(alice).post(f"/api/v1/course-runs/{run.pk}/enroll/")
        assert_error(
            api(alice).post(f"/api/v1/course-runs/{run.pk}/enroll/"), 409, "이미 이 기수에 신청"
        )
        assert Enrollment.objects.filter(user=alice).count() == 1

    @pytest.mark.parametrize(
        "change, message",
        [
            ({"status": CourseRun.Status.CANCELLED}, "폐강"),
            (
                # Offsets from the test's now: parametrize values are made at collection.
                {
                    "enrollment_closes_at": -dt.timedelta(hours=1),
                    "enrollment_opens_at": -dt.timedelta(days=3),
                },
                "마감",
            ),
        ],
    )
    def test_closed_or_cancelled_runs_refuse(self, alice, run, change, message):
        now = timezone.now()
        change = {k: now + v if isinstance(v, dt.timedelta) else v for k, v in change.items()}
        CourseRun.objects.filter(pk=run.pk).update(**change)
        assert_error(api(alice).post(f"/api/v1/course-runs/{run.pk}/enroll/"), 400, message)
        assert not Enrollment.objects.exists()

    def test_a_past_run_refuses(self, alice, course):
        today = timezone.localdate()
        past = CourseRunFactory(
            course=course,
            starts_on=today - dt.timedelta(days=20),
            ends_on=today - dt.timedelta(days=1),
            enrollment_opens_at=timezone.now() - dt.timedelta(days=40),
            enrollment_closes_at=timezone.now() - dt.timedelta(days=20),
        )
        assert_error(api(alice).post(f"/api/v1/course-runs/{past.pk}/enroll/"), 400, "이미 시작한")

    def test_a_screened_run_needs_answers(self, alice, course):
        screened = CourseRunFactory(
            course=course, is_screened=True, application_questions="지원 동기"
        )
        assert_error(
            api(alice).post(f"/api/v1/course-runs/{screened.pk}/enroll/", {}, format="json"), 400
        )
        response = api(alice).post(
            f"/api/v1/course-runs/{screened.pk}/enroll/",
            {"answers": {"지원 동기": "창업"}},
            format="json",
        )
        assert response.status_code == 201 and response.json()["status"] == "pending"

    def test_anonymous_cannot_enroll(self, run):
        response = api().post(f"/api/v1/course-runs/{run.pk}/enroll/")
        assert response.status_code in (401, 403)

    def test_cancel_and_my_enrollments(self, alice, run):
        enrollment_id = api(alice).post(f"/api/v1/course-runs/{run.pk}/enroll/").json()["id"]
        mine = api(alice).get("/api/v1/me/enrollments/").json()["results"]
        assert [e["id"] for e in mine] == [enrollment_id]
        response = api(alice).post(f"/api/v1/enrollments/{enrollment_id}/cancel/")
        assert response.status_code == 200 and response.json()["status"] == "cancelled"
        assert_error(
            api(alice).post(f"/api/v1/enrollments/{enrollment_id}/cancel/"),
            400,
            "이미 취소되었거나",
        )

    def test_someone_elses_enrollment_is_404(self, alice, run):
        other = services.enrollment_create(run=run, user=make_trainee())
        assert_error(api(alice).post(f"/api/v1/enrollments/{other.pk}/cancel/"), 404)
        assert Enrollment.objects.get(pk=other.pk).status == S.CONFIRMED
