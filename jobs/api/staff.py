"""Center staff: verify companies, approve or return postings under review."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import services as account_services
from accounts.models import Company
from core.api.parsers import LimitedJSONParser
from core.permissions import roles

from .. import selectors, services
from .serializers import CompanySerializer, PostingSerializer, ReturnSerializer, VerifySerializer


class CompanyVerify(APIView):
    """Center staff verify (or reject, with a reason) a company."""

    permission_classes = [roles("staff")]
    parser_classes = [LimitedJSONParser]

    @extend_schema(request=VerifySerializer, responses=CompanySerializer)
    def post(self, request, pk: int):
        company = Company.objects.filter(pk=pk).first()
        if company is None:
            raise Http404
        serializer = VerifySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        account_services.company_set_status(
            company=company,
            status=serializer.validated_data["status"],
            by=request.user,
            reason=serializer.validated_data.get("reason", ""),
        )
        return Response(CompanySerializer(company).data)


class JobApprove(APIView):
    """Center staff publish a posting waiting for review."""

    permission_classes = [roles("staff")]
    parser_classes = [LimitedJSONParser]

    @extend_schema(request=None, responses=PostingSerializer)
    def post(self, request, pk: int):
        posting = selectors.get_posting_for_staff(request.user, pk)
        services.posting_approve(posting=posting, by=request.user)
        return Response(PostingSerializer(selectors.get_posting_for_staff(request.user, pk)).data)


class JobReturn(APIView):
    """Center staff return a posting to its company with the reason."""

    permission_classes = [roles("staff")]
    parser_classes = [LimitedJSONParser]

    @extend_schema(request=ReturnSerializer, responses=PostingSerializer)
    def post(self, request, pk: int):
        posting = selectors.get_posting_for_staff(request.user, pk)
        serializer = ReturnSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.posting_return(
            posting=posting, by=request.user, reason=serializer.validated_data["reason"]
        )
        return Response(PostingSerializer(selectors.get_posting_for_staff(request.user, pk)).data)
