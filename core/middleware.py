"""Request hygiene at one place, before any view runs."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

# Credentials are read by the authentication classes, which answer a malformed one
# with 401 like any other wrong credential.
_CREDENTIAL_HEADERS = {"HTTP_AUTHORIZATION", "HTTP_COOKIE"}


def _has_nul(values) -> bool:
    return any("\x00" in value for value in values)


class RejectInvalidCharactersMiddleware:
    """Answer 400 to a NUL character in the path, the query string or a header.

    PostgreSQL refuses NUL in text, so one that reached a filter or an insert would
    end in a 500 deep inside a view. Bodies are checked where they are read, after
    the permission check: the API's JSON parser refuses NUL anywhere, and every
    form and serializer text field refuses it with a message on the field.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._invalid(request):
            message = _("The request contains a character that is not allowed (NUL).")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message, "errors": {}}, status=400)
            return render(request, "errors/400.html", {"message": message}, status=400)
        return self.get_response(request)

    @staticmethod
    def _invalid(request) -> bool:
        if "\x00" in request.path:
            return True
        if any(_has_nul([key, *request.GET.getlist(key)]) for key in request.GET):
            return True
        headers = (
            str(v)
            for k, v in request.META.items()
            if k.startswith("HTTP_") and k not in _CREDENTIAL_HEADERS
        )
        return _has_nul(headers)
