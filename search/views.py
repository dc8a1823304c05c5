"""Search pages: everything at once (/search/), one type with facets (/search/<type>/)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import registry, service
from .backends.base import SearchResult

OVERVIEW_HITS = 3


def _sort_labels():
    from django.utils.translation import pgettext_lazy

    return {
        "relevance": pgettext_lazy("search sort", "Best match"),
        "newest": pgettext_lazy("search sort", "Newest"),
        "deadline": pgettext_lazy("search sort", "Deadline soonest"),
        "salary": pgettext_lazy("search sort", "Highest salary"),
    }


@require_GET
def overview(request):
    """The header box's target: the best few of every type, each with a link to all of them."""
    q = request.GET.get("q", "")[:500]
    sections = []
    for kind, label in service.kinds():
        result = service.search(
            service.build_request(kind=kind, q=q, size=OVERVIEW_HITS, with_facets=False)
        )
        sections.append({"kind": kind, "label": label, "result": result})
    notice = next((s["result"].notice for s in sections if s["result"].notice), "")
    # Nothing matched (a query of 초성 such as ㅈㅇㄹ, an unfinished syllable, a word typed half
    # way): offer the titles autocomplete would have offered, so Enter never ends in nothing.
    starts_like = []
    if q.strip() and not any(section["result"].total for section in sections):
        labels = dict(service.kinds())
        starts_like = [
            {"text": s.text, "url": s.url, "label": labels.get(s.kind, "")}
            for s in service.suggest(q[:100], limit=8)
        ]
    return render(
        request,
        "search/overview.html",
        {"q": q, "sections": sections, "notice": notice, "starts_like": starts_like},
    )


@require_GET
def results(request, kind: str):
    """One type with facets, sort and keyset "load more"; htmx asks for just the next hits."""
    spec = registry.get(kind)
    if spec is None:
        raise Http404
    q = request.GET.get("q", "")[:500]
    sort = request.GET.get("sort", "")
    errors = []
    try:
        search_request = service.build_request(
            kind=kind,
            q=q,
            filters=service.filters_from_params(kind, request.GET),
            sort=sort if sort in spec.sorts else "",
            cursor=request.GET.get("cursor", ""),
            size=_page_size(request.GET.get("page_size")),
        )
        result = service.search(search_request)
    except ValidationError as error:
        errors = error.messages
        result = SearchResult(total=0, hits=[], facets=[])
        search_request = None
    next_query = None
    if result.next_cursor:
        query = request.GET.copy()
        query["cursor"] = result.next_cursor
        next_query = query.urlencode()
    context = {
        "kind": kind,
        "label": spec.label,
        "q": q,
        "result": result,
        "errors": errors,
        "sort": search_request.sort if search_request else "",
        "sorts": [(s, _sort_labels()[s]) for s in spec.sorts],
        "next_query": next_query,
        "kinds": service.kinds(),
        "is_more": bool(request.GET.get("cursor")),
        "can_save": kind == "jobs"
        and request.user.is_authenticated
        and getattr(request.user, "is_trainee", False),
        "saved_params": _saved_search_params(request.GET),
    }
    if request.headers.get("HX-Request") and request.GET.get("cursor"):
        return render(request, "search/_hits.html", context)
    return render(request, "search/results.html", context)


def _page_size(value) -> int:
    try:
        return min(max(int(value), 1), 50)
    except (TypeError, ValueError):
        return 20


def _saved_search_params(params) -> list[tuple[str, str]]:
    """The job alert form's fields (jobs' SavedSearch keeps one district and one type)."""
    found = [("q", params.get("q", "")[:100])]
    for facet, field in (("district", "district"), ("employment_type", "employment_type")):
        values = service.filters_from_params("jobs", params).get(facet) or [""]
        found.append((field, values[0]))
    found += [
        ("skills", skill) for skill in service.filters_from_params("jobs", params).get("skill", [])
    ]
    return found


@require_GET
def suggest(request):
    """The header box's autocomplete (JSON), same answer as the API's suggest."""
    kind = request.GET.get("type") or None
    found = service.suggest(request.GET.get("q", "")[:100], kinds=[kind] if kind else None, limit=8)
    labels = dict(service.kinds())
    return JsonResponse(
        {
            "results": [
                {"text": s.text, "type": s.kind, "type_label": labels.get(s.kind, ""), "id": s.id,
                 "url": s.url}
                for s in found
            ]
        }
    )  # fmt: skip
