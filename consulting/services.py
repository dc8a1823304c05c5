"""Writes: booking, rescheduling, cancelling, confirming, outcomes, notes, reminders and feeds.

Booking takes the counselor's ``CounselorSettings`` row as its lock, rechecks the slot
under it and inserts in the same transaction. On PostgreSQL two exclusion constraints
(migration 0002) are the final word: a violation becomes ``SlotTaken``, never a 500.
Email leaves only after the transaction commits.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import User, hash_secret
from core.emails import render_email, send_email_after_commit

from .availability import SEOUL, SlotTaken, SlotUnavailable, check_slot
from .models import (
    ACTIVE_STATUSES,
    ActionItem,
    Booking,
    BookingNote,
    CalendarFeed,
    ConsultationType,
    CounselorSettings,
    Outcome,
)

logger = logging.getLogger(__name__)

MAX_ANSWER_LENGTH = 2000


class PersonBusy(SlotTaken):
    """The person already holds a consultation at that time."""


class IdempotencyMismatch(Exception):
    """An ``Idempotency-Key`` reused for a different request."""


# --- helpers ---------------------------------------------------------------------------


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


def _lock_counselor(counselor_id: int) -> None:
    """Serialize bookings of one counselor: the row lock on PostgreSQL, the write lock on SQLite."""
    CounselorSettings.objects.get_or_create(counselor_id=counselor_id)
    if connection.vendor == "sqlite":
        # SQLite has no row locks; a write at the start takes the database's single
        # write lock, so the recount below cannot race another booking.
        CounselorSettings.objects.filter(counselor_id=counselor_id).update(daily_cap=F("daily_cap"))
    else:
        CounselorSettings.objects.select_for_update().get(counselor_id=counselor_id)


def _lock_person(person_id: int) -> None:
    """Serialize one person's bookings across counselors (FOR NO KEY UPDATE: foreign keys to them still insert)."""
    list(
        User.objects.select_for_update(no_key=True)
        .filter(pk=person_id)
        .values_list("pk", flat=True)
    )


def _lock_and_check(
    *,
    counselor_id: int,
    type_: ConsultationType,
    start: datetime,
    person_id: int,
    exclude_booking_id: int | None = None,
):
    """Take the counselor's lock, then recheck the slot and the person's own calendar under it."""
    # Always counselor first, then person: one order, so two bookings never wait on each other in a cycle.
    _lock_counselor(counselor_id)
    _lock_person(person_id)
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
    return slot


def _overlap_error(error: IntegrityError) -> SlotTaken | None:
    """The exclusion constraint behind an IntegrityError, as the exception a caller maps to 409."""
    text = str(error)
    if "consulting_booking_person_no_overlap" in text:
        return PersonBusy()
    if "consulting_booking_counselor_no_overlap" in text:
        return SlotTaken()
    return None


def _lock_conflict(error: OperationalError) -> bool:
    """PostgreSQL aborted this transaction for a concurrent one (deadlock, serialization failure).

    Two inserts that violate an exclusion constraint with each other can deadlock;
    PostgreSQL then aborts one. Retrying finds the winner's committed row.
    """
    return getattr(error.__cause__, "sqlstate", None) in ("40P01", "40001")


def _with_retry(write):
    """Run ``write`` (one transaction); on a lock conflict, retry it, then give up as "taken"."""
    for attempt in range(3):
        try:
            return write()
        except OperationalError as error:
            if not _lock_conflict(error):
                raise
            if attempt == 2:
                raise SlotTaken() from None
    raise SlotTaken()


def _blocked(type_: ConsultationType, start: datetime, end: datetime) -> tuple[datetime, datetime]:
    return (
        start - timedelta(minutes=type_.buffer_before_minutes),
        end + timedelta(minutes=type_.buffer_after_minutes),
    )


# --- booking ---------------------------------------------------------------------------


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
    bookable, ``SlotTaken`` when someone else got there first.
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
        _notify(booking, "booked")
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
                raise ValidationError(
                    _("This consultation can no longer be changed online. Please call the center.")
                )
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

    Locks the counselor as booking does; the booking keeps its id, and a type that needs
    confirmation goes back to pending.
    """
    if booking.person_id != by.pk:
        raise ValidationError(_("Only the person who booked can reschedule."))
    if not booking.person_can_change():
        raise ValidationError(
            _("This consultation can no longer be changed online. Please call the center.")
        )
    type_ = booking.type
    booking = _with_retry(lambda: _reschedule_once(booking=booking, type_=type_, start=start))
    _notify(booking, "rescheduled")
    return booking


@transaction.atomic
def booking_cancel(*, booking: Booking, by: User, reason: str = "") -> Booking:
    """Cancel: the person until the cutoff, the counselor or center staff until the start."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if not booking.is_active:
        raise ValidationError(_("This consultation is not active."))
    if by.pk == booking.person_id:
        if not booking.person_can_change():
            raise ValidationError(
                _("This consultation can no longer be changed online. Please call the center.")
            )
    elif booking.start <= timezone.now():
        raise ValidationError(_("A consultation that has started cannot be cancelled."))
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.cancelled_by = by
    booking.status_reason = reason.strip()[:300]
    booking.sequence += 1
    booking.save()
    _notify(booking, "cancelled", actor=by)
    return booking


