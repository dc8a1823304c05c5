"""Public postings and companies; employers also create (POST) and edit (PATCH) drafts here."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Company
from core.api.parsers import LimitedJSONParser
from core.permissions import WRITE, roles

from .. import selectors, services
from ..models import Posting
from .serializers import (
    CompanySerializer,
    JobSearchSerializer,
    PostingCreateSerializer,
    PostingSerializer,
    PostingWriteSerializer,
)


def _member_posting_or_none(request, pk: int) -> Posting | None:
    if not request.user.is_authenticated:
        return None
    try:
        return selectors.get_posting_for_member(request.user, pk)
    except Http404:
        return None


class JobList(generics.ListAPIView):
    """Published postings of verified companies, filtered and sorted; or (POST) a new draft."""

    serializer_class = PostingSerializer
    permission_classes = [roles("employer", methods=WRITE)]
    parser_classes = [LimitedJSONParser]

    @extend_schema(parameters=[JobSearchSerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = JobSearchSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data = dict(params.validated_data)
        data["remote"] = data.get("remote") or ""
        return selectors.search_postings(data)

    @extend_schema(request=PostingCreateSerializer, responses={201: PostingSerializer})
    def post(self, request):
        serializer = PostingCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        company_id = data.pop("company", None)
        skills = data.pop("skills", [])
        companies = selectors.member_company_ids(request.user)
        if company_id is None and len(companies) == 1:
            company_id = companies[0]
        if company_id not in companies:
            raise Http404
        posting = services.posting_create(
            company=Company.objects.get(pk=company_id), by=request.user, data=data, skills=skills
        )
        posting = selectors.get_posting_for_member(request.user, posting.pk)
        return Response(PostingSerializer(posting).data, status=status.HTTP_201_CREATED)


class JobDetail(APIView):
    """A public posting; members of its company also see (and PATCH) their drafts."""

    permission_classes = [roles("employer", methods=WRITE)]
    parser_classes = [LimitedJSONParser]

    @extend_schema(responses=PostingSerializer)
    def get(self, request, pk: int):
        posting = _member_posting_or_none(request, pk) or selectors.get_public_posting(pk)
        return Response(PostingSerializer(posting).data)

    @extend_schema(request=PostingWriteSerializer, responses=PostingSerializer)
    def patch(self, request, pk: int):
        posting = selectors.get_posting_for_member(request.user, pk)
        serializer = PostingWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("company", None)
        skills = data.pop("skills", None)
        services.posting_update(posting=posting, data=data, skills=skills)
        return Response(PostingSerializer(selectors.get_posting_for_member(request.user, pk)).data)


class CompanyDetail(generics.RetrieveAPIView):
    """A verified company's public profile with its open postings."""

    permission_classes = [permissions.AllowAny]
    serializer_class = CompanySerializer

    def get_object(self):
        return selectors.get_public_company(self.kwargs["pk"])
