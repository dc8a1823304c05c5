"""The walk-in queue: join, leave, be called, answer, and be moved back or out after missed calls.

Locks, always in this order so no two operations wait on each other in a cycle:
the booth row (order of its queue), then an attendee's registration row (what
they are doing at the fair right now), then queue entries. The partial unique
indexes on ``QueueEntry`` and ``Conversation`` are the database's own guarantee
that nobody is called to two booths, or talks in two conversations, at once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.exceptions import ConflictError

from ..models import Booth, Conversation, Fair, QueueEntry, Registration, Representative
from ..notify import notify
from ._common import lock_row

MISSES_ALLOWED = 2  # the second missed call takes a person out of the queue


def _require_live(booth: Booth) -> None:
    if booth.fair.status != Fair.Status.LIVE:
        raise ValidationError(_("The queues open when the fair is live."))
    if not booth.is_approved:
        raise ValidationError(_("This booth is not taking part in the fair."))


def queue_join(*, booth: Booth, attendee: User, now: datetime | None = None) -> QueueEntry:
    """Take the last place in a booth's queue (several booths at once are fine)."""
    now = now or timezone.now()
    _require_live(booth)
    registration = Registration.objects.filter(
        fair_id=booth.fair_id, attendee=attendee, cancelled_at__isnull=True
    ).first()
    if registration is None:
        raise ValidationError(_("Register for the fair before joining a queue."))
    try:
        with transaction.atomic():
            lock_row(Booth, booth.pk, touch_field="status")
            if QueueEntry.objects.filter(
                booth=booth, attendee=attendee, status__in=QueueEntry.ACTIVE
            ).exists():
                raise ConflictError(_("You are already in this queue."))
            last = QueueEntry.objects.filter(booth=booth).aggregate(m=Max("order_key"))["m"] or 0
            entry = QueueEntry.objects.create(
                booth=booth,
                registration=registration,
                attendee=attendee,
                order_key=last + 1,
                joined_at=now,
            )
    except IntegrityError:
        raise ConflictError(_("You are already in this queue.")) from None
    notify(users=[attendee.pk], booths=[booth.pk], what="queue")
    return entry


def queue_leave(*, entry: QueueEntry, now: datetime | None = None) -> QueueEntry:
    """Leave a queue (a pending call is given up). A conversation is ended by the representative."""
    now = now or timezone.now()
    with transaction.atomic():
        lock_row(Registration, entry.registration_id, touch_field="share_profile")
        entry = lock_row(QueueEntry, entry.pk, touch_field="status")
        if entry.status == QueueEntry.Status.TALKING:
            raise ConflictError(_("You are talking with this booth now."))
        if entry.status not in (QueueEntry.Status.WAITING, QueueEntry.Status.CALLED):
            raise ConflictError(_("You are not in this queue."))
        entry.status = QueueEntry.Status.LEFT
        entry.ended_at = now
        entry.save(update_fields=["status", "ended_at"])
    notify(users=[entry.attendee_id], booths=[entry.booth_id], what="queue")
    return entry


def _attendee_busy(attendee_id: int) -> bool:
    """In a conversation, or answering a call at another booth: their other places are held."""
    return (
        Conversation.objects.filter(
            attendee_id=attendee_id, status=Conversation.Status.ACTIVE
        ).exists()
        or QueueEntry.objects.filter(
            attendee_id=attendee_id, status=QueueEntry.Status.CALLED
        ).exists()
    )


def _move_back_or_out(entry: QueueEntry, now: datetime) -> None:
    """A missed call: one place back the first time, out of the queue the second (booth locked)."""
    entry.misses += 1
    entry.called_by = None
    entry.answer_by = None
    if entry.misses >= MISSES_ALLOWED:
        entry.status = QueueEntry.Status.MISSED
        entry.ended_at = now
        entry.save(update_fields=["misses", "called_by", "answer_by", "status", "ended_at"])
        return
    entry.status = QueueEntry.Status.WAITING
    behind = (
        QueueEntry.objects.filter(
            booth_id=entry.booth_id, status=QueueEntry.Status.WAITING, order_key__gt=entry.order_key
        )
        .order_by("order_key")
        .first()
    )
    if behind is not None:
        mine, theirs = entry.order_key, behind.order_key
        # Swap through a free key: no unique index on order_key, but keep it clean and obvious.
        QueueEntry.objects.filter(pk=behind.pk).update(order_key=mine)
        entry.order_key = theirs
    entry.save(update_fields=["misses", "called_by", "answer_by", "status", "order_key"])


