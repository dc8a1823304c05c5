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
            return super().parse(io.BytesIO(raw), media_type, parser_context)
        except ParseError:
            raise ParseError(_("The request body is not valid JSON.")) from None
