"""A booking's life after it is made: cancelled, confirmed or declined, then closed with an outcome or a no-show.

Each locks the booking row, so two clicks (or a counselor and the person at once) apply
one after the other. What the counselor or center staff do to a person's booking is
written to the audit log in the same transaction.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.audit import log_action
from core.validators import refuse_too_long
from core.video import new_room_token

from ..exceptions import ChangeClosed
from ..models import Booking, ConsultationType, Outcome
from .notifications import notify
from .summary import summary_changed


@transaction.atomic
def booking_cancel(*, booking: Booking, by: User, reason: str = "") -> Booking:
    """Cancel: the person until the cutoff, the counselor or center staff until the start.

    Cancelling someone else's booking is logged.
    """
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if not booking.is_active:
        raise ValidationError(_("This consultation is not active."))
    if by.pk == booking.person_id:
        if not booking.person_can_change():
            raise ChangeClosed()
    elif booking.start <= timezone.now():
        raise ValidationError(_("A consultation that has started cannot be cancelled."))
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.cancelled_by = by
    booking.status_reason = refuse_too_long(reason.strip(), 300, field="reason")
    booking.sequence += 1
    booking.save()
    if by.pk != booking.person_id:
        log_action(by, "consulting.booking.cancelled", booking, {"reason": booking.status_reason})
    notify(booking, "cancelled", actor=by)
    return booking


@transaction.atomic
def booking_confirm(*, booking: Booking, by: User) -> Booking:
    """The counselor (or center staff) accepts a pending request."""
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
    if booking.type.mode == ConsultationType.Mode.VIDEO and not booking.room_token:
        booking.room_token = new_room_token()  # a request made before rooms existed
    booking.save()
    log_action(by, "consulting.booking.confirmed", booking)
    notify(booking, "confirmed")
    return booking


@transaction.atomic
def booking_decline(*, booking: Booking, by: User, reason: str = "") -> Booking:
    """The counselor (or center staff) turns down a pending request, which frees the slot."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status != Booking.Status.PENDING:
        raise ValidationError(_("Only a pending request can be declined."))
    booking.status = Booking.Status.DECLINED
    booking.status_reason = refuse_too_long(reason.strip(), 300, field="reason")
    booking.cancelled_at = timezone.now()
    booking.cancelled_by = by
    booking.sequence += 1
    booking.save()
    log_action(by, "consulting.booking.declined", booking, {"reason": booking.status_reason})
    notify(booking, "declined")
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
    booking.outcome_note = refuse_too_long(note.strip(), 300, field="note")
    booking.outcome_recorded_at = timezone.now()
    if summary is not None:
        booking.summary = summary.strip()
    booking.save()
    log_action(
        by,
        "consulting.booking.outcome_recorded",
        booking,
        {"outcome": outcome, "note": booking.outcome_note},
    )
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
    log_action(by, "consulting.booking.no_show", booking)
    return booking
