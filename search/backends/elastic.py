"""The Elasticsearch backend, through elasticsearch-dsl (``elasticsearch.dsl``).

One index per kind behind an alias (``<prefix>-<kind>``); a rebuild fills a new timestamped
index and swaps the alias in one step, so searches never see a half-built index. Korean text
goes through the nori analyzer (mixed decompounding, part-of-speech stop filter, a user
dictionary of the trade's words) when the cluster has analysis-nori, otherwise through the
built-in CJK bigram analysis; which one is decided when an index is created. Synonyms
(``search.synonyms``) apply at query time; autocomplete matches edge n-grams of the same
jamo and 초성 keys the database backend stores. Every call has a timeout of at most two
seconds and any failure surfaces as ``BackendUnavailable`` so the service can fall back.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape
from elastic_transport import TransportError
from elasticsearch import Elasticsearch, helpers
from elasticsearch import exceptions as es_exceptions
from elasticsearch.dsl import (
    Date,
    Document,
    Index,
    Keyword,
    Long,
    Object,
    Search,
    Text,
    analyzer,
    token_filter,
    tokenizer,
)
from elasticsearch.dsl import Q as EQ

from .. import analysis, indexing, registry, synonyms
from ..registry import IndexSpec
from . import database
from .base import (
    BackendUnavailable,
    Facet,
    Hit,
    SearchRequest,
    SearchResult,
    Suggestion,
    decode_cursor,
    encode_cursor,
)

logger = logging.getLogger(__name__)

MAX_TIMEOUT = 2.0
_client: Elasticsearch | None = None
_client_lock = threading.Lock()

# nori's default stop tags plus sentence-final punctuation and symbols, which the tokenizer
# keeps because nori_number needs punctuation ("3.2천").
NORI_STOPTAGS = [
    "E", "IC", "J", "MAG", "MAJ", "MM", "SP", "SSC", "SSO", "SC", "SE", "XPN", "XSA", "XSN",
    "XSV", "UNA", "NA", "VSV", "SF", "SY",
]  # fmt: skip


def client() -> Elasticsearch:
    global _client
    if _client is None:
        with _client_lock:
            if _client is None:
                _client = Elasticsearch(
                    settings.ELASTICSEARCH_URL,
                    request_timeout=min(settings.ELASTICSEARCH_TIMEOUT, MAX_TIMEOUT),
                    max_retries=0,
                    retry_on_timeout=False,
                )
    return _client


def reset_client() -> None:
    global _client
    _client = None


def alias_name(kind: str) -> str:
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{kind}"


def _unavailable(error: Exception) -> BackendUnavailable:
    return BackendUnavailable(f"{type(error).__name__}: {error}")


_ERRORS = (TransportError, es_exceptions.ApiError, es_exceptions.TransportError)


# --- analysis and mappings --------------------------------------------------------------------


def user_dictionary_rules() -> list[str]:
    """nori's inline user dictionary: trade words, compounds with their parts."""
    rules = []
    for word in synonyms.USER_WORDS:
        parts = synonyms.COMPOUNDS.get(word)
        rules.append(f"{word} {' '.join(parts)}" if parts else word)
    for compound, parts in synonyms.COMPOUNDS.items():
        if compound not in synonyms.USER_WORDS:
            rules.append(f"{compound} {' '.join(parts)}")
    return rules


def analyzers(nori: bool) -> dict[str, Any]:
    """The analyzers of an index: ``ko`` (index), ``ko_search`` (+ synonyms), autocomplete."""
    synonym_filter = token_filter(
        "ko_synonyms", "synonym_graph", synonyms=synonyms.elasticsearch_rules(), lenient=True
    )
    if nori:
        ko_tokenizer = tokenizer(
            "ko_tokenizer",
            "nori_tokenizer",
            decompound_mode="mixed",
            discard_punctuation=False,
            user_dictionary_rules=user_dictionary_rules(),
        )
        pos = token_filter("ko_pos", "nori_part_of_speech", stoptags=NORI_STOPTAGS)
        chain = ["nori_number", pos, "nori_readingform", "lowercase"]
        ko = analyzer("ko", tokenizer=ko_tokenizer, char_filter=["html_strip"], filter=chain)
        ko_search = analyzer(
            "ko_search",
            tokenizer=ko_tokenizer,
            char_filter=["html_strip"],
            filter=[*chain, synonym_filter],
        )
    else:
        chain = ["cjk_width", "lowercase"]
        ko = analyzer(
            "ko", tokenizer="standard", char_filter=["html_strip"], filter=[*chain, "cjk_bigram"]
        )
        ko_search = analyzer(
            "ko_search",
            tokenizer="standard",
            char_filter=["html_strip"],
            filter=[*chain, synonym_filter, "cjk_bigram"],
        )
    edge = token_filter("ac_edge", "edge_ngram", min_gram=1, max_gram=50)
    ac_index = analyzer("ac_index", tokenizer="keyword", filter=["lowercase", edge])
    ac_search = analyzer("ac_search", tokenizer="keyword", filter=["lowercase"])
    return {"ko": ko, "ko_search": ko_search, "ac_index": ac_index, "ac_search": ac_search}


