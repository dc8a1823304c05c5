"""Interviews inside an application: proposing times, picking one, changing and closing it.

Only a confirmed interview holds time. Picking one locks the interviewer's and the
candidate's user rows (``core.scheduling.lock_people``, the lock consultations take for the
person too), then the interview, rechecks that neither person holds that time (interviews
here, consultations through the busy registry) and confirms it. On PostgreSQL two exclusion
constraints (migration 0005) are the final word; a violation, or a deadlock PostgreSQL
breaks, becomes 409. On SQLite the lock is a write that takes the single write lock.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

import phonenumbers
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import CompanyMembership, User
from core import reminders
from core.audit import log_action
from core.db import retry_on_lock_conflict
from core.exceptions import ConflictError
from core.ics import SEOUL
from core.scheduling import busy_elsewhere, lock_people
from core.video import new_room_token

from ..models import Application, ApplicationEvent, Interview, InterviewSlot
from ._timeline import advance_application, clean_text, interview_detail, record_event, when
from .hiring_mail import CANDIDATE, INTERVIEWER, interview_notify

MAX_TIMES = 5
HORIZON = timedelta(days=180)
Kind = ApplicationEvent.Kind
Status = Interview.Status


class TimeTaken(ConflictError):
    """The interviewer already has a confirmed interview then."""

    def __init__(self, message=None):
        super().__init__(
            message or gettext_lazy("That time was just taken. Please choose another."),
            code="time_taken",
        )


class CandidateBusy(TimeTaken):
    """The candidate already holds an interview (or a consultation) then."""

    def __init__(self, message=None):
        super().__init__(message or gettext_lazy("You already have an interview at that time."))


def _local(moment: datetime) -> str:
    return date_format(moment.astimezone(SEOUL), "Y-m-d H:i")


def _is_candidate(interview: Interview, by: User) -> bool:
    return by.pk == interview.candidate_id


def _other_side(interview: Interview, by: User) -> str:
    return INTERVIEWER if _is_candidate(interview, by) else CANDIDATE


def _locked(interview: Interview) -> Interview:
    return (
        Interview.objects.select_for_update(of=("self",))
        .select_related("application")
        .get(pk=interview.pk)
    )


def _clean_times(
    times: Iterable[datetime], *, duration: int, interviewer_id: int | None, now: datetime
) -> list[tuple[datetime, datetime]]:
    """Proposed starts: 1–5 distinct future times within 180 days, not over the interviewer's."""
    starts = sorted({t for t in times if t is not None})
    if not starts:
        raise ValidationError({"times": [_("Propose at least one time.")]})
    if len(starts) > MAX_TIMES:
        raise ValidationError({"times": [_("Propose at most %(n)s times.") % {"n": MAX_TIMES}]})
    for start in starts:
        if timezone.is_naive(start):
            raise ValidationError({"times": [_("Give each time with its time zone.")]})
        if start <= now:
            raise ValidationError(
                {"times": [_("%(time)s has already passed.") % {"time": _local(start)}]}
            )
        if start > now + HORIZON:
            raise ValidationError({"times": [_("Propose times within the next 180 days.")]})
    ranges = [(start, start + timedelta(minutes=duration)) for start in starts]
    if interviewer_id:
        # A courtesy check without a lock: picking is where the guarantee lives.
        for start, end in ranges:
            if _interviews_at(interviewer_id, start, end, column="interviewer_id").exists():
                raise TimeTaken(
                    _("The interviewer already has an interview at %(time)s.")
                    % {"time": _local(start)}
                )
    return ranges


def _clean_place(*, mode: str, address: str, phone: str) -> tuple[str, str]:
    if mode not in Interview.Mode.values:
        raise ValidationError({"mode": [_("Choose in person, phone or video.")]})
    address = clean_text(address, field="address", limit=200, required=mode == "in_person")
    phone = clean_text(phone, field="phone", limit=20)
    if mode != Interview.Mode.IN_PERSON:
        address = ""
    if mode != Interview.Mode.PHONE:
        phone = ""
    if phone:
        try:
            parsed = phonenumbers.parse(phone, "KR")
        except phonenumbers.NumberParseException:
            parsed = None
        if parsed is None or not phonenumbers.is_valid_number(parsed):
            raise ValidationError(
                {"phone": [_("Enter a Korean phone number such as 02-123-4567.")]}
            )
        phone = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return address, phone


def _clean_duration(duration_minutes) -> int:
    try:
        duration = int(duration_minutes)
    except (TypeError, ValueError):
        duration = 0
    if not 15 <= duration <= 240:
        raise ValidationError(
            {"duration_minutes": [_("An interview lasts 15 minutes to 4 hours.")]}
        )
    return duration


