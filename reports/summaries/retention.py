"""Retention links: which runs each follow-up counts for, and their per-day counts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Q

from courses.models import Completion, Enrollment

from ..models import FollowUp, RetentionDay, RetentionLink
from ..selectors.outcomes import EMPLOYMENT_WINDOW_MONTHS, MAX_RUN_DAYS, _add_months
from .common import CHUNK, chunks


def recompute_links(person_ids: set[int], days: set[tuple[int, dt.date]]) -> None:
    """Which runs each follow-up of these people counts for (the job in the run's window).

    ``days`` adds (center, run end) days to recount, such as a deleted run's.
    """
    touched: set[tuple[int, dt.date]] = set(days)
    for chunk in chunks(person_ids):
        old = RetentionLink.objects.filter(follow_up__employment__person_id__in=chunk)
        touched |= set(old.values_list("center_id", "ends_on"))
        # links a cascade already deleted (a job, a follow-up) were on these people's runs
        touched |= set(
            Enrollment.objects.filter(user_id__in=chunk).values_list(
                "run__course__center_id", "run__ends_on"
            )
        )
        old.delete()
        completions: dict[int, list[dict]] = defaultdict(list)
        for c in Completion.objects.filter(
            status=Completion.Status.COMPLETED,
            enrollment__status=Enrollment.Status.CONFIRMED,
            enrollment__user_id__in=chunk,
        ).values(
            "enrollment__user_id",
            "enrollment__run_id",
            "enrollment__run__course__center_id",
            "enrollment__run__starts_on",
            "enrollment__run__ends_on",
        ):
            completions[c["enrollment__user_id"]].append(c)
        links = []
        for f in FollowUp.objects.filter(employment__person_id__in=chunk).values(
            "pk",
            "months",
            "sent_at",
            "still_employed",
            "employment__person_id",
            "employment__start_date",
        ):
            links += _links_of(f, completions.get(f["employment__person_id"], ()))
        RetentionLink.objects.bulk_create(links, batch_size=5000)
        touched |= {(link.center_id, link.ends_on) for link in links}
    _recount_retention_days(touched)


def _links_of(f: dict, completions) -> list[RetentionLink]:
    start = f["employment__start_date"]
    links: dict[int, RetentionLink] = {}
    long_run: set[int] = set()
    for c in completions:
        starts_on, ends_on = c["enrollment__run__starts_on"], c["enrollment__run__ends_on"]
        # the same window as selectors.outcomes._retention (SQL: ends_on + 6 months)
        if not starts_on <= start <= _add_months(ends_on, EMPLOYMENT_WINDOW_MONTHS):
            continue
        run_id = c["enrollment__run_id"]
        if (ends_on - starts_on).days > MAX_RUN_DAYS:
            # the live figure's bound on the job's start may then leave it out: kept per row
            long_run.add(run_id)
        links[run_id] = RetentionLink(
            follow_up_id=f["pk"],
            run_id=run_id,
            center_id=c["enrollment__run__course__center_id"],
            ends_on=ends_on,
            start_date=start,
            months=f["months"],
            sent=f["sent_at"] is not None,
            answered=f["still_employed"] is not None,
            retained=f["still_employed"] is True,
        )
    per_center: dict[int, int] = defaultdict(int)
    for link in links.values():
        per_center[link.center_id] += 1
    for run_id, link in links.items():
        link.simple = per_center[link.center_id] == 1 and run_id not in long_run
    return list(links.values())


def _recount_retention_days(touched: set[tuple[int, dt.date]]) -> None:
    """Re-aggregate the simple links of these (center, run end) days."""
    by_center: dict[int, set[dt.date]] = defaultdict(set)
    for center_id, day in touched:
        by_center[center_id].add(day)
    for center_id, days in by_center.items():
        for chunk in [sorted(days)[i : i + CHUNK] for i in range(0, len(days), CHUNK)]:
            RetentionDay.objects.filter(center_id=center_id, ends_on__in=chunk).delete()
            RetentionDay.objects.bulk_create(
                RetentionDay(center_id=center_id, **row)
                for row in RetentionLink.objects.filter(
                    center_id=center_id, ends_on__in=chunk, simple=True
                )
                .values("ends_on", "months")
                .annotate(
                    asked=Count("pk", filter=Q(sent=True)),
                    answered=Count("pk", filter=Q(answered=True)),
                    retained=Count("pk", filter=Q(retained=True)),
                )
                .order_by()
            )
