"""Validators for Korean identifiers: mobile phone numbers and 사업자등록번호.

Parsing and structure come from kept libraries: ``phonenumbers`` (Google's
libphonenumber metadata) for phone numbers and python-stdnum's ``kr.brn`` for
business registration numbers. What they leave out is here: python-stdnum checks
a BRN's length and parts but not its 국세청 check digit, and libphonenumber also
counts 012 (old pagers) and seven-digit 010 numbers as mobile, which no person
holds today.
"""

from __future__ import annotations

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum.kr import brn as stdnum_brn

# 010 numbers always have eight digits after the prefix; the old 011/016–019 ones seven or eight.
_MOBILE_RE = re.compile(r"^(?:010[0-9]{8}|01[16789][0-9]{7,8})$")
# What may reach the phone parser: an optional "+" and ASCII digits. libphonenumber would
# also read letters ("010-CALL-ME00") and other scripts' digits ("٠١٠…") as digits.
_PHONE_TYPED_RE = re.compile(r"^\+?[0-9]+$")
_ASCII_DIGITS_RE = re.compile(r"^[0-9]+$")
# Korean IMEs in full-width mode type ０-９ and －; read them as the ASCII digits and hyphen.
_FULL_WIDTH = str.maketrans(
    {**{chr(0xFF10 + i): str(i) for i in range(10)}, "\uff0d": "-", "\uff0b": "+"}
)
# Weights of the official 사업자등록번호 check digit (국세청 algorithm).
_BRN_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)


def _digits(value: str) -> str:
    return re.sub(r"[\s\-.()]", "", str(value or "").translate(_FULL_WIDTH))


def _invalid_phone() -> ValidationError:
    return ValidationError(
        _("Enter a Korean mobile number such as 010-1234-5678."), code="invalid_phone"
    )


def normalize_mobile(value: str) -> str:
    """Return a Korean mobile number as ``010-1234-5678``; raise ValidationError if it is not one."""
    typed = _digits(value)
    if not _PHONE_TYPED_RE.match(typed):
        raise _invalid_phone()
    try:
        number = phonenumbers.parse(typed, "KR")  # "+82 (0)10 …" and "8210…" too
    except phonenumbers.NumberParseException:
        raise _invalid_phone() from None
    if (
        number.country_code != 82
        or not phonenumbers.is_valid_number(number)
        or phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.MOBILE
        or not _MOBILE_RE.match(f"0{number.national_number}")
    ):
        raise _invalid_phone()
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def brn_check_digit(body: str) -> str:
    """The 사업자등록번호 check digit of its first nine digits (국세청 algorithm)."""
    numbers = [int(c) for c in body]
    total = sum(n * w for n, w in zip(numbers, _BRN_WEIGHTS, strict=True))
    total += (numbers[8] * 5) // 10  # the 9th digit counts once more: tens of (digit × 5)
    return str((10 - total % 10) % 10)


def brn_checksum_ok(digits: str) -> bool:
    """True when a 10-digit 사업자등록번호 carries the right check digit."""
    if len(digits) != 10 or not _ASCII_DIGITS_RE.match(digits):
        return False
    return brn_check_digit(digits[:9]) == digits[9]


def normalize_brn(value: str) -> str:
    """Return a 사업자등록번호 as 10 digits; raise ValidationError naming what is wrong."""
    digits = _digits(value)
    # str.isdigit() is also true for "²" or "٣", which int() and the database reject.
    if not _ASCII_DIGITS_RE.match(digits):
        raise ValidationError(
            _("A business registration number has digits only, such as 123-45-67890."),
            code="brn_not_digits",
        )
    try:
        digits = stdnum_brn.validate(digits)
    except stdnum_errors.InvalidLength:
        raise ValidationError(
            _("A business registration number has exactly 10 digits."), code="brn_length"
        ) from None
    except stdnum_errors.ValidationError:
        # A tax office code below 101, business type 00 or serial 0000: no office issues these.
        raise ValidationError(
            _(
                "This business registration number is not valid: no tax office issues "
                "numbers of this form."
            ),
            code="brn_component",
        ) from None
    if not brn_checksum_ok(digits):
        raise ValidationError(
            _("This business registration number is not valid: its check digit does not match."),
            code="brn_checksum",
        )
    return digits


def format_brn(digits: str) -> str:
    """``1234567890`` → ``123-45-67890``."""
    return stdnum_brn.format(digits) if len(digits) == 10 else digits


def validate_mobile(value: str) -> None:
    normalize_mobile(value)


def validate_brn(value: str) -> None:
    normalize_brn(value)
