"""The fair's figures, per fair and per booth. One function feeds the page, the API, CSV, Excel and PDF."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict

from jobs.models import Application

from ..models import Booth, Conversation, Fair, Interview, QueueEntry, Registration, Visit

NEXT_STEPS = [s.value for s in Conversation.NextStep]


def _percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0..100) of a list; None for an empty one."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))  # ceil(n·p/100), at least 1
    return round(ordered[int(rank) - 1], 1)


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def _block(*, waits: list[float], lengths: list[float], counts: dict) -> dict:
    return {
        **counts,
        "wait_median_minutes": _median(waits),
        "wait_p90_minutes": _percentile(waits, 90),
        "conversation_median_minutes": _median(lengths),
        "conversation_p90_minutes": _percentile(lengths, 90),
    }


def fair_report(fair: Fair) -> dict:
    """Every figure of the post-fair report. Waits run from joining a queue to the conversation's start."""
    booths = list(
        Booth.objects.filter(fair=fair, status=Booth.Status.APPROVED).select_related("company")
    )
    visits = Counter()
    for kind, booth_id in Visit.objects.filter(fair=fair).values_list("kind", "booth_id"):
        visits[(kind, booth_id)] += 1
    joins = Counter(QueueEntry.objects.filter(booth__fair=fair).values_list("booth_id", flat=True))
    waits: dict[int, list[float]] = defaultdict(list)
    for booth_id, joined, started in QueueEntry.objects.filter(
        booth__fair=fair, started_at__isnull=False
    ).values_list("booth_id", "joined_at", "started_at"):
        waits[booth_id].append((started - joined).total_seconds() / 60)
    lengths: dict[int, list[float]] = defaultdict(list)
    conversations = Counter()
    steps: dict[int, Counter] = defaultdict(Counter)
    applications: dict[int, set[int]] = defaultdict(set)
    for booth_id, started, ended, step, application_id in Conversation.objects.filter(
        booth__fair=fair
    ).values_list("booth_id", "started_at", "ended_at", "next_step", "application_id"):
        conversations[booth_id] += 1
        if ended is not None:
            lengths[booth_id].append((ended - started).total_seconds() / 60)
        if step:
            steps[booth_id][step] += 1
        if application_id:
            applications[booth_id].add(application_id)
    interviews: dict[int, Counter] = defaultdict(Counter)
    for booth_id, status in Interview.objects.filter(booth__fair=fair).values_list(
        "booth_id", "status"
    ):
        interviews[booth_id]["booked"] += 1 if status != Interview.Status.CANCELLED else 0
        interviews[booth_id][status] += 1
    all_apps = {a for ids in applications.values() for a in ids}
    hired = set(
        Application.objects.filter(pk__in=all_apps, status=Application.Status.HIRED).values_list(
            "pk", flat=True
        )
    )

    rows = []
    for booth in booths:
        b = booth.pk
        rows.append(
            {
                "booth_id": b,
                "company": booth.company.name,
                **_block(
                    waits=waits[b],
                    lengths=lengths[b],
                    counts={
                        "booth_visits": visits[("booth", b)],
                        "queue_joins": joins[b],
                        "conversations": conversations[b],
                        "interviews_booked": interviews[b]["booked"],
                        "interviews_held": interviews[b][Interview.Status.HELD],
                        "interviews_no_show": interviews[b][Interview.Status.NO_SHOW],
                        "interviews_cancelled": interviews[b][Interview.Status.CANCELLED],
                        "next_steps": {s: steps[b][s] for s in NEXT_STEPS},
                        "applications": len(applications[b]),
                        "hires": len(applications[b] & hired),
                    },
                ),
            }
        )
    total_steps = {s: sum(r["next_steps"][s] for r in rows) for s in NEXT_STEPS}
    every_wait = [w for b in booths for w in waits[b.pk]]
    every_length = [x for b in booths for x in lengths[b.pk]]
    totals = _block(
        waits=every_wait,
        lengths=every_length,
        counts={
            "registrations": Registration.objects.filter(
                fair=fair, cancelled_at__isnull=True
            ).count(),
            "lobby_visits": sum(n for (kind, _b), n in visits.items() if kind == "lobby"),
            "booth_visits": sum(r["booth_visits"] for r in rows),
            "queue_joins": sum(r["queue_joins"] for r in rows),
            "conversations": sum(r["conversations"] for r in rows),
            "interviews_booked": sum(r["interviews_booked"] for r in rows),
            "interviews_held": sum(r["interviews_held"] for r in rows),
            "interviews_no_show": sum(r["interviews_no_show"] for r in rows),
            "interviews_cancelled": sum(r["interviews_cancelled"] for r in rows),
            "next_steps": total_steps,
            "applications": sum(r["applications"] for r in rows),
            "hires": sum(r["hires"] for r in rows),
        },
    )
    return {
        "fair": {
            "id": fair.pk,
            "title": fair.title,
            "title_en": fair.title_en,
            "status": fair.status,
        },
        "totals": totals,
        "booths": rows,
    }


# The columns of the per-booth table in every export, in order, with their labels.
def booth_columns():
    from django.utils.translation import gettext_lazy as _

    return [
        ("company", _("Company")),
        ("booth_visits", _("Booth visits")),
        ("queue_joins", _("Queue joins")),
        ("wait_median_minutes", _("Median wait (min)")),
        ("wait_p90_minutes", _("90th percentile wait (min)")),
        ("conversations", _("Conversations")),
        ("conversation_median_minutes", _("Median conversation (min)")),
        ("interviews_booked", _("Interviews booked")),
        ("interviews_held", _("Interviews held")),
        ("interviews_no_show", _("No-shows")),
        ("applications", _("Applications")),
        ("hires", _("Hires")),
    ]


def booth_table(report: dict) -> tuple[list[str], list[list]]:
    """Header and rows of the per-booth table (next steps as four extra columns)."""
    columns = booth_columns()
    header = [str(label) for _key, label in columns] + [
        str(Conversation.NextStep(s).label) for s in NEXT_STEPS
    ]
    rows = []
    for row in report["booths"]:
        values = [row[key] if row[key] is not None else "" for key, _label in columns]
        rows.append(values + [row["next_steps"][s] for s in NEXT_STEPS])
    return header, rows
