"""Center staff: verify companies, approve or return postings under review, of their own centers.

Another center's company or posting answers 404, as if it did not exist.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import selectors as account_selectors
from accounts import services as account_services
from core.api.parsers import LimitedJSONParser
from core.permissions import roles

from .. import selectors, services
from .serializers import CompanySerializer, PostingSerializer, ReturnSerializer, VerifySerializer


class CompanyVerify(APIView):
    """Center staff verify (or reject, with a reason) a company registered with their center."""

    permission_classes = [roles("staff")]
    parser_classes = [LimitedJSONParser]

    @extend_schema(request=VerifySerializer, responses=CompanySerializer)
    def post(self, request, pk: int):
        company = account_selectors.get_company_for_staff(request.user, pk)
        serializer = VerifySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        registration = account_selectors.get_registration_for_staff(
            request.user, company.pk, data.get("center")
        )
        company = account_services.company_set_status(
            company=company,
            status=data["status"],
            by=request.user,
            reason=data.get("reason", ""),
            center=registration.center,
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
