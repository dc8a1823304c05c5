"""The catalog API: published courses and runs for everyone; staff write their own center's.

The role is checked before the body is read (``core.permissions.roles``): a caller who is
not center staff gets 404 on every write, whatever they send. Staff of another center get
403 on what they can see and 404 on what they cannot. Errors use the one API format.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from core.permissions import WRITE, roles

from .. import selectors, services
from ..models import Course, CourseRun
from .serializers import CourseSerializer, CourseWriteSerializer, RunSerializer, RunWriteSerializer


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


def _run_response(run: CourseRun, code=status.HTTP_200_OK) -> Response:
    run = selectors.runs_with_counts(
        CourseRun.objects.select_related("course").filter(pk=run.pk)
    ).get()
    return Response(RunSerializer(run).data, status=code)


class CourseList(generics.ListCreateAPIView):
    """Published courses with their upcoming runs; staff create courses for their center."""

    permission_classes = [roles("staff", methods=WRITE)]
    serializer_class = CourseSerializer

    def get_queryset(self):
        params = self.request.query_params
        courses = selectors.course_list(
            q=params.get("q", "")[:100],
            center=params.get("center", ""),
            category=params.get("category", ""),
            level=params.get("level", ""),
            month=params.get("month", ""),
            has_seats=params.get("has_seats", "").lower() in ("1", "true", "yes", "on"),
        )
        return selectors.with_course_skills(courses)

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
        course = services.course_create(center=center, skills=skills, **fields)
        return _course_response(course, status.HTTP_201_CREATED)


class CourseDetail(APIView):
    """One course with its runs; staff of its center may patch it."""

    permission_classes = [roles("staff", methods=WRITE)]

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
        services.course_update(course=course, skills=skills, **fields)
        return _course_response(course)


class CourseRunCreate(APIView):
    """Add a run to a course: only ``starts_on``, ``ends_on`` and ``capacity`` are needed."""

    permission_classes = [roles("staff")]

    @extend_schema(request=RunWriteSerializer, responses={201: RunSerializer})
    def post(self, request, course_id: int):
        course = _course_for_change(request.user, course_id)
        data = RunWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        run = services.run_create(course=course, **data.validated_data)
        return _run_response(run, status.HTTP_201_CREATED)


class CourseRunDetail(APIView):
    """A run; staff of its center may patch it (capacity never below the seats taken)."""

    permission_classes = [roles("staff", methods=WRITE)]

    @extend_schema(responses=RunSerializer)
    def get(self, request, run_id: int):
        run = selectors.get_run_for_viewer(request.user, run_id)
        return _run_response(run)

    @extend_schema(request=RunWriteSerializer, responses=RunSerializer)
    def patch(self, request, run_id: int):
        run = _run_for_change(request.user, run_id)
        data = RunWriteSerializer(run, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        updated = services.run_update(run=run, by=request.user, **data.validated_data)
        return _run_response(updated)
