"""Public API for checking a certificate of completion (수료증)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers
from rest_framework.exceptions import NotFound, Throttled
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import selectors


class CertificateVerificationSerializer(serializers.Serializer):
    code = serializers.CharField()
    status = serializers.ChoiceField(choices=["valid", "revoked"])
    serial = serializers.CharField()
    holder_name = serializers.CharField(help_text="Partly masked, e.g. 김*수.")
    course = serializers.CharField()
    course_en = serializers.CharField()
    center = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    issued_on = serializers.DateField()
    revoked_on = serializers.DateField(allow_null=True)


class CertificateVerify(APIView):
    """Check a certificate by the code in its QR link. Unknown codes answer 404; revoked ones say so."""

    permission_classes = [permissions.AllowAny]
    throttle_classes: list = []  # the per-IP limiter below is stricter and shared with the page

    @extend_schema(
        responses={
            200: CertificateVerificationSerializer,
            404: OpenApiResponse(description="No certificate has this code."),
            429: OpenApiResponse(description="Too many lookups from this address."),
        }
    )
    def get(self, request, code: str):
        if selectors.verify_lookup_limited(request):
            raise Throttled(
                wait=selectors.VERIFY_PERIOD,
                detail=_("Too many lookups. Please wait a minute and try again."),
            )
        certificate = selectors.certificate_by_code(code)
        if certificate is None:
            raise NotFound(_("No certificate has this code."))
        run = certificate.run
        data = {
            "code": certificate.code,
            "status": "revoked" if certificate.is_revoked else "valid",
            "serial": certificate.serial,
            "holder_name": selectors.mask_name(certificate.holder_name),
            "course": certificate.course_title,
            "course_en": certificate.course_title_en,
            "center": run.course.center.name,
            "starts_on": run.starts_on,
            "ends_on": run.ends_on,
            "issued_on": timezone.localdate(certificate.issued_at),
            "revoked_on": timezone.localdate(certificate.revoked_at)
            if certificate.revoked_at
            else None,
        }
        response = Response(CertificateVerificationSerializer(data).data)
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "no-store"
        return response
