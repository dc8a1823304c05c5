"""Validators for Korean identifiers: mobile phone numbers and 사업자등록번호."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# 010 numbers always have eight digits after the prefix; the old 011/016–019 ones seven or eight.
_MOBILE_RE = re.compile(r"^(?:010[0-9]{8}|01[16789][0-9]{7,8})$")
_ASCII_DIGITS_RE = re.compile(r"^[0-9]+$")
# Korean IMEs in full-width mode type ０-９ and －; read them as the ASCII digits and hyphen.
_FULL_WIDTH = str.maketrans(
    {**{chr(0xFF10 + i): str(i) for i in range(10)}, "\uff0d": "-", "\uff0b": "+"}
)
# Weights of the official 사업자등록번호 check digit (국세청 algorithm).
_BRN_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)


def _digits(value: str) -> str:
    return re.sub(r"[\s\-.()]", "", str(value or "").translate(_FULL_WIDTH))


def normalize_mobile(value: str) -> str:
    """Return a Korean mobile number as ``010-1234-5678``; raise ValidationError if it is not one."""
    digits = _digits(value)
    if digits.startswith("+82"):
        digits = "0" + digits[3:].removeprefix("0")  # "+82 (0)10 …" is also written
    elif digits.startswith("82") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not _MOBILE_RE.match(digits):
        raise ValidationError(
            _("Enter a Korean mobile number such as 010-1234-5678."), code="invalid_phone"
        )
    if len(digits) == 11:
        return f"{digits[:3]}-{digits[3:7]}-{digits[7:]}"
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"


def brn_checksum_ok(digits: str) -> bool:
    """True when a 10-digit 사업자등록번호 carries the right check digit."""
    if len(digits) != 10 or not _ASCII_DIGITS_RE.match(digits):
        return False
    numbers = [int(c) for c in digits]
    total = sum(n * w for n, w in zip(numbers[:9], _BRN_WEIGHTS, strict=True))
    total += (numbers[8] * 5) // 10
    return (10 - total % 10) % 10 == numbers[9]


def normalize_brn(value: str) -> str:
    """Return a 사업자등록번호 as 10 digits; raise ValidationError naming what is wrong."""
    digits = _digits(value)
    # str.isdigit() is also true for "²" or "٣", which int() and the database reject.
    if not _ASCII_DIGITS_RE.match(digits):
        raise ValidationError(
            _("A business registration number has digits only, such as 123-45-67890."),
            code="brn_not_digits",
        )
    if len(digits) != 10:
        raise ValidationError(
            _("A business registration number has exactly 10 digits."), code="brn_length"
        )
    if not brn_checksum_ok(digits):
        raise ValidationError(
            _("This business registration number is not valid: its check digit does not match."),
            code="brn_checksum",
        )
    return digits


def format_brn(digits: str) -> str:
    """``1234567890`` → ``123-45-67890``."""
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}" if len(digits) == 10 else digits


def validate_mobile(value: str) -> None:
    normalize_mobile(value)


def validate_brn(value: str) -> None:
    normalize_brn(value)
