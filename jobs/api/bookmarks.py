"""A trainee's bookmarked postings (관심 공고): list, add, remove."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.parsers import LimitedJSONParser
from core.permissions import roles

from .. import selectors, services
from .serializers import BookmarkCreateSerializer, BookmarkSerializer


class MyBookmarks(generics.ListAPIView):
    """Your bookmarked postings, newest first; POST ``{"posting": id}`` bookmarks a public one
    (201, or 200 when it was already bookmarked)."""

    permission_classes = [roles("trainee")]
    serializer_class = BookmarkSerializer
    parser_classes = [LimitedJSONParser]

    def get_queryset(self):
        return selectors.bookmarks_of(self.request.user)

    @extend_schema(
        request=BookmarkCreateSerializer,
        responses={201: BookmarkSerializer, 200: BookmarkSerializer},
    )
    def post(self, request):
        serializer = BookmarkCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        posting = selectors.get_public_posting(serializer.validated_data["posting"])
        existed = bool(selectors.bookmarked_posting_ids(request.user, [posting.pk]))
        bookmark = services.bookmark_add(user=request.user, posting=posting)
        return Response(
            BookmarkSerializer(bookmark).data,
            status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED,
        )


class MyBookmark(APIView):
    """One of your bookmarks; DELETE removes it. Anyone else's answers 404."""

    permission_classes = [roles("trainee")]

    @extend_schema(responses=BookmarkSerializer)
    def get(self, request, pk: int):
        return Response(
            BookmarkSerializer(selectors.get_bookmark_for_trainee(request.user, pk)).data
        )

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk: int):
        bookmark = selectors.get_bookmark_for_trainee(request.user, pk)
        services.bookmark_remove(user=request.user, posting_id=bookmark.posting_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
