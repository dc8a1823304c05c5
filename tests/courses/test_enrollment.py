"""Enrollment: seats, the waitlist, offers, screened applications, moves and capacity."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import timezone

from courses import services
from courses.models import CourseRun, Enrollment
from courses.tasks import expire_offers
from tests.courses.factories import CourseFactory, CourseRunFactory
from tests.factories import make_trainee

S = Enrollment.Status


@pytest.fixture
def run(center):
    return CourseRunFactory(course=CourseFactory(center=center, title="주얼리 CAD"), capacity=2)


def trainees(n: int):
    return [make_trainee() for _ in range(n)]


def enroll_all(run, people):
    return [services.enrollment_create(run=run, user=p) for p in people]


def fresh(enrollment):
    return Enrollment.objects.get(pk=enrollment.pk)


def waitlist(run):
    return list(
        Enrollment.objects.filter(run=run, status=S.WAITLISTED)
        .order_by("waitlist_position")
        .values_list("user__email", "waitlist_position")
    )


class TestEnroll:
    def test_it_confirms_while_seats_last(self, run, alice):
        enrollment = services.enrollment_create(run=run, user=alice)
        assert enrollment.status == S.CONFIRMED
        assert enrollment.waitlist_position is None

    def test_it_waitlists_when_full_with_increasing_positions(self, run):
        people = trainees(5)
        result = enroll_all(run, people)
        assert [e.status for e in result] == [
            S.CONFIRMED,
            S.CONFIRMED,
            S.WAITLISTED,
            S.WAITLISTED,
            S.WAITLISTED,
        ]
        assert [e.waitlist_position for e in result[2:]] == [1, 2, 3]

    def test_it_refuses_enrolling_twice(self, run, alice):
        services.enrollment_create(run=run, user=alice)
        with pytest.raises(ValidationError, match="이미 이 기수에 신청"):
            services.enrollment_create(run=run, user=alice)
        assert Enrollment.objects.filter(user=alice).count() == 1

    def test_the_database_refuses_two_active_enrollments(self, run, alice):
        Enrollment.objects.create(run=run, user=alice, status=S.CONFIRMED)
        with pytest.raises(IntegrityError), transaction.atomic():
            Enrollment.objects.create(run=run, user=alice, status=S.PENDING)

    def test_it_allows_enrolling_again_after_cancelling(self, run, alice):
        first = services.enrollment_create(run=run, user=alice)
        services.enrollment_cancel(enrollment=first)
        again = services.enrollment_create(run=run, user=alice)
        assert again.status == S.CONFIRMED

    def test_it_refuses_a_cancelled_run(self, run, alice):
        CourseRun.objects.filter(pk=run.pk).update(status=CourseRun.Status.CANCELLED)
        with pytest.raises(ValidationError, match="폐강"):
            services.enrollment_create(run=run, user=alice)
        assert not Enrollment.objects.exists()

    def test_it_refuses_a_past_run(self, center, alice):
        today = timezone.localdate()
        past = CourseRunFactory(
            course=CourseFactory(center=center),
            starts_on=today - dt.timedelta(days=30),
            ends_on=today - dt.timedelta(days=2),
            enrollment_opens_at=timezone.now() - dt.timedelta(days=60),
            enrollment_closes_at=timezone.now() - dt.timedelta(days=31),
        )
        with pytest.raises(ValidationError, match="이미 시작한"):
            services.enrollment_create(run=past, user=alice)

    def test_it_refuses_before_the_window_opens(self, run, alice):
        CourseRun.objects.filter(pk=run.pk).update(
            enrollment_opens_at=timezone.now() + dt.timedelta(days=2)
        )
        with pytest.raises(ValidationError, match="부터 받습니다"):
            services.enrollment_create(run=run, user=alice)

    def test_it_refuses_after_the_window_closes(self, run, alice):
        CourseRun.objects.filter(pk=run.pk).update(
            enrollment_opens_at=timezone.now() - dt.timedelta(days=5),
            enrollment_closes_at=timezone.now() - dt.timedelta(hours=1),
        )
        with pytest.raises(ValidationError, match="마감"):
            services.enrollment_create(run=run, user=alice)

    def test_it_refuses_a_full_run_without_waitlist(self, run, alice):
        CourseRun.objects.filter(pk=run.pk).update(waitlist_enabled=False)
        enroll_all(run, trainees(2))
        with pytest.raises(ValidationError, match="대기자 명단을 받지 않는"):
            services.enrollment_create(run=run, user=alice)
        assert not Enrollment.objects.filter(user=alice).exists()

    def test_it_refuses_people_who_are_not_trainees(self, run, dave):
        with pytest.raises(ValidationError, match="교육생만"):
            services.enrollment_create(run=run, user=dave)


class TestCancelAndOffers:
    def test_cancelling_a_seat_offers_it_to_the_head_of_the_waitlist(
        self, run, django_capture_on_commit_callbacks
    ):
        a, b, c, d = trainees(4)
        ea, _eb, ec, ed = enroll_all(run, [a, b, c, d])
        with django_capture_on_commit_callbacks(execute=True):
            services.enrollment_cancel(enrollment=ea)
        ec, ed = fresh(ec), fresh(ed)
        assert ec.status == S.OFFERED
        assert ec.waitlist_position is None
        assert ec.offer_expires_at > timezone.now() + dt.timedelta(hours=47)
        assert ed.waitlist_position == 1  # moved up
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == [c.email]

    @override_settings(COURSE_OFFER_HOURS=6)
    def test_the_offer_window_is_configurable(self, run):
        ea, _eb, ec = enroll_all(run, trainees(3))
        services.enrollment_cancel(enrollment=ea)
        delta = fresh(ec).offer_expires_at - timezone.now()
        assert dt.timedelta(hours=5) < delta <= dt.timedelta(hours=6)

    def test_cancelling_from_the_waitlist_closes_the_gap(self, run):
        result = enroll_all(run, trainees(6))
        services.enrollment_cancel(enrollment=result[3])  # position 2
        assert [pos for _email, pos in waitlist(run)] == [1, 2, 3]

    def test_accepting_an_offer_confirms_the_seat(self, run):
        ea, _eb, ec = enroll_all(run, trainees(3))
        services.enrollment_cancel(enrollment=ea)
        accepted = services.enrollment_accept_offer(enrollment=fresh(ec))
        assert accepted.status == S.CONFIRMED

    def test_declining_an_offer_passes_it_on(self, run):
        ea, _eb, ec, ed = enroll_all(run, trainees(4))
        services.enrollment_cancel(enrollment=ea)
        services.enrollment_decline_offer(enrollment=fresh(ec))
        assert fresh(ec).status == S.DECLINED
        assert fresh(ed).status == S.OFFERED

    def test_an_expired_offer_cannot_be_accepted(self, run):
        ea, _eb, ec = enroll_all(run, trainees(3))
        services.enrollment_cancel(enrollment=ea)
        Enrollment.objects.filter(pk=ec.pk).update(
            offer_expires_at=timezone.now() - dt.timedelta(minutes=1)
        )
        with pytest.raises(ValidationError, match="기한이 지났"):
            services.enrollment_accept_offer(enrollment=fresh(ec))
        assert fresh(ec).status == S.OFFERED

    def test_the_task_expires_offers_and_passes_them_on_once(self, run):
        ea, _eb, ec, ed, ee = enroll_all(run, trainees(5))
        services.enrollment_cancel(enrollment=ea)
        Enrollment.objects.filter(pk=ec.pk).update(
            offer_expires_at=timezone.now() - dt.timedelta(minutes=1)
        )
        assert expire_offers.delay().get() == 1
        assert expire_offers.delay().get() == 0  # idempotent
        assert fresh(ec).status == S.EXPIRED
        assert fresh(ed).status == S.OFFERED
        assert fresh(ee).status == S.WAITLISTED and fresh(ee).waitlist_position == 1

    def test_nobody_is_offered_a_seat_when_the_waitlist_is_empty(self, run):
        ea, eb = enroll_all(run, trainees(2))
        services.enrollment_cancel(enrollment=ea)
        assert Enrollment.objects.filter(status=S.OFFERED).count() == 0

    def test_cancelling_twice_is_refused(self, run, alice):
        enrollment = services.enrollment_create(run=run, user=alice)
        services.enrollment_cancel(enrollment=enrollment)
        with pytest.raises(ValidationError, match="이미 취소되었거나"):
            services.enrollment_cancel(enrollment=enrollment)


class TestScreenedRuns:
    @pytest.fixture
    def screened(self, center):
        return CourseRunFactory(
            course=CourseFactory(center=center, title="주얼리 창업 아카데미"),
            capacity=1,
            is_screened=True,
            application_questions="창업 준비 단계는?\n지원 동기",
        )

    def test_applying_waits_for_staff(self, screened, alice):
        enrollment = services.enrollment_create(
            run=screened,
            user=alice,
            answers={"창업 준비 단계는?": "아이템 검토", "지원 동기": "공방 창업"},
        )
        assert enrollment.status == S.PENDING
        assert enrollment.answers["지원 동기"] == "공방 창업"

    def test_it_requires_every_answer(self, screened, alice):
        with pytest.raises(ValidationError) as info:
            services.enrollment_create(run=screened, user=alice, answers={"지원 동기": "x"})
        assert "창업 준비 단계는?" in str(info.value)
        assert not Enrollment.objects.exists()

    def test_staff_approve_into_a_seat_then_the_waitlist(
        self, screened, dave, django_capture_on_commit_callbacks
    ):
        answers = {"창업 준비 단계는?": "a", "지원 동기": "b"}
        first, second = (
            services.enrollment_create(run=screened, user=u, answers=answers) for u in trainees(2)
        )
        with django_capture_on_commit_callbacks(execute=True):
            assert services.enrollment_approve(enrollment=first, by=dave).status == S.CONFIRMED
            approved = services.enrollment_approve(enrollment=second, by=dave)
        assert approved.status == S.WAITLISTED and approved.waitlist_position == 1
        assert len(mail.outbox) == 2

    def test_staff_decline_with_a_note(
        self, screened, alice, dave, django_capture_on_commit_callbacks
    ):
        enrollment = services.enrollment_create(
            run=screened, user=alice, answers={"창업 준비 단계는?": "a", "지원 동기": "b"}
        )
        with django_capture_on_commit_callbacks(execute=True):
            declined = services.enrollment_reject(
                enrollment=enrollment, by=dave, note="다음 기수에 지원해 주세요."
            )
        assert declined.status == S.REJECTED
        assert "다음 기수에" in mail.outbox[-1].body


class TestStaffTools:
    def test_capacity_cannot_go_below_the_seats_taken(self, run, dave):
        enroll_all(run, trainees(2))
        with pytest.raises(ValidationError) as info:
            services.run_set_capacity(run=run, capacity=1, by=dave)
        assert "capacity" in info.value.message_dict
        run.refresh_from_db()
        assert run.capacity == 2

    def test_raising_capacity_offers_seats_to_the_waitlist(self, run, dave):
        result = enroll_all(run, trainees(4))
        services.run_set_capacity(run=run, capacity=3, by=dave)
        assert fresh(result[2]).status == S.OFFERED
        assert fresh(result[3]).waitlist_position == 1

    def test_moving_frees_the_seat_and_takes_one_in_the_other_run(self, run, center, dave):
        other = CourseRunFactory(course=run.course, name="2026년 2기", capacity=1)
        ea, _eb, ec = enroll_all(run, trainees(3))
        moved = services.enrollment_move(enrollment=ea, to_run=other, by=dave)
        assert moved.run == other and moved.status == S.CONFIRMED
        assert fresh(ea).status == S.MOVED and fresh(ea).moved_to == moved
        assert fresh(ec).status == S.OFFERED

    def test_moving_to_another_centers_run_is_refused(self, run, other_center, dave):
        foreign = CourseRunFactory(course=CourseFactory(center=other_center))
        enrollment = services.enrollment_create(run=run, user=make_trainee())
        with pytest.raises(ValidationError):
            services.enrollment_move(enrollment=enrollment, to_run=foreign, by=dave)
        assert fresh(enrollment).status == S.CONFIRMED

    def test_cancelling_a_run_cancels_its_enrollments(self, run, dave):
        enroll_all(run, trainees(3))
        services.run_cancel(run=run, by=dave)
        assert not Enrollment.objects.filter(
            run=run, status__in=[S.CONFIRMED, S.WAITLISTED]
        ).exists()

    def test_a_run_cannot_end_before_it_starts(self, run):
        today = timezone.localdate()
        with pytest.raises(ValidationError) as info:
            services.run_create(
                course=run.course,
                starts_on=today + dt.timedelta(days=10),
                ends_on=today + dt.timedelta(days=5),
                capacity=5,
            )
        assert "ends_on" in info.value.message_dict

    def test_a_run_gets_a_default_enrollment_window(self, run):
        starts = timezone.localdate() + dt.timedelta(days=20)
        new = services.run_create(course=run.course, starts_on=starts, ends_on=starts, capacity=5)
        assert new.enrollment_opens_at <= timezone.now()
        assert timezone.localtime(new.enrollment_closes_at).date() == starts
        assert not new.is_screened

    def test_a_course_needs_hours(self, center, run):
        with pytest.raises(ValidationError) as info:
            services.course_create(
                center=center, category=run.course.category, title="x", total_hours=0
            )
        assert "total_hours" in info.value.message_dict
