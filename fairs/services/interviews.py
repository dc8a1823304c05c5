"""1:1 interview slots: publishing, booking, cancelling, reminders and the fair draw.

Booking locks the attendee's ``Registration`` row first (their limit and their own
calendar are recounted under it), then the ``InterviewSlot`` row (one booking per
slot), always in that order so two bookings never wait on each other in a cycle.
On PostgreSQL the constraints of migrations 0001/0002 have the final word: a
violation becomes ``ConflictError`` (409), never a 500.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import User
from core.audit import log_action
from core.emails import send_templated_email
from core.exceptions import ConflictError
from core.video import new_room_token, room_url

from ..draw import SlotInfo, run_draw
from ..models import Booth, Draw, DrawRequest, Fair, Interview, InterviewSlot, Registration
from ..notify import notify
from ._common import lock_row

logger = logging.getLogger(__name__)

MAX_SLOTS_PER_PUBLISH = 60


class SlotTaken(ConflictError):
    def __init__(self, message: str | None = None):
        super().__init__(message or _("Someone else has just booked this slot. Choose another."))


class AttendeeBusy(ConflictError):
    def __init__(self):
        super().__init__(_("You already have an interview at that time."))


class LimitReached(ConflictError):
    def __init__(self, limit: int):
        super().__init__(
            _("You can book at most %(n)d interviews at this fair. Cancel one to book another.")
            % {"n": limit}
        )


# --- publishing slots ----------------------------------------------------------------


def slots_publish(
    *,
    booth: Booth,
    representative: User,
    start: datetime,
    count: int,
    duration_minutes: int,
    buffer_minutes: int,
    by: User,
) -> list[InterviewSlot]:
    """Publish ``count`` back-to-back slots (each followed by its buffer) for one representative.

    Several representatives give parallel slots; one representative's slots never
    overlap, at this booth or another (the exclusion constraint on PostgreSQL).
    """
    fair = booth.fair
    errors: dict[str, list[str]] = {}
    if not booth.representatives.filter(user=representative).exists():
        errors["representative"] = [_("Choose one of this booth's representatives.")]
    if not 5 <= duration_minutes <= 120:
        errors["duration_minutes"] = [_("Between 5 and 120 minutes.")]
    if not 0 <= buffer_minutes <= 60:
        errors["buffer_minutes"] = [_("Between 0 and 60 minutes.")]
    if not 1 <= count <= MAX_SLOTS_PER_PUBLISH:
        errors["count"] = [_("Between 1 and %(n)d slots.") % {"n": MAX_SLOTS_PER_PUBLISH}]
    if errors:
        raise ValidationError(errors)
    slots = []
    at = start
    for _i in range(count):
        end = at + timedelta(minutes=duration_minutes)
        if not fair.within_hours(at, end):
            raise ValidationError(
                {"start": [_("Every slot must fall within the fair's days and hours.")]}
            )
        slots.append(
            InterviewSlot(
                booth=booth,
                representative=representative,
                start=at,
                end=end,
                blocked_until=end + timedelta(minutes=buffer_minutes),
            )
        )
        at = end + timedelta(minutes=buffer_minutes)
    try:
        with transaction.atomic():
            lock_row(User, representative.pk, touch_field="is_active")
            for slot in slots:
                clash = InterviewSlot.objects.filter(
                    representative=representative,
                    start__lt=slot.blocked_until,
                    blocked_until__gt=slot.start,
                )
                if clash.exists():
                    raise ConflictError(
                        _("These slots overlap slots the representative already offers.")
                    )
            created = InterviewSlot.objects.bulk_create(slots)
            log_action(by, "fairs.slots.published", booth, {"count": len(created)})
    except IntegrityError as error:
        if "fairs_slot_representative_no_overlap" in str(error):
            raise ConflictError(
                _("These slots overlap slots the representative already offers.")
            ) from None
        raise
    notify(booths=[booth.pk], what="slots")
    return created


def slot_delete(*, slot: InterviewSlot, by: User) -> None:
    with transaction.atomic():
        slot = lock_row(InterviewSlot, slot.pk, touch_field="end")
        if slot.interviews.exists():
            raise ConflictError(_("This slot has interviews on record; cancel them instead."))
        slot.delete()


# --- booking -------------------------------------------------------------------------


def booking_is_open(fair: Fair, now: datetime) -> bool:
    """Slots are bookable from ``slots_open_at``; with a draw, only once the draw has run."""
    if fair.status not in (Fair.Status.REGISTRATION, Fair.Status.LIVE):
        return False
    if now < fair.slots_open_at:
        return False
    return fair.release != Fair.Release.DRAW or Draw.objects.filter(fair=fair).exists()


def _validate_booking(*, booth: Booth, slot: InterviewSlot, now: datetime) -> None:
    fair = booth.fair
    if slot.booth_id != booth.pk:
        if slot.booth.fair_id != booth.fair_id:
            raise ValidationError({"slot": [_("This slot belongs to another fair.")]})
        raise ValidationError({"slot": [_("This slot belongs to another booth.")]})
    if not booth.is_approved:
        raise ValidationError(_("This booth is not taking part in the fair."))
    if not booking_is_open(fair, now):
        if fair.release == Fair.Release.DRAW and now < fair.slots_open_at:
            raise ValidationError(
                _("Interviews at this fair are assigned by a draw first; send your requests.")
            )
        raise ValidationError(_("Interview slots at this fair are not open for booking."))
    if slot.start <= now:
        raise ValidationError({"slot": [_("This slot has already started.")]})
    if not fair.within_hours(slot.start, slot.end):
        raise ValidationError({"slot": [_("This slot is outside the fair's hours.")]})


def _active_registration(fair: Fair, attendee: User) -> Registration:
    registration = Registration.objects.filter(
        fair=fair, attendee=attendee, cancelled_at__isnull=True
    ).first()
    if registration is None:
        raise ValidationError(_("Register for the fair first."))
    return registration


def _locked_checks(*, registration_id: int, slot: InterviewSlot, limit: int) -> None:
    """Under the registration and slot locks: the slot is free, the limit and the calendar allow it."""
    lock_row(Registration, registration_id, touch_field="share_profile")
    lock_row(InterviewSlot, slot.pk, touch_field="end")
    if Interview.objects.filter(slot=slot, status=Interview.Status.BOOKED).exists():
        raise SlotTaken()
    registration = Registration.objects.get(pk=registration_id)
    mine = Interview.objects.filter(
        attendee_id=registration.attendee_id, status=Interview.Status.BOOKED
    )
    if mine.filter(registration_id=registration_id).count() >= limit:
        raise LimitReached(limit)
    if mine.filter(start__lt=slot.end, end__gt=slot.start).exists():
        raise AttendeeBusy()


def _constraint_error(error: IntegrityError) -> ConflictError | None:
    text = str(error)
    if "fairs_interview_one_per_slot" in text or "fairs_interview.slot_id" in text:
        return SlotTaken()
    if "fairs_interview_attendee_no_overlap" in text:
        return AttendeeBusy()
    return None


def _lock_conflict(error: OperationalError) -> bool:
    """PostgreSQL aborted us for a concurrent transaction (deadlock, serialization failure)."""
    return getattr(error.__cause__, "sqlstate", None) in ("40P01", "40001")


def _room_token(booth: Booth) -> str:
    if booth.fair.is_in_person and booth.place:
        return ""  # met at the booth's place
    return new_room_token()


def interview_book(
    *,
    booth: Booth,
    slot: InterviewSlot,
    attendee: User,
    now: datetime | None = None,
    source: str = Interview.Source.DIRECT,
) -> Interview:
    """Book a slot. ``ValidationError`` (400) for a bad request, ``ConflictError`` (409) when taken."""
    now = now or timezone.now()
    _validate_booking(booth=booth, slot=slot, now=now)
    fair = booth.fair
    registration = _active_registration(fair, attendee)
    for attempt in range(3):
        try:
            with transaction.atomic():
                _locked_checks(
                    registration_id=registration.pk,
                    slot=slot,
                    limit=fair.max_interviews_per_attendee,
                )
                interview = Interview.objects.create(
                    slot=slot,
                    booth=booth,
                    registration=registration,
                    attendee=attendee,
                    start=slot.start,
                    end=slot.end,
                    source=source,
                    room_token=_room_token(booth),
                )
                _notify_booked(interview)
            return interview
        except IntegrityError as error:
            conflict = _constraint_error(error)
            if conflict is None:
                raise
            raise conflict from None
        except OperationalError as error:
            if not _lock_conflict(error) or attempt == 2:
                if _lock_conflict(error):
                    raise SlotTaken() from None
                raise
    raise SlotTaken()


def interview_place(interview: Interview) -> str:
    """Where the interview happens: the room link, or the booth's place at the venue."""
    if interview.room_token:
        return room_url(interview.room_token)
    return interview.booth.place