def _interviews_at(person_id: int, start: datetime, end: datetime, *, column: str):
    return Interview.objects.filter(
        **{column: person_id}, status=Status.CONFIRMED, start__lt=end, end__gt=start
    )


def interview_at(person_id: int, start: datetime, end: datetime) -> str | None:
    """A person's confirmed interview then, as a candidate or an interviewer (a busy source)."""
    clash = Interview.objects.filter(
        Q(candidate_id=person_id) | Q(interviewer_id=person_id),
        status=Status.CONFIRMED,
        start__lt=end,
        end__gt=start,
    ).exists()
    return _("You have an interview at that time.") if clash else None


def _set_slots(interview: Interview, ranges: list[tuple[datetime, datetime]]) -> None:
    interview.slots.all().delete()
    InterviewSlot.objects.bulk_create(
        InterviewSlot(interview=interview, start=start, end=end) for start, end in ranges
    )


@transaction.atomic
def interview_propose(
    *,
    application: Application,
    by: User,
    mode: str,
    times: Iterable[datetime],
    duration_minutes: int = 60,
    address: str = "",
    phone: str = "",
    note: str = "",
    interviewer: User | None = None,
    now: datetime | None = None,
) -> Interview:
    """The employer proposes one to five times; the application moves to 면접. Locks the application.

    One open interview per application (a partial unique constraint): change its times or
    cancel it before proposing another round.
    """
    now = now or timezone.now()
    interviewer = interviewer or by
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not CompanyMembership.objects.filter(
        user=interviewer, company_id=application.posting.company_id
    ).exists():
        raise ValidationError({"interviewer": [_("Choose a member of your company.")]})
    if application.is_final:
        raise ConflictError(_("This application is closed."))
    if application.interviews.filter(status__in=Interview.OPEN).exists():
        raise ConflictError(
            _("This application already has an open interview: change its times or cancel it.")
        )
    duration = _clean_duration(duration_minutes)
    address, phone = _clean_place(mode=mode, address=address, phone=phone)
    ranges = _clean_times(times, duration=duration, interviewer_id=interviewer.pk, now=now)
    interview = Interview.objects.create(
        application=application,
        candidate_id=application.applicant_id,
        interviewer=interviewer,
        mode=mode,
        address=address,
        phone=phone,
        room_token=new_room_token() if mode == Interview.Mode.VIDEO else "",
        duration_minutes=duration,
        note=clean_text(note, field="note", limit=1000),
        created_by=by,
        changed_by=by,
    )
    _set_slots(interview, ranges)
    record_event(
        application,
        Kind.INTERVIEW_PROPOSED,
        actor=by,
        interview=interview,
        detail=interview_detail(interview, times=[when(start) for start, _end in ranges]),
    )
    if application.status in (Application.Status.SUBMITTED, Application.Status.SCREENING):
        advance_application(application, Application.Status.INTERVIEW, by=by)
    log_action(
        by,
        "jobs.interview.proposed",
        interview,
        {"times": [when(start) for start, _end in ranges], "mode": mode},
        subject=interview.candidate,
    )
    interview_notify(interview, "proposed", to=[CANDIDATE])
    return interview


@transaction.atomic
def interview_propose_times(
    *,
    interview: Interview,
    by: User,
    times: Iterable[datetime],
    reason: str = "",
    now: datetime | None = None,
) -> Interview:
    """The employer offers new times (after the candidate asked, or to reschedule a confirmed one).

    A confirmed interview gives up its time and needs a reason; the candidate picks again.
    """
    now = now or timezone.now()
    interview = _locked(interview)
    if interview.status not in Interview.OPEN:
        raise ConflictError(_("This interview is closed."))
    was_confirmed = interview.status == Status.CONFIRMED
    if was_confirmed and interview.start <= now:
        raise ConflictError(_("This interview has started; mark it held or a no-show instead."))
    reason = clean_text(reason, field="reason", limit=300, required=was_confirmed)
    ranges = _clean_times(
        times,
        duration=interview.duration_minutes,
        interviewer_id=interview.interviewer_id,
        now=now,
    )
    application = interview.application
    if was_confirmed:
        record_event(
            application,
            Kind.INTERVIEW_RESCHEDULED,
            actor=by,
            interview=interview,
            detail=interview_detail(interview, start=when(interview.start), reason=reason),
        )
    _set_slots(interview, ranges)
    interview.status = Status.PROPOSED
    interview.status_reason = reason
    interview.changed_by = by
    interview.sequence += 1
    interview.reminder_24h_sent_at = interview.reminder_1h_sent_at = None
    interview.save()
    record_event(
        application,
        Kind.INTERVIEW_PROPOSED,
        actor=by,
        interview=interview,
        detail=interview_detail(interview, times=[when(start) for start, _end in ranges]),
    )
    log_action(
        by,
        "jobs.interview.rescheduled" if was_confirmed else "jobs.interview.proposed",
        interview,
        {"times": [when(start) for start, _end in ranges], "reason": reason},
        subject=interview.candidate,
    )
    interview_notify(
        interview,
        "rescheduled" if was_confirmed else "proposed",
        to=[CANDIDATE, INTERVIEWER] if was_confirmed else [CANDIDATE],
        had_time=was_confirmed,
    )
    return interview


