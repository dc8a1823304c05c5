"""``GET /api/v1/search/`` and ``GET /api/v1/search/suggest/``: public, read-only.

Malformed parameters answer 400 in the API's one error format; anything a person may type as a
query (syntax characters, an empty or very long string) gets an answer, never a 500.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from . import registry, service
from .backends.base import MAX_PAGE_SIZE


class SearchParamsSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=500)
    type = serializers.CharField(required=False, default="jobs", max_length=20)
    sort = serializers.ChoiceField(
        required=False, choices=registry.SORTS, allow_blank=True, default=""
    )
    page = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=500,
        help_text="The opaque token of the next page, from the previous response's `next`.",
    )
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=20
    )


class SuggestParamsSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100)
    type = serializers.CharField(
        required=False, allow_blank=True, help_text="Limit to one type (jobs, courses, …)."
    )
    limit = serializers.IntegerField(required=False, min_value=1, max_value=20, default=8)


class HighlightSerializer(serializers.Serializer):
    title = serializers.CharField(help_text="The title, HTML-escaped, matches in <mark>.")
    snippet = serializers.CharField(help_text="A passage around the first match, same markup.")


class SearchHitSerializer(serializers.Serializer):
    type = serializers.CharField(source="kind")
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()
    highlight = HighlightSerializer()
    data = serializers.DictField(help_text="Fields shown with the result, per type.")
    score = serializers.FloatField(allow_null=True)


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = SearchHitSerializer(many=True)
    facets = serializers.DictField(child=FacetValueSerializer(many=True))
    next = serializers.CharField(allow_null=True)
    notice = serializers.CharField(allow_blank=True)
    fuzzy = serializers.BooleanField()


class SuggestionSerializer(serializers.Serializer):
    text = serializers.CharField()
    type = serializers.CharField(source="kind")
    id = serializers.IntegerField()
    url = serializers.CharField()


_FACET_PARAMETER = OpenApiParameter(
    name="<facet>",
    description=(
        "Facet filters, repeatable or comma-separated. jobs: district, employment_type, "
        "experience, education, salary, company, skill; courses: center, category, level, "
        "seats, month; companies: district, size; booths (when fairs registers them): fair, "
        "industry."
    ),
    required=False,
    type=str,
)


class SearchView(APIView):
    """Search postings, courses, fair booths or companies: hits with highlights, facets
    counted under the other filters, and a keyset ``next`` link."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        parameters=[SearchParamsSerializer, _FACET_PARAMETER],
        responses=SearchResponseSerializer,
    )
    def get(self, request):
        params = SearchParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        kind = data["type"]
        search_request = service.build_request(
            kind=kind,
            q=data.get("q", ""),
            filters=service.filters_from_params(kind, request.query_params),
            sort=data.get("sort", ""),
            cursor=data.get("page", ""),
            size=data["page_size"],
        )
        result = service.search(search_request)
        next_url = None
        if result.next_cursor:
            query = request.query_params.copy()
            query["page"] = result.next_cursor
            next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        body = {
            "count": result.total,
            "results": SearchHitSerializer(result.hits, many=True).data,
            "facets": {
                facet.name: FacetValueSerializer(facet.values, many=True).data
                for facet in result.facets
            },
            "next": next_url,
            "notice": result.notice,
            "fuzzy": result.fuzzy,
        }
        return Response(body)


class SuggestView(APIView):
    """Autocomplete: titles matching a prefix, an unfinished last syllable (세ㄱ) or 초성
    (ㅈㅇㄹ)."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(parameters=[SuggestParamsSerializer], responses=SuggestionSerializer(many=True))
    def get(self, request):
        params = SuggestParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        kind = data.get("type") or ""
        if kind and registry.get(kind) is None:
            raise ValidationError({"type": [_("Choose one of the search types offered.")]})
        found = service.suggest(
            data.get("q", ""), kinds=[kind] if kind else None, limit=data["limit"]
        )
        return Response(SuggestionSerializer(found, many=True).data)