def expire_calls(*, booth: Booth | None = None, now: datetime | None = None) -> int:
    """Calls nobody answered in time count as missed. Run by beat every 30 s and before each call."""
    now = now or timezone.now()
    overdue = QueueEntry.objects.filter(status=QueueEntry.Status.CALLED, answer_by__lt=now)
    if booth is not None:
        overdue = overdue.filter(booth=booth)
    count = 0
    for booth_id, entry_id in list(overdue.values_list("booth_id", "pk")):
        with transaction.atomic():
            lock_row(Booth, booth_id, touch_field="status")
            entry = QueueEntry.objects.select_for_update().get(pk=entry_id)
            if entry.status != QueueEntry.Status.CALLED or entry.answer_by >= now:
                continue
            _move_back_or_out(entry, now)
            count += 1
        notify(users=[entry.attendee_id], booths=[booth_id], what="queue")
    return count


def _rep_of(booth: Booth, user: User) -> Representative:
    rep = Representative.objects.filter(booth=booth, user=user).first()
    if rep is None:
        raise ValidationError(_("You are not a representative of this booth."))
    return rep


def queue_call_next(
    *, booth: Booth, representative: User, now: datetime | None = None
) -> QueueEntry | None:
    """Call the first person waiting who is free; people busy elsewhere keep their place.

    Returns the called entry, or None when nobody free is waiting. Locks the booth,
    then each candidate's registration while deciding.
    """
    now = now or timezone.now()
    _require_live(booth)
    _rep_of(booth, representative)
    expire_calls(booth=booth, now=now)
    with transaction.atomic():
        lock_row(Booth, booth.pk, touch_field="status")
        if Conversation.objects.filter(
            representative=representative, status=Conversation.Status.ACTIVE
        ).exists():
            raise ConflictError(_("End your current conversation before calling the next person."))
        if QueueEntry.objects.filter(
            called_by=representative, status=QueueEntry.Status.CALLED
        ).exists():
            raise ConflictError(_("You have called someone who has not answered yet."))
        Representative.objects.filter(booth=booth, user=representative).update(
            is_online=True, last_seen_at=now
        )
        waiting = QueueEntry.objects.filter(booth=booth, status=QueueEntry.Status.WAITING).order_by(
            "order_key"
        )
        for entry in waiting.iterator(chunk_size=50):
            lock_row(Registration, entry.registration_id, touch_field="share_profile")
            if _attendee_busy(entry.attendee_id):
                continue  # held: they keep their place and are skipped for now
            try:
                with transaction.atomic():
                    updated = QueueEntry.objects.filter(
                        pk=entry.pk, status=QueueEntry.Status.WAITING
                    ).update(
                        status=QueueEntry.Status.CALLED,
                        called_at=now,
                        called_by=representative,
                        answer_by=now + timedelta(seconds=booth.fair.call_window_seconds),
                    )
            except IntegrityError:
                continue  # called elsewhere at this very moment
            if not updated:
                continue
            entry.refresh_from_db()
            notify(users=[entry.attendee_id], booths=[booth.pk], what="call")
            return entry
    return None


def call_accept(*, entry: QueueEntry, attendee: User, now: datetime | None = None) -> Conversation:
    """Answer a call in time: the conversation starts. Never two at once (a partial unique index)."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            lock_row(Registration, entry.registration_id, touch_field="share_profile")
            entry = QueueEntry.objects.select_for_update().get(pk=entry.pk)
            if entry.attendee_id != attendee.pk or entry.status != QueueEntry.Status.CALLED:
                raise ConflictError(_("This call is no longer waiting for you."))
            if entry.answer_by < now:
                raise ConflictError(_("The call timed out. You keep a place in the queue."))
            conversation = Conversation.objects.create(
                booth_id=entry.booth_id,
                queue_entry=entry,
                attendee_id=entry.attendee_id,
                representative_id=entry.called_by_id,
                started_at=now,
            )
            entry.status = QueueEntry.Status.TALKING
            entry.started_at = now
            entry.save(update_fields=["status", "started_at"])
    except IntegrityError:
        raise ConflictError(_("You are already in a conversation.")) from None
    notify(
        users=[entry.attendee_id, entry.called_by_id], booths=[entry.booth_id], what="conversation"
    )
    return conversation


def call_decline(*, entry: QueueEntry, attendee: User, now: datetime | None = None) -> QueueEntry:
    """ "Not now": counts as a missed call (one place back, out after the second)."""
    now = now or timezone.now()
    with transaction.atomic():
        lock_row(Booth, entry.booth_id, touch_field="status")
        entry = QueueEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.attendee_id != attendee.pk or entry.status != QueueEntry.Status.CALLED:
            raise ConflictError(_("This call is no longer waiting for you."))
        _move_back_or_out(entry, now)
    notify(users=[entry.attendee_id], booths=[entry.booth_id], what="queue")
    return entry
