"""One error format for the whole API: ``{"detail": ..., "errors": {field: [messages]}}``."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.exceptions import ConflictError


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("The resource is in a conflicting state.")
    default_code = "conflict"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = gettext_lazy("The request body is too large.")
    default_code = "payload_too_large"


def _flatten(detail) -> list[str]:
    if isinstance(detail, dict):
        return [m for value in detail.values() for m in _flatten(value)]
    if isinstance(detail, list):
        return [m for item in detail for m in _flatten(item)]
    return [str(detail)]


def _field_errors(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {str(field): _flatten(messages) for field, messages in detail.items()}
    return {"non_field_errors": _flatten(detail)}


def exception_handler(exc, context):
    """Map every error to the one format; services' errors need no per-app translation.

    ``ConflictError`` → 409, any other Django ``ValidationError`` → 400 with its
    field messages, ``Http404`` → 404, ``PermissionDenied`` → 403.
    """
    if isinstance(exc, ConflictError):
        exc = Conflict(exc.messages[0] if exc.messages else None)
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, RequestDataTooBig):
        # Form and multipart bodies over DATA_UPLOAD_MAX_MEMORY_SIZE: Django would answer 400.
        exc = PayloadTooLarge()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None

    if isinstance(exc, exceptions.ValidationError):
        errors = _field_errors(exc.detail)
        non_field = errors.get("non_field_errors")
        detail = non_field[0] if non_field else _("Please correct the errors below.")
        body = {"detail": detail, "errors": errors}
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        if isinstance(detail, (dict, list)):
            body = {"detail": _("Request could not be processed."), "errors": _field_errors(detail)}
        else:
            body = {"detail": str(detail), "errors": {}}
    response.data = body
    return response


def error_response(detail: str, *, status_code: int, errors: dict | None = None) -> Response:
    """Build an error response by hand in the API's one format."""
    return Response({"detail": detail, "errors": errors or {}}, status=status_code)
