"""Korean analysis for the database backend: Kiwi morphemes, trade compounds and synonyms.

Documents and queries go through the same steps, so particles (반지를 → 반지), spacing
(주얼리디자이너 = 주얼리 디자이너) and spelling variants (쥬얼리 → 주얼리, 캐드 → cad) meet in
the same terms. Kiwi (kiwipiepy, its model shipped in a package) is loaded once per process,
on first use, never per request; ``warm_up()`` loads it ahead of the first search.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from . import synonyms

# Parts of speech that carry meaning: nouns, roots, verb and adjective stems, foreign words,
# numbers and hanja (kiwipiepy's tag set). Particles, endings and punctuation are dropped.
KEPT_TAGS = frozenset({"NNG", "NNP", "NR", "XR", "VV", "VA", "SL", "SN", "SH", "SW"})

_kiwi = None
_kiwi_lock = threading.Lock()


def kiwi():
    """The process's one Kiwi instance (about 300 MB, 1–2 s to load), created on first use."""
    global _kiwi
    if _kiwi is None:
        with _kiwi_lock:
            if _kiwi is None:
                from kiwipiepy import Kiwi

                # -1: tokenize in the calling thread (web and worker processes already run
                # one request or task per thread); the typo and multi-word dictionaries cost
                # 200 MB and do not help with our short texts.
                instance = Kiwi(num_workers=-1, load_typo_dict=False, load_multi_dict=False)
                for word in synonyms.USER_WORDS:
                    instance.add_user_word(word, "NNG")
                instance.tokenize("")
                _kiwi = instance
    return _kiwi


def warm_up() -> None:
    kiwi()


_SW_KEEP = re.compile(r"^[\w+#]+$")


_NOUNS = frozenset({"NNG", "NNP"})
_HANGUL_WORD = re.compile(r"^[가-힣]{4,}$")


@lru_cache(maxsize=50_000)
def decompound(word: str) -> tuple[str, ...]:
    """The nouns a long compound noun is made of, when Kiwi sees a reading that splits it
    (감정연구소 → 감정, 연구소; 캐스팅센터 → 캐스팅, 센터), else ().

    Like nori's "mixed" decompounding: documents keep the compound and add its parts, and a
    query for the compound also accepts the parts, so spacing and proper-noun readings meet.
    """
    if not _HANGUL_WORD.match(word):
        return ()
    for tokens, _score in kiwi().analyze(word, top_n=3):
        parts = tuple(t.form for t in tokens)
        if len(parts) > 1 and all(t.tag in _NOUNS and len(t.form) >= 2 for t in tokens):
            return parts
    return ()


def _raw_terms(tokens) -> list[str]:
    terms = []
    for token in tokens:
        if token.tag not in KEPT_TAGS:
            continue
        form = token.form.lower()
        if token.tag == "SW" and not _SW_KEEP.match(form):
            continue
        terms.append(form)
    return terms


def _canonical(term: str) -> str:
    return synonyms.CANONICAL.get(term, term)


def _split(terms: list[str]) -> list[tuple[str, tuple[str, ...]]]:
    """Each term with the parts it also stands for: trade compounds are replaced by their
    parts (감정사 → 감정, 사), other long nouns keep themselves and gain their parts."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for term in terms:
        if term in synonyms.COMPOUNDS:
            out.extend((_canonical(part), ()) for part in synonyms.COMPOUNDS[term])
            continue
        term = _canonical(term)
        out.append((term, tuple(_canonical(p) for p in decompound(term))))
    return out


def normalize(terms: list[str]) -> list[str]:
    """Index terms: compounds with their parts, synonyms mapped to their canonical term."""
    out: list[str] = []
    for term, parts in _split(terms):
        out.append(term)
        out.extend(parts)
    return synonyms.add_phrase_synonyms(out)


def terms(text: str) -> list[str]:
    """Index terms of ``text`` in order (positions matter for phrase queries)."""
    if not text or not text.strip():
        return []
    return normalize(_raw_terms(kiwi().tokenize(text)))


_SENTENCE = re.compile(r"(?<=[.!?。])\s+|\n+")
_CACHE_LIMIT = 100_000
# Sentence → its terms. Postings repeat sentences a lot (benefits, hours, "경력자 우대"), and job
# titles repeat across companies, so most of a batch is answered without calling Kiwi.
_sentence_cache: dict[str, tuple[str, ...]] = {}
_cache_lock = threading.Lock()


def _sentences(text: str) -> list[str]:
    return [piece for piece in _SENTENCE.split(text) if piece.strip()]


def terms_many(texts: Iterable[str]) -> list[list[str]]:
    """``terms`` for many texts at once: sentences analyzed once, the new ones in one batch."""
    split = [_sentences(text or "") for text in texts]
    missing = list({s for sentences in split for s in sentences if s not in _sentence_cache})
    if missing:
        analyzed = kiwi().tokenize(missing)
        found = {s: tuple(_raw_terms(tokens)) for s, tokens in zip(missing, analyzed, strict=True)}
        with _cache_lock:
            if len(_sentence_cache) + len(found) > _CACHE_LIMIT:
                _sentence_cache.clear()
            _sentence_cache.update(found)
    else:
        found = {}
    results = []
    for sentences in split:
        raw: list[str] = []
        for sentence in sentences:
            cached = _sentence_cache.get(sentence)
            raw.extend(cached if cached is not None else found.get(sentence, ()))
        results.append(normalize(raw))
    return results


def query_terms(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """A query word's terms, each with the parts that may stand in for it."""
    if not text or not text.strip():
        return []
    split = _split(_raw_terms(kiwi().tokenize(text)))
    phrase_synonyms = synonyms.add_phrase_synonyms([term for term, _ in split])
    if len(phrase_synonyms) != len(split):
        # "보석 장신구" typed together: search for the canonical term it means
        return [(term, ()) for term in phrase_synonyms if term not in {t for t, _ in split}]
    return split