def _overlap_error(error: IntegrityError) -> TimeTaken | None:
    """The exclusion constraint behind an IntegrityError, as the conflict the candidate reads."""
    text = str(error)
    if "jobs_interview_candidate_no_overlap" in text:
        return CandidateBusy()
    if "jobs_interview_interviewer_no_overlap" in text:
        return TimeTaken()
    return None


def _lock_and_check(interview: Interview, slot: InterviewSlot) -> None:
    """Lock both people, then recheck that neither holds the slot's time (the pick's guarantee)."""
    lock_people(interview.interviewer_id, interview.candidate_id)
    others = Interview.objects.exclude(pk=interview.pk)
    if (
        interview.interviewer_id
        and others.filter(
            interviewer_id=interview.interviewer_id,
            status=Status.CONFIRMED,
            start__lt=slot.end,
            end__gt=slot.start,
        ).exists()
    ):
        raise TimeTaken()
    if others.filter(
        candidate_id=interview.candidate_id,
        status=Status.CONFIRMED,
        start__lt=slot.end,
        end__gt=slot.start,
    ).exists():
        raise CandidateBusy()
    elsewhere = busy_elsewhere(interview.candidate_id, slot.start, slot.end, skip="jobs")
    if elsewhere:
        raise CandidateBusy(elsewhere)


def _pick_once(*, interview: Interview, by: User, slot_id: int, now: datetime) -> Interview:
    try:
        with transaction.atomic():
            interview = _locked(interview)
            if interview.status != Status.PROPOSED:
                raise ConflictError(_("This interview is not waiting for you to pick a time."))
            slot = interview.slots.filter(pk=slot_id).first()
            if slot is None:
                raise ValidationError({"slot": [_("Choose one of the proposed times.")]})
            if slot.start <= now:
                raise ValidationError({"slot": [_("That time has passed. Choose another.")]})
            _lock_and_check(interview, slot)
            interview.status = Status.CONFIRMED
            interview.start, interview.end = slot.start, slot.end
            interview.confirmed_at = now
            interview.changed_by = by
            interview.candidate_note = ""
            interview.sequence += 1
            interview.reminder_24h_sent_at = interview.reminder_1h_sent_at = None
            interview.save()
            record_event(
                interview.application,
                Kind.INTERVIEW_CONFIRMED,
                actor=by,
                interview=interview,
                detail=interview_detail(interview, start=when(slot.start), end=when(slot.end)),
            )
            interview_notify(interview, "confirmed", to=[CANDIDATE, INTERVIEWER])
            return interview
    except IntegrityError as error:
        overlap = _overlap_error(error)
        if overlap is None:
            raise
        raise overlap from None


def interview_pick(
    *, interview: Interview, by: User, slot_id: int, now: datetime | None = None
) -> Interview:
    """The candidate picks one of the proposed times; both get a confirmation with an .ics.

    Raises ``ValidationError`` for a time that was not proposed or has passed (400),
    ``TimeTaken`` / ``CandidateBusy`` (409) when the interviewer or the candidate holds it.
    """
    if not _is_candidate(interview, by):
        raise ValidationError(_("Only the candidate picks the interview time."))
    now = now or timezone.now()
    return retry_on_lock_conflict(
        lambda: _pick_once(interview=interview, by=by, slot_id=slot_id, now=now),
        give_up=TimeTaken,
    )


@transaction.atomic
def interview_request_times(
    *, interview: Interview, by: User, note: str, now: datetime | None = None
) -> Interview:
    """The candidate asks for other times (with a note); from a confirmed interview, a reschedule.

    The employer then proposes new times (``interview_propose_times``).
    """
    if not _is_candidate(interview, by):
        raise ValidationError(_("Only the candidate asks for other times."))
    now = now or timezone.now()
    interview = _locked(interview)
    if interview.status not in (Status.PROPOSED, Status.CONFIRMED):
        raise ConflictError(_("This interview is not waiting for your answer."))
    was_confirmed = interview.status == Status.CONFIRMED
    if was_confirmed and interview.start <= now:
        raise ConflictError(_("This interview has already started."))
    note = clean_text(note, field="note", limit=1000, required=True)
    interview.status = Status.OTHER_TIMES
    interview.candidate_note = note
    interview.status_reason = note if was_confirmed else ""
    interview.changed_by = by
    interview.sequence += 1
    interview.save()
    detail = {"note": note}
    if was_confirmed:
        detail = interview_detail(interview, start=when(interview.start), reason=note)
    record_event(
        interview.application,
        Kind.INTERVIEW_RESCHEDULED if was_confirmed else Kind.INTERVIEW_TIMES_REQUESTED,
        actor=by,
        interview=interview,
        detail=detail,
    )
    interview_notify(
        interview,
        "rescheduled" if was_confirmed else "times_requested",
        to=[INTERVIEWER, CANDIDATE] if was_confirmed else [INTERVIEWER],
        had_time=was_confirmed,
    )
    return interview