def document_class(spec: IndexSpec, nori: bool) -> type[Document]:
    """The Document class of a kind, with an explicit mapping for every field."""
    found = analyzers(nori)
    facet_fields = {facet.name: Keyword() for facet in spec.facets}
    attributes = {
        "__module__": __name__,
        "kind": Keyword(),
        "object_id": Long(),
        "title": Text(
            analyzer=found["ko"],
            search_analyzer=found["ko_search"],
            fields={"raw": Keyword(ignore_above=300)},
        ),
        "body": Text(analyzer=found["ko"], search_analyzer=found["ko_search"]),
        "ac": Text(analyzer=found["ac_index"], search_analyzer=found["ac_search"]),
        "url": Keyword(index=False),
        "published_at": Date(),
        "deadline": Date(),
        "expires_on": Date(),
        "salary": Long(),
        "facets": Object(properties=facet_fields),
        "data": Object(enabled=False),
    }
    return type(f"{spec.kind.title()}SearchDocument", (Document,), attributes)


def index_definition(spec: IndexSpec, name: str, nori: bool) -> Index:
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0 if settings.DEBUG else 1)
    index.document(document_class(spec, nori))
    return index


def has_nori(es: Elasticsearch) -> bool:
    try:
        plugins = es.cat.plugins(format="json")
    except _ERRORS as error:
        raise _unavailable(error) from error
    return any(p.get("component") == "analysis-nori" for p in plugins)


# --- writes -------------------------------------------------------------------------------------


def _source(spec: IndexSpec, object_id: int, doc: dict) -> dict:
    facets = {}
    for facet in spec.facets:
        value = (doc.get("facets") or {}).get(facet.name)
        values = value if isinstance(value, (list, tuple)) else [value]
        kept = [str(v) for v in values if v not in (None, "") and facet.encode(v) is not None]
        if kept:
            facets[facet.name] = kept if facet.multiple else kept[0]
    keys = [key for _text, key in database.suggestion_keys(doc.get("suggest") or [doc["title"]])]

    def date(value):
        return value.isoformat() if value else None

    return {
        "kind": spec.kind,
        "object_id": object_id,
        "title": doc["title"],
        "body": (doc.get("body") or "")[: database.BODY_CHARS],
        "ac": keys,
        "url": doc["url"],
        "published_at": date(doc["published_at"]),
        "deadline": date(doc.get("deadline")),
        "expires_on": date(doc.get("expires_on")),
        "salary": doc.get("salary"),
        "facets": facets,
        "data": doc.get("data") or {},
    }


def _bulk(actions: Iterable[dict]) -> int:
    try:
        done, errors = helpers.bulk(client(), actions, raise_on_error=False, stats_only=True)
    except _ERRORS as error:
        raise _unavailable(error) from error
    if errors:
        logger.warning("search: %s bulk actions failed", errors)
    return done


def sync_objects(*, kind: str, object_ids: list[int]) -> dict:
    spec = registry.get(kind)
    if spec is None:
        return {}
    documents, gone = indexing.documents_for(spec, object_ids)
    alias = alias_name(kind)
    ensure_index(spec)
    actions = [
        {"_op_type": "index", "_index": alias, "_id": pk, "_source": _source(spec, pk, doc)}
        for pk, doc in documents
    ]
    actions += [{"_op_type": "delete", "_index": alias, "_id": pk} for pk in gone]
    return {"written": _bulk(actions)}


def ensure_index(spec: IndexSpec) -> None:
    """Create the kind's first index and alias if the cluster has none yet."""
    es = client()
    alias = alias_name(spec.kind)
    try:
        if es.indices.exists_alias(name=alias):
            return
    except _ERRORS as error:
        raise _unavailable(error) from error
    _create_and_swap(spec, [])