# --- queries --------------------------------------------------------------------------------

MAX_QUERY_CHARS = 200
MAX_CLAUSES = 12
_QUERY_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')


@dataclass
class Alternative:
    """Terms that must all appear; with ``phrase``, next to each other and in this order."""

    terms: list[str]
    phrase: bool = False


@dataclass
class Clause:
    """One required part of a query: any of its alternatives (``a OR b``) satisfies it."""

    alternatives: list[Alternative]


@dataclass
class ParsedQuery:
    """A query as the database backend runs it: required clauses and excluded terms."""

    text: str = ""
    clauses: list[Clause] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.clauses

    def highlight_terms(self) -> set[str]:
        found: set[str] = set()
        for clause in self.clauses:
            for alternative in clause.alternatives:
                found.update(alternative.terms)
        return found


def parse_query(text: str) -> ParsedQuery:
    """Websearch-style syntax: words (all required), "a phrase", -excluded, a OR b.

    Anything else is treated as text: a query can never be a syntax error.
    """
    text = (text or "").strip()[:MAX_QUERY_CHARS]
    parsed = ParsedQuery(text=text)
    pending_or = False
    for match in _QUERY_TOKEN.finditer(text):
        negated, quoted, word = match.group(1), match.group(2), match.group(3)
        if word is not None and word.upper() == "OR" and parsed.clauses:
            pending_or = True
            continue
        phrase = quoted is not None
        raw = quoted if phrase else word
        if not phrase and raw.startswith("-") and len(raw) > 1:
            negated, raw = "-", raw[1:]
        found = query_terms(raw)
        if not found:
            continue
        words = [term for term, _ in found]
        if negated:
            parsed.excluded.extend(words)
            pending_or = False
            continue
        if pending_or:
            parsed.clauses[-1].alternatives.append(Alternative(words, phrase=phrase))
            pending_or = False
            continue
        if phrase:
            parsed.clauses.append(Clause([Alternative(words, phrase=True)]))
        else:
            # A word that splits into several morphemes (다이아몬드감정) requires each of them,
            # wherever they stand, so spacing does not matter; a compound noun also accepts
            # its parts (캐스팅센터 finds 캐스팅 센터).
            for term, parts in found:
                alternatives = [Alternative([term])]
                if parts:
                    alternatives.append(Alternative(list(parts)))
                parsed.clauses.append(Clause(alternatives))
        if len(parsed.clauses) >= MAX_CLAUSES:
            break
    parsed.clauses = _join_phrase_synonyms(parsed.clauses)
    return parsed


def _join_phrase_synonyms(clauses: list[Clause]) -> list[Clause]:
    """Words typed apart that form a multi-word synonym (보석 장신구) also accept its
    canonical term (주얼리)."""
    single = [
        c.alternatives[0].terms[0]
        if len(c.alternatives) == 1 and len(c.alternatives[0].terms) == 1
        else None
        for c in clauses
    ]
    out: list[Clause] = []
    index = 0
    while index < len(clauses):
        for words, canonical in synonyms.PHRASES.items():
            end = index + len(words)
            if tuple(single[index:end]) == words:
                out.append(Clause([Alternative([canonical]), Alternative(list(words))]))
                index = end
                break
        else:
            out.append(clauses[index])
            index += 1
    return out