@transaction.atomic
def booking_confirm(*, booking: Booking, by: User) -> Booking:
    """The counselor accepts a pending request."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status == Booking.Status.CONFIRMED:
        return booking
    if booking.status != Booking.Status.PENDING:
        raise ValidationError(_("Only a pending request can be confirmed."))
    if booking.start <= timezone.now():
        raise ValidationError(_("This request's time has passed."))
    booking.status = Booking.Status.CONFIRMED
    booking.confirmed_at = timezone.now()
    booking.sequence += 1
    booking.save()
    _notify(booking, "confirmed")
    return booking


@transaction.atomic
def booking_decline(*, booking: Booking, by: User, reason: str = "") -> Booking:
    """The counselor turns down a pending request, which frees the slot."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status != Booking.Status.PENDING:
        raise ValidationError(_("Only a pending request can be declined."))
    booking.status = Booking.Status.DECLINED
    booking.status_reason = reason.strip()[:300]
    booking.cancelled_at = timezone.now()
    booking.cancelled_by = by
    booking.sequence += 1
    booking.save()
    _notify(booking, "declined")
    return booking


@transaction.atomic
def booking_record_outcome(
    *, booking: Booking, by: User, outcome: str, note: str = "", summary: str | None = None
) -> Booking:
    """Close a consultation that has taken place with its outcome (feeds outcome reporting)."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose one of the listed outcomes.")})
    if booking.status not in (Booking.Status.CONFIRMED, Booking.Status.COMPLETED):
        raise ValidationError(_("Only a confirmed consultation can get an outcome."))
    if booking.start > timezone.now():
        raise ValidationError(_("Record the outcome once the consultation has started."))
    booking.status = Booking.Status.COMPLETED
    booking.outcome = outcome
    booking.outcome_note = note.strip()[:300]
    booking.outcome_recorded_at = timezone.now()
    if summary is not None:
        booking.summary = summary.strip()
    booking.save()
    summary_changed(booking_id=booking.pk)
    return booking


@transaction.atomic
def booking_mark_no_show(*, booking: Booking, by: User) -> Booking:
    """The person did not come: frees nothing (the time has passed) but counts in reports."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status != Booking.Status.CONFIRMED:
        raise ValidationError(_("Only a confirmed consultation can be marked as a no-show."))
    if booking.start > timezone.now():
        raise ValidationError(_("You can mark a no-show once the consultation has started."))
    booking.status = Booking.Status.NO_SHOW
    booking.save()
    return booking


def note_add(*, booking: Booking, author: User, text: str) -> BookingNote:
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write something first.")})
    return BookingNote.objects.create(booking=booking, author=author, text=text[:10000])


def action_item_add(*, booking: Booking, text: str, due_date=None) -> ActionItem:
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write something first.")})
    item = ActionItem.objects.create(booking=booking, text=text[:300], due_date=due_date)
    summary_changed(booking_id=booking.pk)
    return item


def action_item_toggle(*, item: ActionItem) -> ActionItem:
    item.done_at = None if item.done_at else timezone.now()
    item.save(update_fields=["done_at"])
    summary_changed(booking_id=item.booking_id)
    return item


# --- the summary PDF ---------------------------------------------------------------------


def summary_changed(*, booking_id: int) -> None:
    """What the summary PDF shows changed: bump its version and render it again after commit."""
    from .tasks import render_summary_pdf

    Booking.objects.filter(pk=booking_id).update(summary_version=F("summary_version") + 1)
    if Booking.objects.filter(pk=booking_id, status=Booking.Status.COMPLETED).exists():
        render_summary_pdf.delay_on_commit(booking_id)


def summary_pdf_is_current(booking: Booking) -> bool:
    return bool(booking.summary_pdf) and booking.summary_pdf_version == booking.summary_version


