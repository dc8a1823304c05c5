"""What anyone may see: public postings, the job list (search, filters, keyset pages and
counts), a verified company's page, a colleague invitation link."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.cache import cache
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone, translation

from accounts.models import Company, hash_secret
from core import keyset, searching
from core.http_cache import data_version, keep
from skills.models import Skill

from .. import filters
from ..models import (
    CompanyInvitation,
    Posting,
    PostingSkill,
)


def skills_prefetch() -> Prefetch:
    return Prefetch(
        "posting_skills",
        queryset=PostingSkill.objects.select_related("skill").order_by("kind", "pk"),
    )


def public_postings() -> QuerySet[Posting]:
    """Published, not past their deadline, by verified companies."""
    today = timezone.localdate()
    return (
        Posting.objects.filter(
            status=Posting.Status.PUBLISHED, company__status=Company.Status.VERIFIED
        )
        .filter(Q(deadline__isnull=True) | Q(deadline__gte=today))
        .select_related("company", "center")
    )


def _int_list(value: Any) -> list[int]:
    items = value if isinstance(value, (list, tuple)) else str(value or "").split(",")
    result = []
    for item in items:
        try:
            result.append(int(item))
        except (TypeError, ValueError):
            continue
    return result[:20]


def search_postings(params: dict[str, Any]) -> QuerySet[Posting]:
    """Public postings filtered by ``q``, ``district``, ``employment_type``, ``skills``,
    ``salary_min``, ``remote``, ``experience``, ``years``, ``education`` (``jobs.filters``) and
    sorted by ``sort`` (newest, deadline, salary)."""
    qs = public_postings()
    q = (params.get("q") or "").strip()[:100]
    # Words are matched by the search index (Korean morphemes: 반지를 finds 반지), which the
    # search app registers with core.searching; without it, a substring match per word.
    matched = searching.filter_matching(qs, "jobs", q) if q else qs
    if matched is not None:
        qs = matched
    else:
        for word in q.split()[:5]:
            qs = qs.filter(
                Q(title__icontains=word)
                | Q(company__name__icontains=word)
                | Q(description__icontains=word)
            )
    if params.get("district"):
        qs = qs.filter(district=params["district"])
    if params.get("employment_type"):
        qs = qs.filter(employment_type=params["employment_type"])
    skill_ids = _int_list(params.get("skills"))
    if skill_ids:
        qs = qs.filter(
            pk__in=PostingSkill.objects.filter(skill_id__in=skill_ids).values("posting_id")
        )
    salary_min = params.get("salary_min")
    if salary_min not in (None, ""):
        qs = qs.filter(salary_max__gte=int(salary_min))
    # 신입/경력/무관, years and education: the same value sets the search app's facets use.
    for field, values in filters.search_facets(params).items():
        qs = qs.filter(**{f"{'experience_level' if field == 'experience' else field}__in": values})
    if str(params.get("remote") or "").lower() in ("1", "true", "yes", "on"):
        qs = qs.filter(work_mode__in=["remote", "hybrid"])
    sort = params.get("sort") or "newest"
    if sort == "deadline":
        qs = qs.order_by("deadline", "-published_at")
    elif sort == "salary":
        qs = qs.order_by("-salary_max", "-published_at")
    else:
        qs = qs.order_by("-published_at", "-pk")
    return qs.prefetch_related(skills_prefetch())


# The public list's orders for keyset paging (core.keyset), each ending on the id so a cursor
# names one row; the indexes jobs_posting_pub_* follow them.
_NEWEST = keyset.Key("published_at", descending=True, kind="datetime")
_ID = keyset.Key("id", descending=True)
LIST_ORDERINGS = {
    "newest": keyset.Ordering("newest", (_NEWEST, _ID)),
    "deadline": keyset.Ordering(
        "deadline", (keyset.Key("deadline", nullable=True, kind="date"), _NEWEST, _ID)
    ),
    "salary": keyset.Ordering(
        "salary", (keyset.Key("salary_max", descending=True, nullable=True), _NEWEST, _ID)
    ),
}
LIST_PAGE_SIZE = 20


def job_list_page(
    params: dict[str, Any],
    *,
    cursor: str | None = None,
    page: int | None = None,
    size: int = LIST_PAGE_SIZE,
) -> keyset.KeysetPage:
    """One page of the public job list without a search query, by cursor (or an old page
    number up to ``keyset.MAX_OFFSET_PAGE``), with a total counted up to ``keyset.COUNT_LIMIT``.

    Raises ``keyset.InvalidCursor`` and ``keyset.PageOutOfRange`` as ``keyset.paginate`` does.
    """
    return keyset.paginate(
        job_list_queryset(params),
        list_ordering(params),
        size=size,
        cursor=cursor,
        page=page,
        count=lambda postings: job_list_count(postings, params),
    )


def job_list_count(postings: QuerySet[Posting], params: dict[str, Any]) -> tuple[int, bool]:
    """The bounded count of a filter, kept until the postings' data version changes
    (``jobs.public_cache``) or the day does (deadlines): every page and every visitor of the
    same filters share it."""
    filters = sorted((k, str(v)) for k, v in params.items() if k != "sort" and v not in (None, ""))
    key = (
        "jobs:list-count:"
        + hashlib.blake2b(
            repr((data_version("jobs"), timezone.localdate().isoformat(), filters)).encode(),
            digest_size=12,
        ).hexdigest()
    )
    cached = cache.get(key)
    if cached is None:
        cached = keyset.bounded_count(postings)
        keep(key, cached, 3600)
    return tuple(cached)


def skill_choices() -> list[tuple[int, str]]:
    """The active skills as (id, name in the reader's language) choices, for the job list's
    skill filter and the posting form; kept until the jobs data version changes (saving or
    deleting a skill replaces it, ``jobs.public_cache``), so the skills cost one query per
    change and language, not one per request."""
    # The version is read before the rows: rows read just before a change commits are stored
    # under the version its bump retires, never under the new one.
    key = f"jobs:skill-choices:{data_version('jobs')}:{translation.get_language()}"
    choices = cache.get(key)
    if choices is None:
        choices = [
            (skill.pk, skill.display_name)
            for skill in Skill.objects.filter(is_active=True).order_by("name")
        ]
        keep(key, choices, 3600)
    return choices


def list_ordering(params: dict[str, Any]) -> keyset.Ordering:
    return LIST_ORDERINGS.get(params.get("sort") or "newest", LIST_ORDERINGS["newest"])


def job_list_queryset(params: dict[str, Any]) -> QuerySet[Posting]:
    """The filtered public postings a keyset page is cut from."""
    # published postings always have published_at; saying so keeps the cursor's key complete
    return search_postings(params).filter(published_at__isnull=False)


def get_public_posting(posting_id: int) -> Posting:
    posting = public_postings().prefetch_related(skills_prefetch()).filter(pk=posting_id).first()
    if posting is None:
        raise Http404
    return posting


def usable_invitation(raw_token: str) -> CompanyInvitation | None:
    """The colleague invitation behind a link, if it can still be accepted."""
    invitation = (
        CompanyInvitation.objects.select_related("company")
        .filter(token_hash=hash_secret(raw_token))
        .first()
    )
    return invitation if invitation is not None and invitation.is_usable else None


def get_public_company(company_id: int) -> Company:
    company = Company.objects.filter(pk=company_id, status=Company.Status.VERIFIED).first()
    if company is None:
        raise Http404
    return company
