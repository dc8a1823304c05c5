"""What search indexes from fairs: the approved booths of published fairs.

Discovered by the search app (``search.registry``); this module never imports ``search``.
A booth is found by its company, its introduction (Korean and English), the postings it
shows and its fair; a fair that closes keeps its booths findable, as the booth page does
(``fairs.selectors.get_booth_for_viewer``), and a draft fair's booths never appear.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jobs.selectors import public_postings

from .models import Booth, Fair
from .selectors.access import PUBLIC_STATUSES


def fair_labels(ids: list[int]) -> dict[int, str]:
    return {fair.pk: fair.display_title for fair in Fair.objects.filter(pk__in=ids)}


class BoothSearchIndex:
    kind = "booths"
    label = pgettext_lazy("search type", "Fair booths")
    model = "fairs.Booth"
    sorts = ["relevance", "newest"]
    facets = [
        {"name": "fair", "label": _("Job fair"), "labels": fair_labels},
        {
            "name": "status",
            "label": pgettext_lazy("facet", "Fair status"),
            "choices": Fair.Status.choices,
        },
    ]
    watch = {
        "fairs.Fair": lambda fair: list(fair.booths.values_list("pk", flat=True)),
        "accounts.Company": lambda company: list(company.fair_booths.values_list("pk", flat=True)),
    }

    def queryset(self):
        return Booth.objects.filter(status=Booth.Status.APPROVED, fair__status__in=PUBLIC_STATUSES)

    def prefetch(self, queryset):
        return queryset.select_related("fair", "company").prefetch_related(
            Prefetch("postings", queryset=public_postings(), to_attr="open_postings")
        )

    def document(self, booth: Booth) -> dict:
        fair = booth.fair
        postings = getattr(booth, "open_postings", None)
        if postings is None:  # one booth refreshed on its own
            postings = list(public_postings().filter(fair_booths=booth))
        body = " ".join(
            part
            for part in (
                booth.introduction,
                booth.introduction_en,
                " ".join(p.title for p in postings),
                fair.title,
                fair.title_en,
                booth.company.industry,
                booth.place,
            )
            if part
        )
        published = booth.decided_at or booth.created_at or timezone.now()
        return {
            "title": booth.company.name,
            "body": body,
            "url": reverse("fairs:booth", args=[booth.pk]),
            "published_at": published,
            "facets": {"fair": fair.pk, "status": fair.status},
            "data": {
                "company": booth.company.name,
                "fair": fair.title,
                "fair_en": fair.title_en,
                "starts_on": fair.starts_on.isoformat() if fair.starts_on else None,
                "postings": [p.title for p in postings[:4]],
            },
            "suggest": [booth.company.name],
        }


SEARCH_INDEXES = [BoothSearchIndex]