def _notify_booked(interview: Interview) -> None:
    attendee = interview.attendee
    booth = interview.booth
    with override(attendee.language or settings.LANGUAGE_CODE):
        when = date_format(timezone.localtime(interview.start), "DATETIME_FORMAT")
    send_templated_email(
        "fairs-interview-booked",
        to=[attendee.email],
        context={
            "name": attendee.name,
            "company": booth.company.name,
            "fair": booth.fair.display_title,
            "when": when,
            "place": interview_place(interview),
            "url": settings.SITE_URL + reverse("fairs:my_fair", args=[booth.fair_id]),
        },
        language=attendee.language,
    )
    notify(users=[attendee.pk], booths=[booth.pk], what="interviews")


def interview_cancel(*, interview: Interview, by: User, now: datetime | None = None) -> Interview:
    """The attendee or a representative cancels a booked interview; the slot is free again."""
    now = now or timezone.now()
    with transaction.atomic():
        interview = lock_row(Interview, interview.pk, touch_field="status")
        if interview.status != Interview.Status.BOOKED:
            raise ConflictError(_("This interview is not booked any more."))
        if interview.start <= now:
            raise ConflictError(_("This interview has already started."))
        interview.status = Interview.Status.CANCELLED
        interview.cancelled_at = now
        interview.save(update_fields=["status", "cancelled_at"])
        if by.pk != interview.attendee_id:
            log_action(by, "fairs.interview.cancelled", interview, {})
    notify(users=[interview.attendee_id], booths=[interview.booth_id], what="interviews")
    return interview


