"""Factories for skills, courses, runs and enrollments."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from courses.models import ClassMeeting, Course, CourseCategory, CourseRun, CourseSkill, Enrollment
from skills.models import Skill, SkillCategory
from tests.factories import CenterFactory


class SkillCategoryFactory(DjangoModelFactory):
    class Meta:
        model = SkillCategory
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"skill-cat-{n}")
    name = factory.Sequence(lambda n: f"기술분야 {n}")
    name_en = factory.Sequence(lambda n: f"Skill area {n}")


class SkillFactory(DjangoModelFactory):
    class Meta:
        model = Skill

    category = factory.SubFactory(SkillCategoryFactory)
    name = factory.Sequence(lambda n: f"기술 {n}")
    name_en = factory.Sequence(lambda n: f"Skill {n}")
    industry = "주얼리"


class CourseCategoryFactory(DjangoModelFactory):
    class Meta:
        model = CourseCategory
        django_get_or_create = ("slug",)

    slug = "manufacturing"
    name = "제조 실무"
    name_en = "Manufacturing"


class CourseFactory(DjangoModelFactory):
    class Meta:
        model = Course
        skip_postgeneration_save = True

    center = factory.SubFactory(CenterFactory)
    category = factory.SubFactory(CourseCategoryFactory)
    title = factory.Sequence(lambda n: f"귀금속 세공 실무 {n}")
    title_en = factory.Sequence(lambda n: f"Precious metal work {n}")
    summary = "반지와 펜던트를 직접 만들어 봅니다."
    total_hours = 40
    is_published = True


class CourseSkillFactory(DjangoModelFactory):
    class Meta:
        model = CourseSkill

    course = factory.SubFactory(CourseFactory)
    skill = factory.SubFactory(SkillFactory)
    level = 3


def _in_days(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


class CourseRunFactory(DjangoModelFactory):
    """An open run: enrollment opened yesterday and closes when the run starts in 30 days."""

    class Meta:
        model = CourseRun

    course = factory.SubFactory(CourseFactory)
    name = "2026년 1기"
    starts_on = factory.LazyFunction(lambda: _in_days(30))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + dt.timedelta(days=27))
    capacity = 10
    place = "센터 3층 실습실"
    enrollment_opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    enrollment_closes_at = factory.LazyAttribute(
        lambda o: timezone.make_aware(dt.datetime.combine(o.starts_on, dt.time.min))
    )


class ClassMeetingFactory(DjangoModelFactory):
    class Meta:
        model = ClassMeeting

    run = factory.SubFactory(CourseRunFactory)
    starts_at = factory.LazyAttribute(
        lambda o: timezone.make_aware(dt.datetime.combine(o.run.starts_on, dt.time(10, 0)))
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=4))
    topic = "실습"


class EnrollmentFactory(DjangoModelFactory):
    """A confirmed enrollment written directly (tests of the services go through them instead)."""

    class Meta:
        model = Enrollment

    run = factory.SubFactory(CourseRunFactory)
    user = factory.SubFactory("tests.factories.UserFactory", is_trainee=True)
    status = Enrollment.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
