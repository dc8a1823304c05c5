"""What attendees see: booth cards with live numbers, honest wait estimates, recommendations."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from accounts.models import User
from jobs import matching
from jobs.models import JobSeekerProfile, Posting
from jobs.selectors import public_postings

from ..models import Booth, Conversation, Fair, Interview, InterviewSlot, QueueEntry, Representative

# Without any finished conversation at a booth yet, assume this long (minutes), and say so.
DEFAULT_CONVERSATION_MINUTES = 8
RECENT_CONVERSATIONS = 20


@dataclass
class Estimate:
    """A wait estimate and everything it was computed from, so the page can show its working."""

    ahead: int
    reps_online: int
    median_minutes: float
    sample: int  # finished conversations the median comes from (0: the default)
    minutes: int | None  # None when nobody is online to call anyone

    @property
    def range_high(self) -> int | None:
        if self.minutes is None:
            return None
        return self.minutes + math.ceil(self.median_minutes)


def conversation_median_minutes(booth_id: int) -> tuple[float, int]:
    """Median length of the booth's last RECENT_CONVERSATIONS finished conversations."""
    rows = list(
        Conversation.objects.filter(booth_id=booth_id, status=Conversation.Status.ENDED)
        .order_by("-ended_at")
        .values_list("started_at", "ended_at")[:RECENT_CONVERSATIONS]
    )
    if not rows:
        return float(DEFAULT_CONVERSATION_MINUTES), 0
    lengths = [(end - start).total_seconds() / 60 for start, end in rows]
    return round(statistics.median(lengths), 1), len(rows)


def reps_online(booth_id: int, now: datetime | None = None) -> int:
    return Representative.objects.filter(Representative.online_q(now), booth_id=booth_id).count()


def estimate_wait(*, ahead: int, reps: int, median_minutes: float, sample: int) -> Estimate:
    """People ahead ÷ representatives online, rounded up, × the median conversation length."""
    minutes = None if reps == 0 else math.ceil(ahead / reps) * math.ceil(median_minutes)
    return Estimate(
        ahead=ahead, reps_online=reps, median_minutes=median_minutes, sample=sample, minutes=minutes
    )


def booth_estimate(booth_id: int, ahead: int, now: datetime | None = None) -> Estimate:
    median, sample = conversation_median_minutes(booth_id)
    return estimate_wait(
        ahead=ahead, reps=reps_online(booth_id, now), median_minutes=median, sample=sample
    )


def waiting_count(booth_id: int) -> int:
    return QueueEntry.objects.filter(
        booth_id=booth_id, status__in=(QueueEntry.Status.WAITING, QueueEntry.Status.CALLED)
    ).count()


@dataclass
class QueuePlace:
    entry: QueueEntry
    position: int  # 1 = next
    held: bool  # in a conversation or answering a call elsewhere: place kept, skipped for now
    estimate: Estimate


def queue_place(entry: QueueEntry, now: datetime | None = None) -> QueuePlace:
    ahead = QueueEntry.objects.filter(
        booth_id=entry.booth_id,
        status__in=(QueueEntry.Status.WAITING, QueueEntry.Status.CALLED),
        order_key__lt=entry.order_key,
    ).count()
    held = entry.status == QueueEntry.Status.WAITING and (
        Conversation.objects.filter(
            attendee_id=entry.attendee_id, status=Conversation.Status.ACTIVE
        ).exists()
        or QueueEntry.objects.filter(attendee_id=entry.attendee_id, status=QueueEntry.Status.CALLED)
        .exclude(pk=entry.pk)
        .exists()
    )
    return QueuePlace(
        entry=entry,
        position=ahead + 1,
        held=held,
        estimate=booth_estimate(entry.booth_id, ahead, now),
    )


def my_queue_places(user: User, fair: Fair, now: datetime | None = None) -> list[QueuePlace]:
    entries = QueueEntry.objects.filter(
        booth__fair=fair, attendee=user, status__in=QueueEntry.ACTIVE
    ).select_related("booth__company")
    return [queue_place(e, now) for e in entries]


def my_active_conversation(user: User) -> Conversation | None:
    return (
        Conversation.objects.filter(attendee=user, status=Conversation.Status.ACTIVE)
        .select_related("booth__company")
        .first()
    )


def my_pending_call(user: User) -> QueueEntry | None:
    return (
        QueueEntry.objects.filter(attendee=user, status=QueueEntry.Status.CALLED)
        .select_related("booth__company")
        .first()
    )


def my_interviews(user: User, fair: Fair | None = None):
    qs = Interview.objects.filter(attendee=user).select_related("booth__company", "booth__fair")
    if fair is not None:
        qs = qs.filter(booth__fair=fair)
    return qs.order_by("start")


@dataclass
class BoothCard:
    booth: Booth
    reps_online: int
    waiting: int
    estimate: Estimate
    postings: list[Posting] = field(default_factory=list)


