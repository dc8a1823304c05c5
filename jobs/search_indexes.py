"""What search indexes from jobs: public postings and verified companies.

Discovered by the search app (``search.registry``); this module never imports ``search``.
A posting is in the index while published by a verified company; past its deadline it is hidden
at query time (``expires_on``) until the hourly close removes it.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.districts import District
from accounts.models import Company
from skills.models import Skill

from .models import Education, EmploymentType, ExperienceLevel, Posting, PostingSkill

# Annual salary bands in 만원 (the upper figure of a posting's range decides its band).
SALARY_BANDS = [
    ("under-3000", _("Under 30 million won")),
    ("3000-4000", _("30–40 million won")),
    ("4000-5000", _("40–50 million won")),
    ("5000-6000", _("50–60 million won")),
    ("6000-plus", _("60 million won or more")),
    ("policy", _("Per company policy")),
]


def salary_band(salary_max: int | None) -> str:
    if salary_max is None:
        return "policy"
    in_manwon = salary_max // 10_000
    for upper, band in ((3000, "under-3000"), (4000, "3000-4000"), (5000, "4000-5000")):
        if in_manwon < upper:
            return band
    return "5000-6000" if in_manwon < 6000 else "6000-plus"


def company_labels(ids: list[int]) -> dict[int, str]:
    return dict(Company.objects.filter(pk__in=ids).values_list("pk", "name"))


def skill_labels(ids: list[int]) -> dict[int, str]:
    return {skill.pk: skill.display_name for skill in Skill.objects.filter(pk__in=ids)}


def _plain(markdown_text: str) -> str:
    """Markdown as plain words for indexing and snippets (markup characters dropped)."""
    return " ".join(
        markdown_text.replace("#", " ")
        .replace("*", " ")
        .replace("`", " ")
        .replace(">", " ")
        .split()
    )


def _published_posting_ids_of(company: Company) -> list[int]:
    return list(company.postings.values_list("pk", flat=True))


class PostingSearchIndex:
    kind = "jobs"
    label = _("Jobs")
    model = "jobs.Posting"
    sorts = ["relevance", "newest", "deadline", "salary"]
    facets = [
        {"name": "district", "label": _("District"), "choices": District.choices},
        {
            "name": "employment_type",
            "label": _("Employment type"),
            "choices": EmploymentType.choices,
        },
        {"name": "experience", "label": _("Experience"), "choices": ExperienceLevel.choices},
        {"name": "education", "label": _("Education"), "choices": Education.choices},
        {
            "name": "salary",
            "label": pgettext_lazy("facet", "Salary"),
            "choices": SALARY_BANDS,
            "order": "value",
        },
        {"name": "company", "label": _("Company"), "labels": company_labels},
        {"name": "skill", "label": _("Skill"), "labels": skill_labels, "multiple": True},
    ]
    watch = {
        "accounts.Company": _published_posting_ids_of,
        "jobs.PostingSkill": lambda posting_skill: [posting_skill.posting_id],
    }

    def queryset(self):
        return Posting.objects.filter(
            status=Posting.Status.PUBLISHED, company__status=Company.Status.VERIFIED
        )

    def prefetch(self, queryset):
        return queryset.select_related("company").prefetch_related(
            Prefetch(
                "posting_skills",
                queryset=PostingSkill.objects.select_related("skill").order_by("kind", "pk"),
            )
        )

    def document(self, posting: Posting) -> dict:
        skills = list(posting.posting_skills.all())
        skill_names = " ".join(ps.skill.name for ps in skills)
        body = " ".join(
            part
            for part in (
                _plain(posting.description),
                posting.duties,
                skill_names,
                posting.company.name,
                posting.address,
            )
            if part
        )
        published = posting.published_at or posting.created_at or timezone.now()
        return {
            "title": posting.title,
            "body": body,
            "url": reverse("jobs:detail", args=[posting.pk]),
            "published_at": published,
            "deadline": posting.deadline,
            "expires_on": posting.deadline + dt.timedelta(days=1) if posting.deadline else None,
            "salary": posting.salary_max,
            "facets": {
                "district": posting.district,
                "employment_type": posting.employment_type,
                "experience": posting.experience_level,
                "education": posting.education,
                "salary": salary_band(posting.salary_max),
                "company": posting.company_id,
                # required skills first: only the first six count in the facet
                "skill": [ps.skill_id for ps in skills],
            },
            "data": {
                "company": posting.company.name,
                "company_id": posting.company_id,
                "district": posting.district,
                "employment_type": posting.employment_type,
                "salary_min": posting.salary_min,
                "salary_max": posting.salary_max,
                "deadline": posting.deadline.isoformat() if posting.deadline else None,
                "published_at": published.isoformat(),
                "skills": [ps.skill.name for ps in skills[:6]],
            },
            "suggest": [posting.title],
        }


class CompanySearchIndex:
    kind = "companies"
    label = _("Companies")
    model = "accounts.Company"
    sorts = ["relevance", "newest"]
    facets = [
        {"name": "district", "label": _("District"), "choices": District.choices},
        {"name": "size", "label": _("Company size"), "choices": Company.Size.choices},
    ]
    watch = {"jobs.Posting": lambda posting: [posting.company_id]}

    def queryset(self):
        return Company.objects.filter(status=Company.Status.VERIFIED)

    def prefetch(self, queryset):
        return queryset.annotate(
            open_postings=Count("postings", filter=Q(postings__status=Posting.Status.PUBLISHED))
        )

    def document(self, company: Company) -> dict:
        published = company.verified_at or company.created_at or timezone.now()
        return {
            "title": company.name,
            "body": " ".join(
                p for p in (company.industry, company.description, company.address) if p
            ),
            "url": reverse("jobs:company", args=[company.pk]),
            "published_at": published,
            "facets": {"district": company.district, "size": company.size},
            "data": {
                "industry": company.industry,
                "district": company.district,
                "open_postings": getattr(company, "open_postings", None),
            },
            "suggest": [company.name],
        }


SEARCH_INDEXES = [PostingSearchIndex, CompanySearchIndex]
