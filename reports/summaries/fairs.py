"""Fair summaries: the counts of one fair."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q

from fairs.models import Booth, Conversation, Fair, Registration
from fairs.models import Interview as FairInterview

from ..models import FairSummary
from .common import chunks


def recompute_fairs(fair_ids: set[int]) -> None:
    for chunk in chunks(fair_ids):
        counts: dict[int, dict] = defaultdict(dict)
        for row in (
            Booth.objects.filter(fair_id__in=chunk, status=Booth.Status.APPROVED)
            .values("fair_id")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            counts[row["fair_id"]]["booths"] = row["n"]
        for row in (
            Registration.objects.filter(fair_id__in=chunk, cancelled_at__isnull=True)
            .values("fair_id")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            counts[row["fair_id"]]["registrations"] = row["n"]
        for row in (
            Conversation.objects.filter(booth__fair_id__in=chunk)
            .values("booth__fair_id")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            counts[row["booth__fair_id"]]["conversations"] = row["n"]
        for row in (
            FairInterview.objects.filter(booth__fair_id__in=chunk)
            .values("booth__fair_id")
            .annotate(
                booked=Count("pk", filter=~Q(status=FairInterview.Status.CANCELLED)),
                held=Count("pk", filter=Q(status=FairInterview.Status.HELD)),
            )
            .order_by()
        ):
            counts[row["booth__fair_id"]]["interviews_booked"] = row["booked"]
            counts[row["booth__fair_id"]]["interviews_held"] = row["held"]
        fields = [
            "booths",
            "registrations",
            "conversations",
            "interviews_booked",
            "interviews_held",
        ]
        rows = [
            FairSummary(fair_id=pk, **{f: counts[pk].get(f, 0) for f in fields})
            for pk in Fair.objects.filter(pk__in=chunk).values_list("pk", flat=True)
        ]
        FairSummary.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["fair"], update_fields=fields
        )
