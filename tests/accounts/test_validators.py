"""Korean mobile numbers and 사업자등록번호: what people type, and what we keep."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from accounts.validators import format_brn, normalize_brn, normalize_mobile

# Weights of the 국세청 check digit, spelled out here on purpose instead of
# importing them: the test must not share a typo with the code it checks.
NTS_WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5]


def reference_check_digit(body: str) -> int:
    """The 사업자등록번호 check digit of a 9-digit body, computed the way 국세청 documents it."""
    total = 0
    for digit, weight in zip(body, NTS_WEIGHTS, strict=True):
        total += int(digit) * weight
    total += int(body[8]) * 5 // 10  # the 9th digit counts once more: tens of (digit × 5)
    return (10 - total % 10) % 10


def reference_parts_possible(number: str) -> bool:
    """Whether a tax office could issue it: office code 101 or above, business type not 00,
    serial not 0000 (the rule python-stdnum's kr.brn applies)."""
    return number[:3] >= "101" and number[3:5] != "00" and number[5:9] != "0000"


def error_code(func, value) -> str:
    with pytest.raises(ValidationError) as info:
        func(value)
    return info.value.code


class TestMobile:
    @pytest.mark.parametrize(
        "typed",
        [
            "010-1234-5678",
            "01012345678",
            "010 1234 5678",
            " 010.1234.5678 ",
            "(010) 1234-5678",
            "+82 10-1234-5678",
            "+821012345678",
            "+82 (0)10 1234 5678",
            "821012345678",
            "０１０－１２３４－５６７８",  # full-width, as some Korean keyboards type it
        ],
    )
    def test_it_normalizes_what_people_type(self, typed):
        assert normalize_mobile(typed) == "010-1234-5678"

    def test_it_keeps_ten_digit_numbers_of_old_carriers(self):
        assert normalize_mobile("011-234-5678") == "011-234-5678"
        assert normalize_mobile("0162345678") == "016-234-5678"

    @pytest.mark.parametrize(
        "typed",
        [
            "02-123-4567",  # Seoul landline
            "031-123-4567",  # Gyeonggi landline
            "070-1234-5678",  # internet phone
            "1588-1234",  # company hotline
            "010-CALL-ME00",
            "010-1234-567O",  # letter O for zero
            "010-123-456",  # too short
            "010-123-4567",  # 010 numbers have eight digits after the prefix
            "012-1234-5678",  # old pagers; libphonenumber counts them as mobile
            "+44 7700 900123",  # a mobile, but not a Korean one
            "010-1234-56789",  # too long
            "+1 415 555 0100",
            "",
            "٠١٠١٢٣٤٥٦٧٨",  # Arabic-Indic digits are not a Korean number
        ],
    )
    def test_it_rejects_what_is_not_a_korean_mobile(self, typed):
        assert error_code(normalize_mobile, typed) == "invalid_phone"

    def test_it_says_what_a_valid_number_looks_like(self):
        with pytest.raises(ValidationError) as info:
            normalize_mobile("02-123-4567")
        assert "010-1234-5678" in info.value.messages[0]


class TestBusinessRegistrationNumber:
    @pytest.mark.parametrize(
        "typed, digits",
        [
            ("220-81-62517", "2208162517"),  # published on a well-known portal's site footer
            ("124-81-00998", "1248100998"),  # published on a well-known manufacturer's site footer
            ("120-81-47521", "1208147521"),
            ("2208162517", "2208162517"),
            (" 220 81 62517 ", "2208162517"),
            ("２２０－８１－６２５１７", "2208162517"),
        ],
    )
    def test_it_accepts_real_numbers(self, typed, digits):
        assert normalize_brn(typed) == digits

    def test_it_agrees_with_the_reference_algorithm_on_the_public_numbers(self):
        for number in ("2208162517", "1248100998", "1208147521"):
            assert reference_check_digit(number[:9]) == int(number[9])

    def test_it_rejects_a_wrong_check_digit(self):
        assert error_code(normalize_brn, "220-81-62518") == "brn_checksum"

    @pytest.mark.parametrize(
        "typed",
        [
            "000-00-00000",  # the check digit of nine zeros is 0, yet no such number exists
            "100-81-00010",  # tax office codes start at 101
            "220-00-62510",  # business type 00
            "220-81-00002",  # serial 0000
        ],
    )
    def test_it_rejects_numbers_no_tax_office_issues(self, typed):
        assert error_code(normalize_brn, typed) == "brn_component"

    @pytest.mark.parametrize("typed", ["220-81-6251", "220-81-625170", "1234"])
    def test_it_rejects_a_wrong_length(self, typed):
        assert error_code(normalize_brn, typed) == "brn_length"

    @pytest.mark.parametrize(
        "typed", ["220-81-6251A", "ABC-DE-FGHIJ", "²²²²²²²²²²", "220/81/62517"]
    )
    def test_it_rejects_letters_and_symbols(self, typed):
        assert error_code(normalize_brn, typed) == "brn_not_digits"

    def test_each_mistake_gets_its_own_message(self):
        messages = set()
        for typed in ("220-81-62518", "220-81-6251", "220-81-6251A", "000-00-00000"):
            with pytest.raises(ValidationError) as info:
                normalize_brn(typed)
            messages.add(info.value.messages[0])
        assert len(messages) == 4

    def test_it_formats_for_display(self):
        assert format_brn("2208162517") == "220-81-62517"

    @given(st.text(alphabet="0123456789", min_size=10, max_size=10))
    @settings(deadline=None)  # CI machines are slow sometimes; correctness is what counts
    def test_it_accepts_exactly_the_numbers_whose_check_digit_matches(self, digits):
        possible = reference_parts_possible(digits)
        valid = possible and reference_check_digit(digits[:9]) == int(digits[9])
        try:
            normalize_brn(digits)
        except ValidationError as exc:
            assert not valid, f"{digits} is valid but was rejected"
            assert exc.code == ("brn_checksum" if possible else "brn_component")
        else:
            assert valid, f"{digits} has a wrong check digit but was accepted"

    @given(st.text(alphabet="0123456789", min_size=9, max_size=9))
    @settings(deadline=None)
    def test_it_accepts_one_check_digit_per_body(self, body):
        accepted = []
        for last in "0123456789":
            try:
                normalize_brn(body + last)
            except ValidationError:
                continue
            accepted.append(last)
        if reference_parts_possible(body + "0"):
            assert accepted == [str(reference_check_digit(body))]
        else:
            assert accepted == []

    @given(st.text(max_size=20))
    @settings(deadline=None)
    def test_it_never_crashes_and_returns_ascii_digits(self, typed):
        """Anything a person or a script sends gets a ValidationError or ten ASCII digits."""
        try:
            digits = normalize_brn(typed)
        except ValidationError as exc:
            assert exc.code in {"brn_not_digits", "brn_length", "brn_component", "brn_checksum"}
        else:
            assert len(digits) == 10 and digits.isascii() and digits.isdigit()

    @given(st.text(alphabet=st.characters(categories=("Nd", "No")), min_size=10, max_size=10))
    @settings(deadline=None)
    def test_it_never_crashes_on_digits_of_other_scripts(self, typed):
        """ "٣" and "²" count as digits to str.isdigit(), not to int() or the database."""
        try:
            digits = normalize_brn(typed)
        except ValidationError:
            return
        assert digits.isascii() and digits.isdigit()

    @given(st.text(max_size=20))
    @settings(deadline=None)
    def test_mobile_never_crashes_and_returns_the_display_form(self, typed):
        try:
            phone = normalize_mobile(typed)
        except ValidationError as exc:
            assert exc.code == "invalid_phone"
        else:
            assert phone.isascii()
            assert phone.startswith("01")
            assert phone.count("-") == 2