def _create_and_swap(spec: IndexSpec, batches: Iterable[list]) -> dict:
    es = client()
    alias = alias_name(spec.kind)
    name = f"{alias}-{timezone.now():%Y%m%d%H%M%S%f}"
    try:
        nori = has_nori(es)
        index_definition(spec, name, nori).create(using=es)
        written = 0
        for batch in batches:
            documents = [(obj.pk, spec.document(obj)) for obj in batch]
            written += _bulk(
                {"_index": name, "_id": pk, "_source": _source(spec, pk, doc)}
                for pk, doc in documents
            )
        es.indices.refresh(index=name)
        old = (
            list(es.indices.get_alias(name=alias).keys())
            if es.indices.exists_alias(name=alias)
            else []
        )
        actions = [{"remove": {"index": index, "alias": alias}} for index in old]
        actions.append({"add": {"index": name, "alias": alias}})
        es.indices.update_aliases(actions=actions)
        for index in old:
            es.indices.delete(index=index, ignore_unavailable=True)
    except _ERRORS as error:
        raise _unavailable(error) from error
    return {"index": name, "analyzer": "nori" if nori else "cjk", "written": written}


def rebuild(spec: IndexSpec, batches: Iterator[list]) -> dict:
    """Zero-downtime reindex: a new index, bulk load, then one alias swap."""
    return _create_and_swap(spec, batches)


def reconcile(spec: IndexSpec, expected: set[int]) -> dict:
    es = client()
    alias = alias_name(spec.kind)
    ensure_index(spec)
    try:
        indexed = {
            int(hit["_id"])
            for hit in helpers.scan(es, index=alias, query={"_source": False}, size=1000)
        }
    except _ERRORS as error:
        raise _unavailable(error) from error
    missing = sorted(expected - indexed)
    stale = sorted(indexed - expected)
    for start in range(0, len(missing), 500):
        sync_objects(kind=spec.kind, object_ids=missing[start : start + 500])
    if stale:
        _bulk({"_op_type": "delete", "_index": alias, "_id": pk} for pk in stale)
    return {"missing": len(missing), "stale": len(stale)}


def refresh(kind: str) -> None:
    try:
        client().indices.refresh(index=alias_name(kind))
    except _ERRORS as error:
        raise _unavailable(error) from error


def drop(kind: str) -> None:
    es = client()
    alias = alias_name(kind)
    try:
        if es.indices.exists_alias(name=alias):
            for index in es.indices.get_alias(name=alias):
                es.indices.delete(index=index, ignore_unavailable=True)
    except _ERRORS as error:
        raise _unavailable(error) from error


# --- search -------------------------------------------------------------------------------------

_SORTS = {
    "relevance": [{"_score": "desc"}, {"object_id": "desc"}],
    "newest": [{"published_at": "desc"}, {"object_id": "desc"}],
    "deadline": [{"deadline": {"order": "asc", "missing": "_last"}}, {"object_id": "asc"}],
    "salary": [{"salary": {"order": "desc", "missing": "_last"}}, {"object_id": "desc"}],
}


