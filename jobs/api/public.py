"""Public postings and companies; employers also create (POST) and edit (PATCH) drafts here."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Company
from core.api.pagination import KeysetPagination
from core.api.parsers import LimitedJSONParser
from core.permissions import WRITE, roles

from .. import public_cache, selectors, services
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
    # Without ``q``: cursor pages and a count bounded at 1,000; a search pages by number.
    pagination_class = KeysetPagination

    @extend_schema(parameters=[JobSearchSerializer])
    @public_cache.anonymous_api
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def _params(self) -> dict:
        if not hasattr(self, "_search_params"):
            params = JobSearchSerializer(data=self.request.query_params)
            params.is_valid(raise_exception=True)
            data = dict(params.validated_data)
            data["remote"] = data.get("remote") or ""
            self._search_params = data
        return self._search_params

    def get_queryset(self):
        data = self._params()
        if self.get_keyset_ordering() is not None:
            return selectors.job_list_queryset(data)
        return selectors.search_postings(data)

    def keyset_count(self, queryset) -> tuple[int, bool]:
        return selectors.job_list_count(queryset, self._params())

    def get_keyset_ordering(self):
        data = self._params()
        if (data.get("q") or "").strip():
            return None
        return selectors.list_ordering(data)

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
    @public_cache.anonymous_api
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
