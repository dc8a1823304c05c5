"""Staff pages: catalog, runs, applications, waitlists, capacity; other centers get 404."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

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


@pytest.fixture
def staff(client, dave):
    client.force_login(dave)
    return client


@pytest.fixture
def run(center):
    return CourseRunFactory(
        course=CourseFactory(center=center, title="왁스 카빙과 주조"), capacity=2
    )


@pytest.fixture
def outsider_staff(client, other_center):
    user = make_center_member(other_center, "staff", email="erin@example.com", name="한에린")
    add_totp(user)
    client.force_login(user)
    return client


class TestStaffPages:
    def test_it_lists_the_centers_courses_and_runs(self, staff, run):
        services.enrollment_create(run=run, user=make_trainee())
        response = staff.get(reverse("courses:staff_courses"))
        assert response.status_code == 200
        assert "왁스 카빙과 주조" in response.content.decode()

    def test_it_creates_a_course_then_a_run(self, staff, center):
        category = CourseCategoryFactory()
        skill = SkillFactory(name="왁스 카빙")
        response = staff.post(
            reverse("courses:staff_course_create"),
            {
                "center": center.pk,
                "category": category.pk,
                "title": "왁스 카빙 입문",
                "level": "beginner",
                "total_hours": 24,
                "fee": 0,
                "completion_min_attendance": 80,
                "is_published": "on",
                "skills_taught": [skill.pk],
                "skill_level": 2,
            },
        )
        course = Course.objects.get(title="왁스 카빙 입문")
        assert response.status_code == 302
        assert list(course.skills.all()) == [skill]
        start = timezone.localdate() + dt.timedelta(days=14)
        response = staff.post(
            reverse("courses:staff_run_create", args=[course.pk]),
            {
                "name": "1기",
                "starts_on": start.isoformat(),
                "ends_on": (start + dt.timedelta(days=5)).isoformat(),
                "capacity": 12,
                "waitlist_enabled": "on",
            },
        )
        assert response.status_code == 302, response.context["form"].errors
        run = course.runs.get()
        assert run.enrollment_is_open()

    def test_a_course_without_hours_is_refused(self, staff, center):
        category = CourseCategoryFactory()
        response = staff.post(
            reverse("courses:staff_course_create"),
            {
                "center": center.pk,
                "category": category.pk,
                "title": "시간 없는 과정",
                "level": "beginner",
                "total_hours": 0,
                "fee": 0,
                "completion_min_attendance": 80,
                "skill_level": 2,
            },
        )
        assert response.status_code == 200
        assert "total_hours" in response.context["form"].errors
        assert not Course.objects.filter(title="시간 없는 과정").exists()

    def test_a_run_ending_before_it_starts_is_refused(self, staff, run):
        start = timezone.localdate() + dt.timedelta(days=14)
        response = staff.post(
            reverse("courses:staff_run_create", args=[run.course.pk]),
            {
                "starts_on": start.isoformat(),
                "ends_on": (start - dt.timedelta(days=1)).isoformat(),
                "capacity": 5,
            },
        )
        assert response.status_code == 200
        assert CourseRun.objects.count() == 1

    def test_the_run_page_shows_roster_and_waitlist(self, staff, run):
        people = [make_trainee(name=f"교육생{i}") for i in range(3)]
        for person in people:
            services.enrollment_create(run=run, user=person)
        response = staff.get(reverse("courses:staff_run", args=[run.pk]))
        assert response.status_code == 200
        body = response.content.decode()
        assert "교육생0" in body and "교육생2" in body
        assert len(response.context["roster"]["waitlisted"]) == 1

    def test_capacity_below_confirmed_is_refused_with_a_message(self, staff, run):
        for _ in range(2):
            services.enrollment_create(run=run, user=make_trainee())
        response = staff.post(
            reverse("courses:staff_run_capacity", args=[run.pk]), {"capacity": 1}, follow=True
        )
        run.refresh_from_db()
        assert run.capacity == 2
        assert any("2" in str(m) for m in response.context["messages"])

    def test_approving_an_application(self, staff, center):
        run = CourseRunFactory(
            course=CourseFactory(center=center), is_screened=True, application_questions="동기"
        )
        enrollment = services.enrollment_create(
            run=run, user=make_trainee(), answers={"동기": "창업"}
        )
        staff.post(reverse("courses:staff_enrollment_approve", args=[enrollment.pk]))
        assert Enrollment.objects.get(pk=enrollment.pk).status == S.CONFIRMED

    def test_moving_someone_to_another_run(self, staff, run):
        other = CourseRunFactory(course=run.course, name="2기")
        enrollment = services.enrollment_create(run=run, user=make_trainee())
        staff.post(
            reverse("courses:staff_enrollment_move", args=[enrollment.pk]), {"to_run": other.pk}
        )
        assert Enrollment.objects.get(pk=enrollment.pk).status == S.MOVED
        assert Enrollment.objects.get(run=other).status == S.CONFIRMED


class TestOtherCentersStaff:
    def test_another_centers_run_is_404(self, outsider_staff, run):
        assert outsider_staff.get(reverse("courses:staff_run", args=[run.pk])).status_code == 404
        assert (
            outsider_staff.post(
                reverse("courses:staff_run_capacity", args=[run.pk]), {"capacity": 50}
            ).status_code
            == 404
        )
        run.refresh_from_db()
        assert run.capacity == 2

    def test_another_centers_enrollment_is_404(self, outsider_staff, run):
        enrollment = services.enrollment_create(run=run, user=make_trainee())
        response = outsider_staff.post(
            reverse("courses:staff_enrollment_cancel", args=[enrollment.pk])
        )
        assert response.status_code == 404
        assert Enrollment.objects.get(pk=enrollment.pk).status == S.CONFIRMED

    def test_trainees_get_404_on_staff_pages(self, client, alice, run):
        client.force_login(alice)
        assert client.get(reverse("courses:staff_courses")).status_code == 404
        assert client.get(reverse("courses:staff_run", args=[run.pk])).status_code == 404
