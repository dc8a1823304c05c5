from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from core import keyset


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=`` and ``?page_size=`` (up to 100); responses carry count, next, previous, results."""

    page_size_query_param = "page_size"
    max_page_size = 100


class KeysetPagination(PageNumberPagination):
    """Cursor pages (``core.keyset``) for long lists: ``next`` and ``previous`` carry an opaque
    ``cursor``; ``count`` is exact up to 1,000 and 1,000 beyond (``count_is_exact`` says
    which). Old ``?page=N`` requests answer up to page 50.

    The view names the order with ``get_keyset_ordering()`` (and may count with
    ``keyset_count(queryset)``, e.g. from a cache); when the ordering is None (a search,
    which the search app orders and counts) the list answers by page number as before, with
    an exact ``count``.
    """

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        ordering = view.get_keyset_ordering() if view is not None else None
        self.listing = None
        if ordering is None:
            return super().paginate_queryset(queryset, request, view)
        raw_page = request.query_params.get(self.page_query_param)
        page = None
        if raw_page:
            try:
                page = int(raw_page)
            except ValueError:
                page = 0
        try:
            self.listing = keyset.paginate(
                queryset,
                ordering,
                size=self.get_page_size(request) or 20,
                cursor=request.query_params.get("cursor") or None,
                page=page,
                count=getattr(view, "keyset_count", None),
            )
        except keyset.InvalidCursor:
            raise ValidationError(
                {"cursor": [_("This cursor is not valid for this list.")]}
            ) from None
        except keyset.PageOutOfRange:
            raise ValidationError(
                {
                    "page": [
                        _(
                            "Page numbers go from 1 to %(max)d; further pages are reached by "
                            "the “next” link."
                        )
                        % {"max": keyset.MAX_OFFSET_PAGE}
                    ]
                }
            ) from None
        return self.listing.rows

    def _link(self, cursor: str | None) -> str | None:
        if cursor is None:
            return None
        url = remove_query_param(self.request.build_absolute_uri(), self.page_query_param)
        return replace_query_param(url, "cursor", cursor)

    def get_paginated_response(self, data):
        if self.listing is None:
            count, exact = self.page.paginator.count, True
            next_link, previous_link = self.get_next_link(), self.get_previous_link()
        else:
            count, exact = self.listing.count, self.listing.count_is_exact
            next_link = self._link(self.listing.next_cursor)
            previous_link = self._link(self.listing.previous_cursor)
        return Response(
            {
                "count": count,
                "count_is_exact": exact,
                "next": next_link,
                "previous": previous_link,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count"]["description"] = (
            "Matching rows, counted up to 1,000 (see count_is_exact)."
        )
        response["properties"]["count_is_exact"] = {
            "type": "boolean",
            "description": "False when more than 1,000 rows match and count says 1,000.",
        }
        response["required"] = [*response.get("required", []), "count_is_exact"]
        return response

    def get_schema_operation_parameters(self, view):
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": "cursor",
                "required": False,
                "in": "query",
                "description": "Where the page starts: the cursor in a `next` or `previous` link.",
                "schema": {"type": "string"},
            },
        ]