def summary_pdf_render(*, booking_id: int) -> bool:
    """Render and keep a completed consultation's summary PDF, in the person's language.

    Idempotent: a current file is left alone. No lock is held while WeasyPrint works;
    the file is attached only if nothing changed meanwhile (a newer render follows).
    """
    from django.core.files.base import ContentFile

    from core.pdf import render_pdf

    from .models import summary_upload_to

    booking = (
        Booking.objects.select_related("type", "counselor", "person", "center")
        .filter(pk=booking_id, status=Booking.Status.COMPLETED)
        .first()
    )
    if booking is None or summary_pdf_is_current(booking):
        return False
    version = booking.summary_version
    with override(booking.person.language or settings.LANGUAGE_CODE), timezone.override(SEOUL):
        pdf = render_pdf(
            "consulting/summary_pdf.html",
            {
                "booking": booking,
                "action_items": list(booking.action_items.all()),
                "generated_at": timezone.now(),
            },
        )
    storage = booking.summary_pdf.storage
    old_name = booking.summary_pdf.name
    name = storage.save(summary_upload_to(booking, "summary.pdf"), ContentFile(pdf))
    attached = Booking.objects.filter(pk=booking_id, summary_version=version).update(
        summary_pdf=name, summary_pdf_version=version
    )
    if not attached:
        storage.delete(name)
        return False
    if old_name and old_name != name:
        storage.delete(old_name)
    return True


# --- reminders ---------------------------------------------------------------------------

REMINDERS = (
    ("reminder_24h_sent_at", timedelta(hours=24)),
    ("reminder_1h_sent_at", timedelta(hours=1)),
)


def send_due_reminders(*, now: datetime | None = None) -> int:
    """Send each confirmed booking's 24 h and 1 h reminders once.

    The conditional UPDATE (``…_sent_at IS NULL``) claims a reminder: of two workers
    running at once, only one gets the row, so nobody is reminded twice.
    """
    now = now or timezone.now()
    sent = 0
    for field, ahead in REMINDERS:
        due = Booking.objects.filter(
            status=Booking.Status.CONFIRMED,
            start__gt=now,
            start__lte=now + ahead,
            **{f"{field}__isnull": True},
        ).values_list("pk", "start")
        for pk, start in list(due):
            with transaction.atomic():
                claimed = Booking.objects.filter(pk=pk, **{f"{field}__isnull": True}).update(
                    **{field: now}
                )
                # Within the last hour the 1 h reminder is the one to send, not both.
                if claimed and not (
                    field == "reminder_24h_sent_at" and start <= now + timedelta(hours=1)
                ):
                    _notify(Booking.objects.get(pk=pk), "reminder")
                    sent += 1
    return sent


# --- calendar feeds ----------------------------------------------------------------------


def calendar_feed_regenerate(*, user: User) -> str:
    """A new private feed URL token; the old URL stops working. Returns the token, shown once."""
    raw = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(user=user, defaults={"token_hash": hash_secret(raw)})
    return raw


def calendar_feed_revoke(*, user: User) -> None:
    CalendarFeed.objects.filter(user=user).delete()


def calendar_feed_user(raw: str) -> User | None:
    feed = CalendarFeed.objects.select_related("user").filter(token_hash=hash_secret(raw)).first()
    return feed.user if feed and feed.user.is_active else None


# --- email ---------------------------------------------------------------------------------


def booking_url(booking: Booking, *, for_counselor: bool = False) -> str:
    name = "consulting:workspace_booking" if for_counselor else "consulting:booking_detail"
    return settings.SITE_URL + reverse(name, args=[booking.pk])


def _notify(booking: Booking, event: str, *, actor: User | None = None) -> None:
    """Email the person (and the counselor where it concerns them) after commit, with an .ics."""
    from .ics import booking_calendar

    booking = Booking.objects.select_related("type", "counselor", "person", "center").get(
        pk=booking.pk
    )
    recipients = [("person", booking.person)]
    if event in ("booked", "rescheduled") or (
        event == "cancelled" and actor and actor.pk == booking.person_id
    ):
        recipients.append(("counselor", booking.counselor))
    for role, user in recipients:
        if not user.is_active or not user.email:
            continue
        language = user.language or settings.LANGUAGE_CODE
        # Emails state times in Korea time, whatever zone the page that caused them used.
        with override(language), timezone.override(SEOUL):
            context = {
                "event": event,
                "role": role,
                "booking": booking,
                "name": user.name,
                "type_name": booking.type.display_name,
                "center_name": booking.center.display_name,
                "url": booking_url(booking, for_counselor=role == "counselor"),
                "reschedule_url": settings.SITE_URL
                + reverse("consulting:booking_reschedule", args=[booking.pk]),
                "cutoff_hours": settings.CONSULTING_CANCEL_CUTOFF_HOURS,
                "start_local": booking.start.astimezone(SEOUL),
                "end_local": booking.end.astimezone(SEOUL),
            }
            message = render_email("consulting-booking", context, language=language)
            method = (
                "CANCEL"
                if booking.status in (Booking.Status.CANCELLED, Booking.Status.DECLINED)
                else "REQUEST"
            )
            ics = booking_calendar([booking], method=method, viewer=user).to_ical().decode()
        send_email_after_commit(
            to=[user.email], **message, attachments=[("consultation.ics", ics, "text/calendar")]
        )
