"""Taking a slot: booking and rescheduling, the only writes that consume a counselor's time.

Booking takes the counselor's ``CounselorSettings`` row as its lock, then the person's
row, rechecks the slot under them and inserts in the same transaction. On PostgreSQL two
exclusion constraints (migration 0002) are the final word: a violation becomes
``SlotTaken`` or ``PersonBusy`` (409), never a 500. Email leaves only after the
transaction commits.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.db import retry_on_lock_conflict
from core.scheduling import busy_elsewhere
from core.video import new_room_token

from ..availability import Slot, check_slot
from ..exceptions import ChangeClosed, IdempotencyMismatch, PersonBusy, SlotTaken, SlotUnavailable
from ..models import ACTIVE_STATUSES, Booking, ConsultationType
from .locks import lock_counselor, lock_person
from .notifications import notify

MAX_ANSWER_LENGTH = 2000


def _clean_answers(type_: ConsultationType, answers) -> list[dict]:
    """Intake answers as a snapshot ``[{"question_id", "question", "answer"}]``; required ones present."""
    if answers in (None, ""):
        answers = {}
    if isinstance(answers, list):  # [{"question": id, "answer": text}]
        try:
            answers = {str(a["question"]): a.get("answer", "") for a in answers}
        except (TypeError, KeyError):
            raise ValidationError(
                {"answers": _("Send answers as {question id: answer}.")}
            ) from None
    if not isinstance(answers, dict):
        raise ValidationError({"answers": _("Send answers as {question id: answer}.")})
    questions = {str(q.pk): q for q in type_.questions.all()}
    unknown = set(map(str, answers)) - set(questions)
    if unknown:
        raise ValidationError(
            {"answers": _("Unknown question: %(ids)s.") % {"ids": ", ".join(sorted(unknown))}}
        )
    cleaned, errors = [], []
    for key, question in questions.items():
        value = answers.get(key, answers.get(int(key), ""))
        if not isinstance(value, str):
            errors.append(_("Answer “%(q)s” with text.") % {"q": question.text})
            continue
        value = value.strip()
        if question.required and not value:
            errors.append(_("Please answer: %(q)s") % {"q": question.display_text})
        elif len(value) > MAX_ANSWER_LENGTH:
            errors.append(_("Answers can be at most %(n)d characters.") % {"n": MAX_ANSWER_LENGTH})
        cleaned.append({"question_id": question.pk, "question": question.text, "answer": value})
    if errors:
        raise ValidationError({"answers": errors})
    return cleaned


def _lock_and_check(
    *,
    counselor_id: int,
    type_: ConsultationType,
    start: datetime,
    person_id: int,
    exclude_booking_id: int | None = None,
) -> Slot:
    """Take the counselor's lock, then the person's, and recheck the slot and the person's calendar."""
    lock_counselor(counselor_id)
    lock_person(person_id)
    slot = check_slot(
        counselor_id=counselor_id, type_=type_, start=start, exclude_booking_id=exclude_booking_id
    )
    clash = Booking.objects.filter(
        person_id=person_id, status__in=ACTIVE_STATUSES, start__lt=slot.end, end__gt=slot.start
    )
    if exclude_booking_id:
        clash = clash.exclude(pk=exclude_booking_id)
    if clash.exists():
        raise PersonBusy()
    elsewhere = busy_elsewhere(person_id, slot.start, slot.end, skip="consulting")
    if elsewhere:
        raise PersonBusy(elsewhere)
    return slot


def _overlap_error(error: IntegrityError) -> SlotTaken | None:
    """The exclusion constraint behind an IntegrityError, as the conflict a person reads."""
    text = str(error)
    if "consulting_booking_person_no_overlap" in text:
        return PersonBusy()
    if "consulting_booking_counselor_no_overlap" in text:
        return SlotTaken()
    return None


def _with_retry(write):
    """Run ``write`` (one transaction); on a lock conflict, retry it, then give up as "taken"."""
    return retry_on_lock_conflict(write, give_up=SlotTaken)


def _blocked(type_: ConsultationType, start: datetime, end: datetime) -> tuple[datetime, datetime]:
    return (
        start - timedelta(minutes=type_.buffer_before_minutes),
        end + timedelta(minutes=type_.buffer_after_minutes),
    )