class ElasticsearchBackend:
    name = "elasticsearch"

    def _text_query(self, q: str, fuzzy: bool):
        if fuzzy:
            return EQ("match", title={"query": q, "fuzziness": "AUTO", "operator": "and"})
        return EQ(
            "simple_query_string",
            query=q,
            fields=["title^3", "body"],
            default_operator="and",
            flags="AND|OR|NOT|PHRASE|WHITESPACE|PRECEDENCE",
            analyzer="ko_search",
        )

    def search(self, request: SearchRequest, spec: IndexSpec) -> SearchResult:
        q = (request.q or "").strip()[: analysis.MAX_QUERY_CHARS]
        sort = request.sort if request.sort in spec.sorts else spec.sorts[0]
        if sort == "relevance" and not q:
            sort = "newest" if "newest" in spec.sorts else sort
        result = self._run(request, spec, q, sort, fuzzy=False)
        if result.total == 0 and q and not request.cursor:
            result = self._run(request, spec, q, sort, fuzzy=True)
            result.fuzzy = result.total > 0
        return result

    def _run(self, request, spec, q: str, sort: str, fuzzy: bool) -> SearchResult:
        today = request.today or timezone.localdate()
        base = EQ("bool", filter=[EQ("term", kind=spec.kind)], must_not=[
            EQ("range", expires_on={"lte": today.isoformat()})
        ])  # fmt: skip
        if q:
            # ages count from today, not the clock, so scores and cursors hold across pages
            day = today.isoformat()
            text = self._text_query(q, fuzzy)
            boosted = EQ(
                "function_score",
                query=text,
                functions=[
                    {"weight": 1},
                    {"gauss": {"published_at": {"origin": day, "scale": "30d", "decay": 0.5}},
                     "weight": 0.5},
                    {"filter": {"range": {"deadline": {"gte": day, "lte": f"{day}||+7d"}}},
                     "weight": 0.2},
                ],
                score_mode="sum",
                boost_mode="multiply",
            )  # fmt: skip
            base = base & boosted
        filters = {}
        for name, values in request.filters.items():
            facet = spec.facet(name)
            if facet is None:
                continue
            filters[name] = EQ("terms", **{f"facets.{name}": values})
        search = Search(using=client(), index=alias_name(spec.kind)).query(base)
        if filters:
            search = search.post_filter(EQ("bool", filter=list(filters.values())))
        if request.with_facets:
            for facet in spec.facets:
                others = [f for n, f in filters.items() if n != facet.name]
                agg = search.aggs.bucket(
                    f"f_{facet.name}", "filter", filter=EQ("bool", filter=others)
                )
                agg.bucket("values", "terms", field=f"facets.{facet.name}", size=50)
        size = max(1, min(request.size, 50))
        search = search.sort(*_SORTS[sort]).extra(size=size + 1, track_total_hits=True)
        keyset = decode_cursor(request.cursor, backend=self.name, sort=sort)
        if keyset:
            search = search.extra(search_after=keyset)
        search = (
            search.highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html")
            .highlight("title", number_of_fragments=0)
            .highlight("body", fragment_size=160, number_of_fragments=1)
        )
        try:
            response = search.execute()
        except _ERRORS as error:
            raise _unavailable(error) from error
        raw_hits = list(response.hits)
        has_more = len(raw_hits) > size
        raw_hits = raw_hits[:size]
        hits = []
        for hit in raw_hits:
            source = hit.to_dict()
            marks = getattr(hit.meta, "highlight", None)
            title_mark = marks.title[0] if marks and "title" in marks else escape(source["title"])
            body = source.get("body") or ""
            snippet = (
                marks.body[0] if marks and "body" in marks else escape(" ".join(body.split())[:160])
            )
            hits.append(
                Hit(
                    kind=spec.kind,
                    id=int(source["object_id"]),
                    title=source["title"],
                    url=source["url"],
                    highlight={"title": title_mark, "snippet": snippet},
                    data=source.get("data") or {},
                    score=hit.meta.score if sort == "relevance" else None,
                )
            )
        next_cursor = None
        if has_more and raw_hits:
            next_cursor = encode_cursor(
                {"b": self.name, "s": sort, "k": list(raw_hits[-1].meta.sort)}
            )
        facets: list[Facet] = []
        if request.with_facets:
            for facet in spec.facets:
                buckets = response.aggregations[f"f_{facet.name}"]["values"]["buckets"]
                counts = {str(b["key"]): b["doc_count"] for b in buckets}
                facets.append(
                    database.shown_facet(facet, counts, set(request.filters.get(facet.name, [])))
                )
        return SearchResult(
            total=response.hits.total.value,
            hits=hits,
            facets=facets,
            next_cursor=next_cursor,
            backend=self.name,
        )

    def matching_ids(self, kind: str, q: str, limit: int) -> list[int]:
        search = (
            Search(using=client(), index=alias_name(kind))
            .query(self._text_query(q, fuzzy=False))
            .source(False)
            .extra(size=limit)
        )
        try:
            return [int(hit.meta.id) for hit in search.execute()]
        except _ERRORS as error:
            raise _unavailable(error) from error

    def suggest(self, q: str, kinds: list[str], limit: int = 8) -> list[Suggestion]:
        key = database.query_key(q)
        if not key:
            return []
        today = timezone.localdate().isoformat()
        search = (
            Search(using=client(), index=[alias_name(k) for k in kinds])
            .query(
                EQ("bool", must=[EQ("match", ac={"query": key, "analyzer": "ac_search"})],
                   must_not=[EQ("range", expires_on={"lte": today})])
            )
            .sort({"published_at": "desc"})
            .extra(size=limit * 4)
            .source(["title", "kind", "object_id", "url"])
        )  # fmt: skip
        try:
            response = search.execute()
        except _ERRORS as error:
            raise _unavailable(error) from error
        seen: set[str] = set()
        found = []
        for hit in response.hits:
            if hit.title in seen:
                continue
            seen.add(hit.title)
            found.append(
                Suggestion(text=hit.title, kind=hit.kind, id=int(hit.object_id), url=hit.url)
            )
            if len(found) >= limit:
                break
        return found
