"""The Elasticsearch index settings and mappings we generate, checked without a cluster."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from search import registry, synonyms
from search.backends import elastic


def definition(kind="jobs", nori=True) -> dict:
    return elastic.index_definition(registry.get(kind), "test-index", nori).to_dict()


def test_nori_analysis_decompounds_with_the_trade_dictionary():
    analysis = definition()["settings"]["analysis"]
    tokenizer = analysis["tokenizer"]["ko_tokenizer"]
    assert tokenizer["type"] == "nori_tokenizer"
    assert tokenizer["decompound_mode"] == "mixed"
    assert tokenizer["discard_punctuation"] is False  # nori_number needs it
    rules = tokenizer["user_dictionary_rules"]
    assert "주얼리" in rules and "왁스카빙 왁스 카빙" in rules and "감정사 감정 사" in rules
    assert len(rules) == len(set(rules)), "nori refuses duplicate dictionary entries"
    stoptags = analysis["filter"]["ko_pos"]["stoptags"]
    assert {"J", "E", "SF", "SY"} <= set(stoptags)


def test_synonyms_apply_at_query_time_only():
    analysis = definition()["settings"]["analysis"]
    assert "ko_synonyms" not in analysis["analyzer"]["ko"]["filter"]
    assert analysis["analyzer"]["ko_search"]["filter"][-1] == "ko_synonyms"
    rules = analysis["filter"]["ko_synonyms"]["synonyms"]
    assert "주얼리, 쥬얼리, 보석 장신구, jewelry, jewellery" in rules
    assert "cad, 캐드" in rules
    assert rules == synonyms.elasticsearch_rules()


def test_without_nori_the_builtin_cjk_bigrams_are_used():
    analysis = definition(nori=False)["settings"]["analysis"]
    assert "tokenizer" not in analysis or "ko_tokenizer" not in analysis.get("tokenizer", {})
    ko = analysis["analyzer"]["ko"]
    assert ko["tokenizer"] == "standard" and ko["filter"][-1] == "cjk_bigram"
    search_filters = analysis["analyzer"]["ko_search"]["filter"]
    assert search_filters.index("ko_synonyms") < search_filters.index("cjk_bigram")


def test_mappings_are_explicit():
    properties = definition()["mappings"]["properties"]
    assert properties["title"]["analyzer"] == "ko"
    assert properties["title"]["search_analyzer"] == "ko_search"
    assert properties["body"]["type"] == "text"
    assert properties["ac"]["analyzer"] == "ac_index"
    assert properties["ac"]["search_analyzer"] == "ac_search"
    assert properties["published_at"]["type"] == "date"
    assert properties["salary"]["type"] == "long"
    assert properties["data"] == {"enabled": False, "type": "object"}
    assert set(properties["facets"]["properties"]) == {
        "district", "employment_type", "experience", "education", "salary", "company", "skill"
    }  # fmt: skip
    assert all(f["type"] == "keyword" for f in properties["facets"]["properties"].values())


def test_autocomplete_indexes_edge_ngrams_of_the_jamo_keys():
    analysis = definition()["settings"]["analysis"]
    assert analysis["filter"]["ac_edge"] == {"min_gram": 1, "max_gram": 50, "type": "edge_ngram"}
    source = elastic._source(
        registry.get("jobs"),
        7,
        {
            "title": "귀금속 세공사",
            "body": "",
            "url": "/jobs/7/",
            "published_at": None,
            "facets": {"district": "jongno", "skill": [3, 4]},
        },
    )
    assert "ㅅㅔㄱㅗㅇㅅㅏ" in source["ac"] and "ㅅㄱㅅ" in source["ac"]
    assert source["facets"] == {"district": "jongno", "skill": ["3", "4"]}


@pytest.mark.parametrize("kind", ["jobs", "courses", "companies"])
def test_every_registered_kind_gets_a_document_class(kind):
    document = elastic.document_class(registry.get(kind), nori=True)
    assert document.__name__ == f"{kind.title()}SearchDocument"


def test_nori_is_detected_from_the_clusters_plugins():
    with_nori = SimpleNamespace(
        cat=SimpleNamespace(plugins=lambda format: [{"component": "analysis-nori"}])
    )
    without = SimpleNamespace(cat=SimpleNamespace(plugins=lambda format: []))
    assert elastic.has_nori(with_nori) is True
    assert elastic.has_nori(without) is False