@transaction.atomic
def interview_cancel(
    *, interview: Interview, by: User, reason: str, now: datetime | None = None
) -> Interview:
    """Either side cancels an open interview before it starts, with a reason; the time is freed."""
    now = now or timezone.now()
    interview = _locked(interview)
    if interview.status not in Interview.OPEN:
        raise ConflictError(_("This interview is already closed."))
    was_confirmed = interview.status == Status.CONFIRMED
    if was_confirmed and interview.start <= now:
        raise ConflictError(_("This interview has started; mark it held or a no-show instead."))
    reason = clean_text(reason, field="reason", limit=300, required=True)
    interview.status = Status.CANCELLED
    interview.status_reason = reason
    interview.changed_by = by
    interview.sequence += 1
    interview.save()
    record_event(
        interview.application,
        Kind.INTERVIEW_CANCELLED,
        actor=by,
        interview=interview,
        detail=interview_detail(
            interview,
            reason=reason,
            **({"start": when(interview.start)} if was_confirmed else {}),
        ),
    )
    if not _is_candidate(interview, by):
        log_action(
            by,
            "jobs.interview.cancelled",
            interview,
            {"reason": reason},
            subject=interview.candidate,
        )
    interview_notify(
        interview,
        "cancelled",
        to=[CANDIDATE, INTERVIEWER] if was_confirmed else [_other_side(interview, by)],
        had_time=was_confirmed,
    )
    return interview


def _close_after_start(
    interview: Interview, *, by: User, status: str, kind: str, action: str, now: datetime | None
) -> Interview:
    now = now or timezone.now()
    interview = _locked(interview)
    if _is_candidate(interview, by):
        raise ValidationError(_("Only the company records how the interview went."))
    if interview.status != Status.CONFIRMED:
        raise ConflictError(_("Only a confirmed interview can be marked."))
    if interview.start > now:
        raise ConflictError(_("You can mark it once the interview has started."))
    interview.status = status
    interview.changed_by = by
    interview.save()
    record_event(
        interview.application,
        kind,
        actor=by,
        interview=interview,
        detail=interview_detail(interview, start=when(interview.start)),
    )
    log_action(by, action, interview, subject=interview.candidate)
    return interview


@transaction.atomic
def interview_mark_held(
    *, interview: Interview, by: User, now: datetime | None = None
) -> Interview:
    """The company records that the interview took place."""
    return _close_after_start(
        interview,
        by=by,
        status=Status.HELD,
        kind=Kind.INTERVIEW_HELD,
        action="jobs.interview.held",
        now=now,
    )


@transaction.atomic
def interview_mark_no_show(
    *, interview: Interview, by: User, now: datetime | None = None
) -> Interview:
    """The candidate did not come: recorded on the timeline and in the audit log."""
    return _close_after_start(
        interview,
        by=by,
        status=Status.NO_SHOW,
        kind=Kind.INTERVIEW_NO_SHOW,
        action="jobs.interview.no_show",
        now=now,
    )


def interviews_close_for_application(
    application: Application, *, by: User, reason: str, now: datetime | None = None
) -> None:
    """Cancel the application's open interview (it was withdrawn or not selected); in its lock."""
    now = now or timezone.now()
    for interview in application.interviews.filter(status__in=Interview.OPEN):
        if interview.status == Status.CONFIRMED and interview.start <= now:
            continue  # under way or past: the company marks it held or a no-show
        interview_cancel(interview=interview, by=by, reason=reason, now=now)


def send_interview_reminders(*, now: datetime | None = None) -> int:
    """Remind both sides 24 h and 1 h before each confirmed interview, once (``core.reminders``)."""
    return reminders.send_due_reminders(
        Interview.objects.filter(status=Status.CONFIRMED),
        send=lambda pk, _field: interview_notify(
            Interview.objects.get(pk=pk), "reminder", to=[CANDIDATE, INTERVIEWER]
        ),
        now=now,
    )
