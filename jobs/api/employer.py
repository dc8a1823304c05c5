"""Employers' postings: submit and close, their applicants and pipeline, discoverable candidates."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.parsers import LimitedJSONParser
from core.permissions import roles

from .. import matching, selectors, services
from .serializers import (
    ApplicantSerializer,
    ApplicationUpdateSerializer,
    CandidateSerializer,
    PostingSerializer,
    candidate_payload,
    limit_param,
)


class _PostingAction(APIView):
    permission_classes = [roles("employer")]
    parser_classes = [LimitedJSONParser]
    service = None

    @extend_schema(request=None, responses=PostingSerializer)
    def post(self, request, pk: int):
        posting = selectors.get_posting_for_member(request.user, pk)
        type(self).service(posting=posting, by=request.user)
        return Response(PostingSerializer(selectors.get_posting_for_member(request.user, pk)).data)


class JobSubmit(_PostingAction):
    """Send a draft for the center's review."""

    service = staticmethod(services.posting_submit)


class JobClose(_PostingAction):
    """Close a posting; its applications stay."""

    service = staticmethod(services.posting_close)


class JobApplications(generics.ListAPIView):
    """Applications to one of your company's postings."""

    permission_classes = [roles("employer")]
    serializer_class = ApplicantSerializer

    def get_queryset(self):
        posting = selectors.get_posting_for_member(self.request.user, self.kwargs["pk"])
        return (
            posting.applications.select_related("posting__company", "applicant")
            .prefetch_related("events", "notes__author")
            .order_by("created_at", "pk")
        )


class ApplicationDetail(APIView):
    """PATCH ``{status, note}``: move an application in the pipeline and/or add a private note."""

    permission_classes = [roles("employer")]
    parser_classes = [LimitedJSONParser]

    @extend_schema(request=ApplicationUpdateSerializer, responses=ApplicantSerializer)
    def patch(self, request, pk: int):
        application = selectors.get_application_for_member(request.user, pk)
        serializer = ApplicationUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.application_set_status(
            application=application,
            status=data.get("status", ""),
            by=request.user,
            note=data.get("note", ""),
        )
        application = selectors.get_application_for_member(request.user, pk)
        return Response(ApplicantSerializer(application).data)


class JobCandidates(APIView):
    """The posting's best discoverable candidates (no contact details)."""

    permission_classes = [roles("employer")]

    @extend_schema(
        parameters=[OpenApiParameter("limit", int, description="1–50, default 50")],
        responses=CandidateSerializer(many=True),
    )
    def get(self, request, pk: int):
        posting = selectors.get_posting_for_member(request.user, pk)
        limit = limit_param(request, 50)
        return Response(
            [candidate_payload(m) for m in matching.candidates_for(posting, limit=limit)]
        )
