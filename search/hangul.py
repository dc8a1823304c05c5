"""Hangul arithmetic for autocomplete: jamo strings and initial consonants (초성).

A precomposed syllable S (U+AC00…U+D7A3) is 0xAC00 + (initial × 21 + vowel) × 28 + final.
Keys are written with compatibility jamo (ㄱ, ㅏ), the letters a keyboard types, and compound
vowels and finals are split in typing order, so every state a Korean IME passes through while
typing a word is a prefix of the word's key: "세ㄱ" and the in-progress "섹" are both ㅅㅔㄱ, a
prefix of 세공's ㅅㅔㄱㅗㅇ.
"""

from __future__ import annotations

import re

SYLLABLE_FIRST, SYLLABLE_LAST = 0xAC00, 0xD7A3

INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
VOWELS = [
    "ㅏ", "ㅐ", "ㅑ", "ㅒ", "ㅓ", "ㅔ", "ㅕ", "ㅖ", "ㅗ", "ㅗㅏ", "ㅗㅐ", "ㅗㅣ", "ㅛ", "ㅜ",
    "ㅜㅓ", "ㅜㅔ", "ㅜㅣ", "ㅠ", "ㅡ", "ㅡㅣ", "ㅣ",
]  # fmt: skip
FINALS = [
    "", "ㄱ", "ㄲ", "ㄱㅅ", "ㄴ", "ㄴㅈ", "ㄴㅎ", "ㄷ", "ㄹ", "ㄹㄱ", "ㄹㅁ", "ㄹㅂ", "ㄹㅅ",
    "ㄹㅌ", "ㄹㅍ", "ㄹㅎ", "ㅁ", "ㅂ", "ㅂㅅ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ",
]  # fmt: skip
# Compatibility jamo typed on their own that stand for two keystrokes.
_COMPOUND_JAMO = {
    "ㄳ": "ㄱㅅ", "ㄵ": "ㄴㅈ", "ㄶ": "ㄴㅎ", "ㄺ": "ㄹㄱ", "ㄻ": "ㄹㅁ", "ㄼ": "ㄹㅂ", "ㄽ": "ㄹㅅ",
    "ㄾ": "ㄹㅌ", "ㄿ": "ㄹㅍ", "ㅀ": "ㄹㅎ", "ㅄ": "ㅂㅅ", "ㅘ": "ㅗㅏ", "ㅙ": "ㅗㅐ", "ㅚ": "ㅗㅣ",
    "ㅝ": "ㅜㅓ", "ㅞ": "ㅜㅔ", "ㅟ": "ㅜㅣ", "ㅢ": "ㅡㅣ",
}  # fmt: skip
_CONSONANTS = set(INITIALS) | {"ㄳ", "ㄵ", "ㄶ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ", "ㅄ"}
_SPACE = re.compile(r"\s+")


def is_syllable(char: str) -> bool:
    return SYLLABLE_FIRST <= ord(char) <= SYLLABLE_LAST


def jamo(text: str) -> str:
    """The keystroke-order jamo spelling of ``text``; other characters are kept (lowercased)."""
    out: list[str] = []
    for char in text.lower():
        if is_syllable(char):
            index = ord(char) - SYLLABLE_FIRST
            out.append(INITIALS[index // 588])
            out.append(VOWELS[index % 588 // 28])
            out.append(FINALS[index % 28])
        else:
            out.append(_COMPOUND_JAMO.get(char, char))
    return "".join(out)


def chosung(text: str) -> str:
    """Initial consonants of each syllable (주얼리 → ㅈㅇㄹ); other characters are kept."""
    return "".join(
        INITIALS[(ord(c) - SYLLABLE_FIRST) // 588] if is_syllable(c) else c for c in text.lower()
    )


def is_chosung_query(text: str) -> bool:
    """True for queries made only of consonants, such as ㅈㅇㄹ (spaces ignored)."""
    letters = _SPACE.sub("", text)
    return bool(letters) and all(c in _CONSONANTS for c in letters)


def compact(text: str) -> str:
    """Lowercased, without whitespace: how autocomplete keys ignore spacing."""
    return _SPACE.sub("", text.lower())
