"""The outcome figures and the journey as JSON (the same selectors as the pages)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from core.permissions import roles

from . import selectors

SCOPE = [
    OpenApiParameter("center", int, description="a center you are staff of (default: your first)"),
    OpenApiParameter("from", OpenApiTypes.DATE, description="first day (default 1 January)"),
    OpenApiParameter("to", OpenApiTypes.DATE, description="last day (default today)"),
]


def _scope(request):
    # The center first: another center's staff get 404 whatever the dates say.
    center = selectors.get_center_for_staff(request.user, request.query_params.get("center"))
    return center, selectors.parse_period(request.query_params)


class OutcomesReport(APIView):
    """Every figure of the outcomes dashboard for one center and period."""

    permission_classes = [roles("staff")]

    @extend_schema(parameters=SCOPE, responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        center, period = _scope(request)
        return Response(selectors.outcomes(center, period))


class OutcomesRuns(APIView):
    """The employment rate of each course run that ended in the period."""

    permission_classes = [roles("staff")]

    @extend_schema(parameters=SCOPE, responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        center, period = _scope(request)
        return Response(
            {
                "center": center.pk,
                **period.as_query(),
                "runs": selectors.run_rates(center, period),
            }
        )


class MyJourney(APIView):
    """Your journey: the timeline from training to work, the figures and the next steps."""

    permission_classes = [roles("trainee")]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        from .selectors.journey import journey

        return Response(journey(request.user))
