"""The courses API (``/api/v1/``): the public catalog, staff writes for their own center's
courses and runs, and trainees' enrollments. Every object comes through a rights-checking
fetch; errors use the one API format ``{"detail", "errors"}``."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Center
from core.api.errors import Conflict
from skills.models import Skill

from . import selectors, services
from .models import Course, CourseCategory, CourseRun, Enrollment

# --- serializers ---------------------------------------------------------------------------


class RunSerializer(serializers.ModelSerializer):
    """A run as the catalog shows it; needs a run annotated by ``selectors.runs_with_counts``."""

    seats_left = serializers.SerializerMethodField()
    waitlist_length = serializers.IntegerField(read_only=True)
    enrollment_open = serializers.SerializerMethodField()
    screened = serializers.BooleanField(source="is_screened", read_only=True)
    questions = serializers.ListField(child=serializers.CharField(), read_only=True)

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

    def get_skills(self, course) -> list[dict]:
        rows = getattr(course, "prefetched_skills", None)
        if rows is None:
            rows = selectors.course_skills(course)
        return CourseSkillOutSerializer(rows, many=True).data

    def get_runs(self, course) -> list[dict]:
        runs = getattr(course, "upcoming_runs", None)
        if runs is None:
            runs = selectors.course_detail_runs(course)
        for run in runs:
            run.course = course
        return RunSerializer(runs, many=True).data


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
            "min_value": _("A course needs its total training hours (at least 1)."),
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


# --- helpers --------------------------------------------------------------------------------


def _service(call):
    """Run a service; a Django ValidationError becomes the API's 400, with nothing written."""
    try:
        return call()
    except DjangoValidationError as error:
        if getattr(error, "code", None) == "already_enrolled":
            raise Conflict(error.messages[0]) from None
        raise


def _course_for_change(user, course_id: int) -> Course:
    """A course this person may change (staff of its center): 403 if they can see it, else 404."""
    try:
        return selectors.get_course_for_staff(user, course_id)
    except Http404:
        selectors.get_course_for_viewer(user, course_id)  # 404 when not even visible
        raise PermissionDenied(_("Only the staff of this course's center can change it.")) from None


def _run_for_change(user, run_id: int) -> CourseRun:
    try:
        return selectors.get_run_for_staff(user, run_id)
    except Http404:
        selectors.get_run_for_viewer(user, run_id)
        raise PermissionDenied(_("Only the staff of this course's center can change it.")) from None


def _course_response(course: Course, code=status.HTTP_200_OK) -> Response:
    course = Course.objects.select_related("center", "category").get(pk=course.pk)
    return Response(CourseSerializer(course).data, status=code)


# --- catalog ------------------------------------------------------------------------------


class CourseList(generics.ListCreateAPIView):
    """Published courses with their upcoming runs; staff create courses for their center."""

    serializer_class = CourseSerializer

    def get_queryset(self):
        params = self.request.query_params
        return selectors.course_list(
            q=params.get("q", "")[:100],
            center=params.get("center", ""),
            category=params.get("category", ""),
            level=params.get("level", ""),
            month=params.get("month", ""),
            has_seats=params.get("has_seats", "").lower() in ("1", "true", "yes", "on"),
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str),
            OpenApiParameter("center", str, description="center slug"),
            OpenApiParameter("category", str, description="category slug"),
            OpenApiParameter("level", str),
            OpenApiParameter("month", str, description="YYYY-MM"),
            OpenApiParameter("has_seats", bool),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(request=CourseWriteSerializer, responses={201: CourseSerializer})
    def post(self, request, *args, **kwargs):
        data = CourseWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        center = fields.pop("center")
        if center.pk not in request.user.staff_center_ids():
            raise PermissionDenied(_("You can add courses only to a center you run."))
        skills = [(s["skill"], s["level"]) for s in fields.pop("skills", [])]
        course = _service(lambda: services.course_create(center=center, skills=skills, **fields))
        return _course_response(course, status.HTTP_201_CREATED)


