"""Trainees: apply, follow and withdraw their applications, read their recommendations."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.errors import PayloadTooLarge
from core.api.parsers import LimitedJSONParser
from core.permissions import roles

from .. import matching, selectors, services
from ..files import MAX_RESUME_BYTES
from .serializers import (
    ApplicationSerializer,
    ApplySerializer,
    MatchSerializer,
    limit_param,
    match_payload,
)


class JobApply(APIView):
    """Apply (multipart: ``cover_letter``, optional ``resume_file``, ``use_platform_resume``)."""

    permission_classes = [roles("trainee")]
    parser_classes = [MultiPartParser, FormParser, LimitedJSONParser]

    @extend_schema(
        request={"multipart/form-data": ApplySerializer}, responses={201: ApplicationSerializer}
    )
    def post(self, request, pk: int):
        posting = selectors.get_public_posting(pk)
        serializer = ApplySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        upload = data.get("resume_file")
        if upload is not None and upload.size > MAX_RESUME_BYTES:
            raise PayloadTooLarge(_("The file is larger than 10 MB."))
        application = services.application_create(
            posting=posting,
            applicant=request.user,
            cover_letter=data.get("cover_letter", ""),
            resume_file=upload,
            use_platform_resume=data.get("use_platform_resume", True),
        )
        return Response(ApplicationSerializer(application).data, status=status.HTTP_201_CREATED)


class MyApplications(generics.ListAPIView):
    """Your applications with their history."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = ApplicationSerializer

    def get_queryset(self):
        return selectors.applications_for_applicant(self.request.user).prefetch_related("events")


class ApplicationWithdraw(APIView):
    """Withdraw your application."""

    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [LimitedJSONParser]

    @extend_schema(request=None, responses=ApplicationSerializer)
    def post(self, request, pk: int):
        application = selectors.get_application_for_applicant(request.user, pk)
        services.application_withdraw(application=application, by=request.user)
        return Response(
            ApplicationSerializer(selectors.get_application_for_applicant(request.user, pk)).data
        )


class MyRecommendations(APIView):
    """Your top postings: ``[{job, score, matched_skills, missing_skills, suggested_courses}]``."""

    permission_classes = [roles("trainee")]

    @extend_schema(
        parameters=[OpenApiParameter("limit", int, description="1–50, default 20")],
        responses=MatchSerializer(many=True),
    )
    def get(self, request):
        matches = matching.recommendations_for(request.user, limit=limit_param(request, 20))
        return Response([match_payload(m, request) for m in matches])