def interview_mark(
    *, interview: Interview, status: str, by: User, now: datetime | None = None
) -> Interview:
    """A representative records that an interview was held, or that the attendee did not come."""
    now = now or timezone.now()
    if status not in (Interview.Status.HELD, Interview.Status.NO_SHOW):
        raise ValidationError({"status": [_("Mark it held or no-show.")]})
    with transaction.atomic():
        interview = lock_row(Interview, interview.pk, touch_field="status")
        if interview.status not in (
            Interview.Status.BOOKED,
            Interview.Status.HELD,
            Interview.Status.NO_SHOW,
        ):
            raise ConflictError(_("This interview was cancelled."))
        if interview.start > now:
            raise ConflictError(_("This interview has not started yet."))
        interview.status = status
        interview.save(update_fields=["status"])
        log_action(by, f"fairs.interview.{status}", interview, {})
    return interview


def send_interview_reminders(
    *, now: datetime | None = None, ahead: timedelta = timedelta(hours=1)
) -> int:
    """Remind attendees of interviews starting within ``ahead``; each interview once."""
    now = now or timezone.now()
    sent = 0
    due = Interview.objects.filter(
        status=Interview.Status.BOOKED,
        reminder_sent_at__isnull=True,
        start__gt=now,
        start__lte=now + ahead,
    ).values_list("pk", flat=True)
    for pk in due:
        with transaction.atomic():
            interview = (
                Interview.objects.select_for_update(skip_locked=True)
                .select_related("attendee", "booth__company", "booth__fair")
                .filter(pk=pk, reminder_sent_at__isnull=True)
                .first()
            )
            if interview is None:
                continue
            attendee = interview.attendee
            with override(attendee.language or settings.LANGUAGE_CODE):
                when = date_format(timezone.localtime(interview.start), "DATETIME_FORMAT")
            send_templated_email(
                "fairs-interview-reminder",
                to=[attendee.email],
                context={
                    "name": attendee.name,
                    "company": interview.booth.company.name,
                    "when": when,
                    "place": interview_place(interview),
                },
                language=attendee.language,
            )
            interview.reminder_sent_at = now
            interview.save(update_fields=["reminder_sent_at"])
            sent += 1
    return sent


