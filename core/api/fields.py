"""Dates the API accepts: within a plausible range, for every serializer at once.

DRF accepts any year from 1 to 9999. A course run "starting" in the year 128 is nonsense,
and times before 1912 in Asia/Seoul carry a local-mean-time offset with seconds
(``+08:27:52``) that no RFC 3339 client can read back. Rather than ask every serializer to
remember a validator, ``install()`` (called from ``CoreConfig.ready``) makes DRF's
``DateField`` and ``DateTimeField`` refuse years outside ``MIN_YEAR``–``MAX_YEAR`` with a
400, like any other invalid value. Found by schemathesis (docs/security.md).
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

MIN_YEAR = 1950
MAX_YEAR = 2100


def _plausible(to_internal_value):
    def wrapped(self, value):
        result = to_internal_value(self, value)
        if isinstance(result, dt.date) and not MIN_YEAR <= result.year <= MAX_YEAR:
            raise serializers.ValidationError(
                _("Enter a date between %(first)s and %(last)s.")
                % {"first": MIN_YEAR, "last": MAX_YEAR},
                code="date_out_of_range",
            )
        return result

    wrapped.plausible_dates = True
    return wrapped


def install() -> None:
    for field in (serializers.DateField, serializers.DateTimeField):
        if not getattr(field.to_internal_value, "plausible_dates", False):
            field.to_internal_value = _plausible(field.to_internal_value)
