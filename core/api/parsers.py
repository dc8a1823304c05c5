import io

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from .errors import PayloadTooLarge


class LimitedJSONParser(JSONParser):
    """JSON parser that refuses bodies over ``API_MAX_JSON_BYTES`` and says so in the user's language."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.API_MAX_JSON_BYTES
        request = (parser_context or {}).get("request")
        length = request.META.get("CONTENT_LENGTH") if request is not None else None
        try:
            if length and int(length) > limit:
                raise PayloadTooLarge(
                    _("The request body is larger than %(limit)d bytes.") % {"limit": limit}
                )
        except ValueError:
            raise ParseError(_("Invalid Content-Length header.")) from None
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise PayloadTooLarge(
                _("The request body is larger than %(limit)d bytes.") % {"limit": limit}
            )
        if not raw:
            return {}
        try:
            data = super().parse(io.BytesIO(raw), media_type, parser_context)
        except (ParseError, RecursionError):
            raise ParseError(_("The request body is not valid JSON.")) from None
        check_json(data, max_depth=settings.API_MAX_JSON_DEPTH)
        return data


def check_json(data, *, max_depth: int) -> None:
    """Refuse nesting deeper than ``max_depth`` and NUL characters in keys or strings.

    Walks iteratively, so a hostile body cannot exhaust the stack here either;
    PostgreSQL would refuse the NUL later with a 500.
    """
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > max_depth:
            raise ParseError(
                _("The request body is nested deeper than %(limit)d levels.") % {"limit": max_depth}
            )
        if isinstance(value, dict):
            for key, item in value.items():
                if "\x00" in key:
                    raise ParseError(
                        _("The request contains a character that is not allowed (NUL).")
                    )
                stack.append((item, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, str) and "\x00" in value:
            raise ParseError(_("The request contains a character that is not allowed (NUL)."))
