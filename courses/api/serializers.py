"""Serializers of the courses API: what a course, a run and an enrollment look like, and
the input the API accepts. No business rules here; the services hold them."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from accounts.models import Center
from skills.models import Skill

from .. import selectors
from ..models import Course, CourseCategory, CourseRun, Enrollment


class ClassMeetingOutSerializer(serializers.Serializer):
    """One class session: when (with the Seoul offset) and what."""

    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    topic = serializers.CharField()


class RunSerializer(serializers.ModelSerializer):
    """A run as the catalog shows it; needs a run annotated by ``selectors.runs_with_counts``."""

    seats_left = serializers.SerializerMethodField()
    waitlist_length = serializers.IntegerField(read_only=True)
    enrollment_open = serializers.SerializerMethodField()
    screened = serializers.BooleanField(source="is_screened", read_only=True)
    questions = serializers.ListField(child=serializers.CharField(), read_only=True)
    meetings = ClassMeetingOutSerializer(many=True, read_only=True, help_text="The class schedule.")

    class Meta:
        model = CourseRun
        fields = [
            "id",
            "name",
            "starts_on",
            "ends_on",
            "capacity",
            "seats_left",
            "waitlist_length",
            "enrollment_open",
            "screened",
            "questions",
            "waitlist_enabled",
            "status",
            "place",
            "meetings",
            "enrollment_opens_at",
            "enrollment_closes_at",
        ]

    def get_seats_left(self, run) -> int:
        return selectors.seats_left(run)

    def get_enrollment_open(self, run) -> bool:
        return run.enrollment_is_open()


class CourseSkillOutSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="skill.id")
    name = serializers.CharField(source="skill.name")
    name_en = serializers.CharField(source="skill.name_en")
    ncs_code = serializers.CharField(source="skill.ncs_code")
    level = serializers.IntegerField()


class CourseSerializer(serializers.ModelSerializer):
    center = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    skills = serializers.SerializerMethodField()
    runs = serializers.SerializerMethodField()

    class Meta:
        model = Course
        fields = [
            "id",
            "center",
            "category",
            "title",
            "title_en",
            "summary",
            "summary_en",
            "description",
            "level",
            "total_hours",
            "fee",
            "subsidy_note",
            "prerequisite_note",
            "completion_min_attendance",
            "pass_mark",
            "is_published",
            "skills",
            "runs",
        ]

    def _nested(self, name: str, serializer_class) -> serializers.ListSerializer:
        """One nested list serializer per course serializer, not per course: a list page uses
        the same ``CourseSerializer`` for every course, and building a ``ModelSerializer``'s
        fields costs more than serializing a run (12 of the 25 ms of /api/v1/courses/)."""
        cache = self.__dict__.setdefault("_nested_serializers", {})
        if name not in cache:
            cache[name] = serializer_class(many=True, context=self.context)
        return cache[name]

    def get_skills(self, course) -> list[dict]:
        rows = getattr(course, "prefetched_skills", None)
        if rows is None:
            rows = selectors.course_skills(course)
        return self._nested("skills", CourseSkillOutSerializer).to_representation(rows)

    def get_runs(self, course) -> list[dict]:
        runs = getattr(course, "upcoming_runs", None)
        if runs is None:
            runs = selectors.course_detail_runs(course)
        for run in runs:
            run.course = course
        return self._nested("runs", RunSerializer).to_representation(runs)


class SkillLevelSerializer(serializers.Serializer):
    skill = serializers.PrimaryKeyRelatedField(queryset=Skill.objects.filter(is_active=True))
    level = serializers.IntegerField(min_value=1, max_value=5)


class CourseWriteSerializer(serializers.Serializer):
    """Input for creating (all required fields) or patching (any subset) a course."""

    center = serializers.SlugRelatedField(
        slug_field="slug", queryset=Center.objects.filter(is_active=True)
    )
    category = serializers.SlugRelatedField(
        slug_field="slug", queryset=CourseCategory.objects.all()
    )
    title = serializers.CharField(max_length=150)
    title_en = serializers.CharField(max_length=150, required=False, allow_blank=True)
    summary = serializers.CharField(max_length=300, required=False, allow_blank=True)
    summary_en = serializers.CharField(max_length=300, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    level = serializers.ChoiceField(choices=Course.Level.choices, required=False)
    total_hours = serializers.IntegerField(
        min_value=1,
        max_value=10000,
        error_messages={
            "min_value": gettext_lazy("A course needs its total training hours (at least 1)."),
        },
    )
    fee = serializers.IntegerField(min_value=0, required=False)
    subsidy_note = serializers.CharField(max_length=200, required=False, allow_blank=True)
    prerequisite_note = serializers.CharField(max_length=300, required=False, allow_blank=True)
    completion_min_attendance = serializers.IntegerField(min_value=0, max_value=100, required=False)
    pass_mark = serializers.IntegerField(
        min_value=0, max_value=100, required=False, allow_null=True
    )
    is_published = serializers.BooleanField(required=False)
    skills = SkillLevelSerializer(many=True, required=False)


class RunWriteSerializer(serializers.Serializer):
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    capacity = serializers.IntegerField(min_value=1, max_value=10000)
    name = serializers.CharField(max_length=80, required=False, allow_blank=True)
    place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    online_url = serializers.URLField(required=False, allow_blank=True)
    enrollment_opens_at = serializers.DateTimeField(required=False)
    enrollment_closes_at = serializers.DateTimeField(required=False)
    is_screened = serializers.BooleanField(required=False)
    application_questions = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    waitlist_enabled = serializers.BooleanField(required=False)

    def validate(self, attrs):
        start = attrs.get("starts_on", getattr(self.instance, "starts_on", None))
        end = attrs.get("ends_on", getattr(self.instance, "ends_on", None))
        if start and end and end < start:
            raise serializers.ValidationError(
                {"ends_on": [_("The end date is before the start date.")]}
            )
        return attrs


class EnrollSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=2000), required=False
    )


class EnrollmentSerializer(serializers.ModelSerializer):
    run = serializers.SerializerMethodField()
    course = serializers.SerializerMethodField()

    class Meta:
        model = Enrollment
        fields = [
            "id",
            "status",
            "waitlist_position",
            "offer_expires_at",
            "created_at",
            "run",
            "course",
        ]

    def get_run(self, e) -> dict:
        return {
            "id": e.run_id,
            "name": e.run.display_name,
            "starts_on": e.run.starts_on,
            "ends_on": e.run.ends_on,
        }

    def get_course(self, e) -> dict:
        return {
            "id": e.run.course_id,
            "title": e.run.course.title,
            "title_en": e.run.course.title_en,
        }


class EnrollResultSerializer(serializers.ModelSerializer):
    class Meta:
        model = Enrollment
        fields = ["id", "status", "waitlist_position"]