class CourseDetail(APIView):
    """One course with its runs; staff of its center may patch it."""

    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    @extend_schema(responses=CourseSerializer)
    def get(self, request, course_id: int):
        course = selectors.get_course_for_viewer(request.user, course_id)
        return Response(CourseSerializer(course).data)

    @extend_schema(request=CourseWriteSerializer, responses=CourseSerializer)
    def patch(self, request, course_id: int):
        course = _course_for_change(request.user, course_id)
        data = CourseWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        if "center" in fields and fields.pop("center").pk != course.center_id:
            raise serializers.ValidationError(
                {"center": [_("A course cannot move to another center.")]}
            )
        skills = fields.pop("skills", None)
        if skills is not None:
            skills = [(s["skill"], s["level"]) for s in skills]
        _service(lambda: services.course_update(course=course, skills=skills, **fields))
        return _course_response(course)


class CourseRunCreate(APIView):
    """Add a run to a course: only ``starts_on``, ``ends_on`` and ``capacity`` are needed."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=RunWriteSerializer, responses={201: RunSerializer})
    def post(self, request, course_id: int):
        course = _course_for_change(request.user, course_id)
        data = RunWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        run = _service(lambda: services.run_create(course=course, **data.validated_data))
        return _run_response(run, status.HTTP_201_CREATED)


def _run_response(run: CourseRun, code=status.HTTP_200_OK) -> Response:
    run = selectors.runs_with_counts(
        CourseRun.objects.select_related("course").filter(pk=run.pk)
    ).get()
    return Response(RunSerializer(run).data, status=code)


class CourseRunDetail(APIView):
    """A run; staff of its center may patch it (capacity never below the seats taken)."""

    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    @extend_schema(responses=RunSerializer)
    def get(self, request, run_id: int):
        run = selectors.get_run_for_viewer(request.user, run_id)
        return _run_response(run)

    @extend_schema(request=RunWriteSerializer, responses=RunSerializer)
    def patch(self, request, run_id: int):
        run = _run_for_change(request.user, run_id)
        data = RunWriteSerializer(run, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        updated = _service(lambda: services.run_update(run=run, **data.validated_data))
        return _run_response(updated)


# --- enrollment -------------------------------------------------------------------------------


class RunEnroll(APIView):
    """Enroll the signed-in trainee: confirmed, waitlisted (with position) or pending review."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=EnrollSerializer, responses={201: EnrollResultSerializer})
    def post(self, request, run_id: int):
        run = selectors.get_run_for_viewer(request.user, run_id)
        data = EnrollSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        enrollment = _service(
            lambda: services.enrollment_create(
                run=run, user=request.user, answers=data.validated_data.get("answers")
            )
        )
        return Response(EnrollResultSerializer(enrollment).data, status=status.HTTP_201_CREATED)


class _EnrollmentAction(APIView):
    permission_classes = [permissions.IsAuthenticated]
    service = staticmethod(services.enrollment_cancel)

    @extend_schema(request=None, responses=EnrollmentSerializer)
    def post(self, request, enrollment_id: int):
        enrollment = selectors.get_enrollment_for_user(request.user, enrollment_id)
        _service(lambda: self.service(enrollment=enrollment))
        fresh = Enrollment.objects.select_related("run", "run__course").get(pk=enrollment.pk)
        return Response(EnrollmentSerializer(fresh).data)


class EnrollmentCancel(_EnrollmentAction):
    """Cancel one's own enrollment, waitlist place or application."""

    service = staticmethod(services.enrollment_cancel)


class EnrollmentAccept(_EnrollmentAction):
    """Take an offered seat before the offer expires."""

    service = staticmethod(services.enrollment_accept_offer)


class EnrollmentDecline(_EnrollmentAction):
    """Turn down an offered seat; it goes to the next person."""

    service = staticmethod(services.enrollment_decline_offer)


class MyEnrollments(generics.ListAPIView):
    """The signed-in person's enrollments, newest run first."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = EnrollmentSerializer

    def get_queryset(self):
        return selectors.enrollments_for_user(self.request.user)
