"""The enrollment API: a trainee enrolls and manages their own places.

Only trainees may call it (``roles("trainee")``, checked before the body is read: anyone
else gets 404); another person's enrollment answers 404 too.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.permissions import roles

from .. import selectors, services
from ..models import Enrollment
from .serializers import EnrollmentSerializer, EnrollResultSerializer, EnrollSerializer


class RunEnroll(APIView):
    """Enroll the signed-in trainee: confirmed, waitlisted (with position) or pending review.

    409 when already enrolled in the run.
    """

    permission_classes = [roles("trainee")]

    @extend_schema(request=EnrollSerializer, responses={201: EnrollResultSerializer})
    def post(self, request, run_id: int):
        run = selectors.get_run_for_viewer(request.user, run_id)
        data = EnrollSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        enrollment = services.enrollment_create(
            run=run, user=request.user, answers=data.validated_data.get("answers")
        )
        return Response(EnrollResultSerializer(enrollment).data, status=status.HTTP_201_CREATED)


class _EnrollmentAction(APIView):
    permission_classes = [roles("trainee")]
    service = staticmethod(services.enrollment_cancel)

    @extend_schema(request=None, responses=EnrollmentSerializer)
    def post(self, request, enrollment_id: int):
        enrollment = selectors.get_enrollment_for_user(request.user, enrollment_id)
        self.service(enrollment=enrollment)
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