# --- the draw ------------------------------------------------------------------------


def draw_inputs(
    fair: Fair,
) -> tuple[dict[int, list[int]], list[SlotInfo], dict[int, list[SlotInfo]]]:
    """What the draw ranks over: wishes per attendee, free future slots, interviews already held."""
    wishes: dict[int, list[int]] = {}
    for attendee_id, booth_id in (
        DrawRequest.objects.filter(
            registration__fair=fair,
            registration__cancelled_at__isnull=True,
            booth__status=Booth.Status.APPROVED,
        )
        .order_by("registration_id", "rank")
        .values_list("registration__attendee_id", "booth_id")
    ):
        wishes.setdefault(attendee_id, []).append(booth_id)
    booked = set(
        Interview.objects.filter(booth__fair=fair, status=Interview.Status.BOOKED).values_list(
            "slot_id", flat=True
        )
    )
    slots = [
        SlotInfo(s.pk, s.booth_id, s.start, s.end)
        for s in InterviewSlot.objects.filter(
            booth__fair=fair, booth__status=Booth.Status.APPROVED
        ).exclude(pk__in=booked)
        if fair.within_hours(s.start, s.end)
    ]
    held: dict[int, list[SlotInfo]] = {}
    for i in Interview.objects.filter(
        attendee_id__in=list(wishes), booth__fair=fair, status=Interview.Status.BOOKED
    ):
        held.setdefault(i.attendee_id, []).append(SlotInfo(i.slot_id, i.booth_id, i.start, i.end))
    return wishes, slots, held


def draw_run(*, fair: Fair, by: User, seed: str | None = None, now: datetime | None = None) -> Draw:
    """Run the fair's one draw after the request window; log the seed and the result.

    Locks the fair row, so two staff clicking at once run it once.
    """
    now = now or timezone.now()
    with transaction.atomic():
        fair = lock_row(Fair, fair.pk, touch_field="status")
        if fair.release != Fair.Release.DRAW:
            raise ValidationError(_("This fair opens its slots at a set time; there is no draw."))
        if Draw.objects.filter(fair=fair).exists():
            raise ConflictError(_("The draw for this fair has already run."))
        if now < fair.slots_open_at:
            raise ConflictError(
                _("The request window is still open; run the draw after it closes.")
            )
        seed = (seed or secrets.token_hex(8))[:40]
        wishes, slots, held = draw_inputs(fair)
        order, won = run_draw(
            wishes=wishes, slots=slots, limit=fair.max_interviews_per_attendee, seed=seed, held=held
        )
        registrations = {
            r.attendee_id: r
            for r in Registration.objects.filter(
                fair=fair, attendee_id__in=list(won)
            ).select_related("attendee")
        }
        slot_rows = InterviewSlot.objects.select_related("booth__company", "booth__fair").in_bulk(
            [s for ids in won.values() for s in ids]
        )
        assigned: dict[str, list[int]] = {}
        skipped: list[list[int]] = []
        for attendee_id in order:
            for slot_id in won[attendee_id]:
                slot = slot_rows[slot_id]
                try:
                    with transaction.atomic():  # a clash with another fair's interview skips one
                        interview = Interview.objects.create(
                            slot=slot,
                            booth=slot.booth,
                            registration=registrations[attendee_id],
                            attendee=registrations[attendee_id].attendee,
                            start=slot.start,
                            end=slot.end,
                            source=Interview.Source.DRAW,
                            room_token=_room_token(slot.booth),
                        )
                except IntegrityError:
                    skipped.append([attendee_id, slot_id])
                    continue
                assigned.setdefault(str(attendee_id), []).append(slot_id)
                _notify_booked(interview)
        draw = Draw.objects.create(
            fair=fair,
            seed=seed,
            ran_by=by,
            ran_at=now,
            result={"order": order, "assigned": assigned, "skipped": skipped},
        )
        log_action(
            by,
            "fairs.draw.ran",
            draw,
            {
                "seed": seed,
                "order": order,
                "assigned": assigned,
                "skipped": skipped,
                "requests": {str(a): b for a, b in wishes.items()},
            },
        )
    return draw
