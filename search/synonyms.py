"""The trade's vocabulary: words Kiwi must not split, compounds to split, and synonym sets.

One list drives both backends: the database analyzer (``search.analysis``) and the
Elasticsearch analyzers (``search.backends.elastic``), so a query means the same thing on each.
"""

from __future__ import annotations

# Words of the jewelry and appraisal trades that Kiwi's dictionary splits wrongly
# (왁스 카빙 → 왁스 + 카 + 빙) or reads as something else.
USER_WORDS = [
    "주얼리", "쥬얼리", "카빙", "왁스카빙", "감정사", "세공사", "세팅", "스톤세팅", "라이노",
    "매트릭스", "캐드", "백엔드", "프론트엔드", "주조", "연마", "광택",
]  # fmt: skip

# Compounds indexed and searched as their parts, so 보석감정사 and 감정사 and 감정 meet.
COMPOUNDS: dict[str, tuple[str, ...]] = {
    "감정사": ("감정", "사"),
    "세공사": ("세공", "사"),
    "왁스카빙": ("왁스", "카빙"),
    "스톤세팅": ("스톤", "세팅"),
    "주얼리디자이너": ("주얼리", "디자이너"),
}

# Synonym sets: the first entry is the canonical term both sides are rewritten to.
# A multi-word variant ("보석 장신구") adds the canonical term where its words stand together.
SYNONYM_SETS: list[list[str]] = [
    ["주얼리", "쥬얼리", "보석 장신구", "jewelry", "jewellery"],
    ["cad", "캐드"],
    ["cam", "캠"],
]

CANONICAL: dict[str, str] = {}
PHRASES: dict[tuple[str, ...], str] = {}
for _group in SYNONYM_SETS:
    _canonical = _group[0].replace(" ", "")
    for _variant in _group[1:]:
        if " " in _variant:
            PHRASES[tuple(_variant.split())] = _canonical
        else:
            CANONICAL[_variant] = _canonical


def add_phrase_synonyms(terms: list[str]) -> list[str]:
    """After each multi-word variant (보석 장신구), append its canonical term (주얼리)."""
    if not PHRASES or len(terms) < 2:
        return terms
    out: list[str] = []
    for index, term in enumerate(terms):
        out.append(term)
        for words, canonical in PHRASES.items():
            start = index - len(words) + 1
            if start >= 0 and tuple(terms[start : index + 1]) == words:
                out.append(canonical)
    return out


def variants(term: str) -> set[str]:
    """Every spelling that means ``term`` (for highlighting): 주얼리 → 쥬얼리, 보석 장신구, …"""
    found = {term}
    for group in SYNONYM_SETS:
        canonical = group[0].replace(" ", "")
        if term == canonical or term in group:
            found.update(group)
            found.add(canonical)
    for compound, parts in COMPOUNDS.items():
        if term in parts:
            found.add(compound)
    return found


def elasticsearch_rules() -> list[str]:
    """The synonym sets in Solr format for Elasticsearch's synonym_graph filter."""
    return [", ".join(group) for group in SYNONYM_SETS]