def approved_booths(fair: Fair) -> list[Booth]:
    return list(
        Booth.objects.filter(fair=fair, status=Booth.Status.APPROVED)
        .select_related("company")
        .prefetch_related(
            Prefetch(
                "postings",
                queryset=public_postings().prefetch_related("posting_skills__skill"),
            )
        )
        .order_by("company__name")
    )


def booth_cards(
    fair: Fair, filters: dict | None = None, now: datetime | None = None
) -> list[BoothCard]:
    """Approved booths with live numbers, filtered by industry, skill, employment type and district."""
    now = now or timezone.now()
    filters = filters or {}
    booths = approved_booths(fair)
    ids = [b.pk for b in booths]
    online = dict(
        Representative.objects.filter(Representative.online_q(now), booth_id__in=ids)
        .values("booth_id")
        .annotate(n=Count("pk"))
        .values_list("booth_id", "n")
    )
    waiting = dict(
        QueueEntry.objects.filter(
            booth_id__in=ids, status__in=(QueueEntry.Status.WAITING, QueueEntry.Status.CALLED)
        )
        .values("booth_id")
        .annotate(n=Count("pk"))
        .values_list("booth_id", "n")
    )
    cards = []
    for booth in booths:
        postings = list(booth.postings.all())
        if (
            filters.get("industry")
            and filters["industry"].lower() not in (booth.company.industry or "").lower()
        ):
            continue
        if (
            filters.get("district")
            and booth.company.district != filters["district"]
            and not any(p.district == filters["district"] for p in postings)
        ):
            continue
        if filters.get("employment_type") and not any(
            p.employment_type == filters["employment_type"] for p in postings
        ):
            continue
        if filters.get("skill") and not any(
            str(ps.skill_id) == str(filters["skill"])
            for p in postings
            for ps in p.posting_skills.all()
        ):
            continue
        median, sample = conversation_median_minutes(booth.pk)
        n_waiting = waiting.get(booth.pk, 0)
        cards.append(
            BoothCard(
                booth=booth,
                reps_online=online.get(booth.pk, 0),
                waiting=n_waiting,
                estimate=estimate_wait(
                    ahead=n_waiting,
                    reps=online.get(booth.pk, 0),
                    median_minutes=median,
                    sample=sample,
                ),
                postings=postings,
            )
        )
    return cards


@dataclass
class Recommendation:
    booth: Booth
    posting: Posting
    score: float
    matched: list[str]
    missing: list[str]


def recommended_booths(user: User, cards: list[BoothCard], limit: int = 3) -> list[Recommendation]:
    """Booths whose linked postings the matching engine ranks best for this person, with why."""
    if not (user.is_authenticated and user.is_trainee):
        return []
    holdings = matching.holdings_for(user.pk)
    if not holdings:
        return []
    profile = JobSeekerProfile.objects.filter(user=user).first()
    best: dict[int, Recommendation] = {}
    for card in cards:
        for posting in card.postings:
            match = matching.explain(posting, holdings, profile)
            if not match.matched_skills:
                continue
            current = best.get(card.booth.pk)
            if current is None or match.score > current.score:
                best[card.booth.pk] = Recommendation(
                    booth=card.booth,
                    posting=posting,
                    score=match.score,
                    matched=[s["name"] for s in match.matched_skills],
                    missing=[s["name"] for s in match.missing_skills],
                )
    return sorted(best.values(), key=lambda r: (-r.score, r.booth.pk))[:limit]


def open_slots(booth: Booth, now: datetime | None = None) -> list[dict]:
    """The booth's future slots with whether each can still be booked."""
    now = now or timezone.now()
    booked = set(
        Interview.objects.filter(booth=booth, status=Interview.Status.BOOKED).values_list(
            "slot_id", flat=True
        )
    )
    return [
        {"slot": s, "id": s.pk, "start": s.start, "end": s.end, "available": s.pk not in booked}
        for s in InterviewSlot.objects.filter(booth=booth, start__gt=now)
        .select_related("representative")
        .order_by("start", "pk")
    ]


def console_queue(booth: Booth) -> list[dict]:
    """The representative's view of the queue: who waits, who is held elsewhere."""
    entries = list(
        QueueEntry.objects.filter(booth=booth, status__in=QueueEntry.ACTIVE)
        .select_related("attendee")
        .order_by("order_key")
    )
    busy = set(
        Conversation.objects.filter(
            attendee_id__in=[e.attendee_id for e in entries], status=Conversation.Status.ACTIVE
        ).values_list("attendee_id", flat=True)
    ) | set(
        QueueEntry.objects.filter(
            attendee_id__in=[e.attendee_id for e in entries], status=QueueEntry.Status.CALLED
        )
        .exclude(booth=booth)
        .values_list("attendee_id", flat=True)
    )
    return [
        {"entry": e, "held": e.status == QueueEntry.Status.WAITING and e.attendee_id in busy}
        for e in entries
    ]


def fairs_with_counts(qs):
    return qs.annotate(
        n_booths=Count("booths", filter=Q(booths__status=Booth.Status.APPROVED), distinct=True)
    )