def booking_create(
    *,
    person: User,
    type_: ConsultationType,
    counselor: User | None,
    start: datetime,
    answers=None,
    idempotency_key: str = "",
) -> tuple[Booking, bool]:
    """Book ``start`` with ``counselor`` (or any counselor offering the type). Returns (booking, created).

    A retry with the same ``idempotency_key`` returns the first booking. Raises
    ``ValidationError`` for bad input, ``SlotUnavailable`` for a time that is not
    bookable, ``SlotTaken`` when someone else got there first, ``PersonBusy`` when the
    person already has a consultation then, ``IdempotencyMismatch`` for a reused key.
    """
    idempotency_key = (idempotency_key or "").strip()[:80]
    if idempotency_key:
        existing = Booking.objects.filter(person=person, idempotency_key=idempotency_key).first()
        if existing is not None:
            return _replay(existing, type_=type_, counselor=counselor, start=start), False
    if not type_.is_active:
        raise ValidationError({"type": _("This consultation type is not offered any more.")})
    offering = type_.counselors.filter(
        is_active=True,
        center_memberships__center_id=type_.center_id,
        center_memberships__role="counselor",
    )
    if counselor is not None:
        if not offering.filter(pk=counselor.pk).exists():
            raise ValidationError(
                {"counselor": _("This counselor does not offer this consultation type.")}
            )
        candidates = [counselor]
    else:
        day = (
            start.astimezone(timezone.get_default_timezone()).date()
            if timezone.is_aware(start)
            else None
        )
        # Any available: the least busy counselor that day first.
        candidates = list(
            offering.distinct()
            .annotate(
                load=Count(
                    "counselor_bookings",
                    filter=Q(
                        counselor_bookings__status__in=ACTIVE_STATUSES,
                        counselor_bookings__start__date=day,
                    ),
                )
            )
            .order_by("load", "pk")
        )
        if not candidates:
            raise ValidationError(
                {"counselor": _("No counselor offers this consultation type yet.")}
            )
    if person.pk in {c.pk for c in candidates} and counselor is not None:
        raise ValidationError({"counselor": _("You cannot book a consultation with yourself.")})
    cleaned = _clean_answers(type_, answers)
    first_problem: Exception | None = None
    for candidate in candidates:
        if candidate.pk == person.pk:
            continue
        try:
            booking = _create_for(
                person=person,
                type_=type_,
                counselor=candidate,
                start=start,
                answers=cleaned,
                idempotency_key=idempotency_key,
            )
        except PersonBusy:
            raise
        except (SlotTaken, SlotUnavailable) as problem:
            first_problem = first_problem or problem
            continue
        if isinstance(booking, tuple):  # a concurrent retry with the same key won
            return booking
        notify(booking, "booked")
        return booking, True
    raise first_problem or SlotTaken()


def _replay(existing: Booking, *, type_, counselor, start) -> Booking:
    same = (
        existing.type_id == type_.pk
        and existing.start == start
        and (counselor is None or existing.counselor_id == counselor.pk)
    )
    if not same:
        raise IdempotencyMismatch()
    return existing


def _create_for(*, person, type_, counselor, start, answers, idempotency_key):
    return _with_retry(
        lambda: _create_once(
            person=person,
            type_=type_,
            counselor=counselor,
            start=start,
            answers=answers,
            idempotency_key=idempotency_key,
        )
    )


def _create_once(*, person, type_, counselor, start, answers, idempotency_key):
    try:
        with transaction.atomic():
            slot = _lock_and_check(
                counselor_id=counselor.pk, type_=type_, start=start, person_id=person.pk
            )
            blocked_start, blocked_end = _blocked(type_, slot.start, slot.end)
            now = timezone.now()
            return Booking.objects.create(
                center_id=type_.center_id,
                type=type_,
                counselor=counselor,
                person=person,
                status=Booking.Status.PENDING
                if type_.requires_confirmation
                else Booking.Status.CONFIRMED,
                confirmed_at=None if type_.requires_confirmation else now,
                start=slot.start,
                end=slot.end,
                blocked_start=blocked_start,
                blocked_end=blocked_end,
                room_token=new_room_token() if type_.mode == ConsultationType.Mode.VIDEO else "",
                answers=answers,
                idempotency_key=idempotency_key,
            )
    except IntegrityError as error:
        if idempotency_key:
            existing = Booking.objects.filter(
                person=person, idempotency_key=idempotency_key
            ).first()
            if existing is not None:
                return existing, False
        overlap = _overlap_error(error)
        if overlap is None:
            raise
        raise overlap from None


def _reschedule_once(*, booking: Booking, type_: ConsultationType, start: datetime) -> Booking:
    try:
        with transaction.atomic():
            slot = _lock_and_check(
                counselor_id=booking.counselor_id,
                type_=type_,
                start=start,
                person_id=booking.person_id,
                exclude_booking_id=booking.pk,
            )
            booking = Booking.objects.select_for_update().get(pk=booking.pk)
            if not booking.person_can_change():
                raise ChangeClosed()
            booking.start, booking.end = slot.start, slot.end
            booking.blocked_start, booking.blocked_end = _blocked(type_, slot.start, slot.end)
            booking.sequence += 1
            booking.reminder_24h_sent_at = None
            booking.reminder_1h_sent_at = None
            if type_.requires_confirmation:
                booking.status = Booking.Status.PENDING
                booking.confirmed_at = None
            booking.save()
    except IntegrityError as error:
        overlap = _overlap_error(error)
        if overlap is None:
            raise
        raise overlap from None
    return booking


def booking_reschedule(*, booking: Booking, by: User, start: datetime) -> Booking:
    """Move a booking to another free slot of the same counselor, before the cutoff.

    Only the person who booked may (``by``). Locks the counselor as booking does; the
    booking keeps its id, and a type that needs confirmation goes back to pending.
    """
    if booking.person_id != by.pk:
        raise ValidationError(_("Only the person who booked can reschedule."))
    if not booking.person_can_change():
        raise ChangeClosed()
    type_ = booking.type
    booking = _with_retry(lambda: _reschedule_once(booking=booking, type_=type_, start=start))
    notify(booking, "rescheduled")
    return booking
