"""Enrollment: taking a seat, the waitlist, seat offers, screened applications and moves.

Every write here starts by locking the run's row (``seats.lock_run``) and recounts the
seats under that lock; see ``courses/services/seats.py``.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import log_action
from core.emails import send_templated_email
from core.exceptions import ConflictError

from ..models import ACTIVE_STATUSES, Course, CourseRun, Enrollment
from .seats import (
    fill_freed_seats,
    leave_waitlist,
    lock_run,
    lock_runs,
    my_enrollments_url,
    next_waitlist_position,
    seats_taken,
)

logger = logging.getLogger(__name__)

Status = Enrollment.Status


def _email_decision(enrollment: Enrollment) -> None:
    user = enrollment.user
    run = enrollment.run
    send_templated_email(
        "course-application-decision",
        to=[user.email],
        context={
            "name": user.name,
            "course_title": run.course.title,
            "run_name": run.display_name,
            "status": enrollment.status,
            "waitlist_position": enrollment.waitlist_position,
            "note": enrollment.decision_note,
            "url": my_enrollments_url(),
        },
        language=user.language,
    )


# --- enrollment --------------------------------------------------------------------------------


def _check_open(run: CourseRun, course: Course, now: dt.datetime) -> None:
    if run.status == CourseRun.Status.CANCELLED:
        raise ValidationError(_("This run was cancelled."))
    if run.status == CourseRun.Status.COMPLETED or run.starts_on <= timezone.localdate(now):
        raise ValidationError(_("This run has already started; enrollment is closed."))
    if not course.is_published:
        raise ValidationError(_("This course is not open for enrollment."))
    if now < run.enrollment_opens_at:
        opens = timezone.localtime(run.enrollment_opens_at)
        raise ValidationError(
            _("Enrollment opens on %(date)s.") % {"date": opens.strftime("%Y-%m-%d %H:%M")}
        )
    if now > run.enrollment_closes_at:
        raise ValidationError(_("Enrollment for this run has closed."))


def _clean_answers(run: CourseRun, answers: dict | None) -> dict:
    answers = answers or {}
    if not isinstance(answers, dict):
        raise ValidationError({"answers": _("Answers must map each question to a text.")})
    cleaned: dict[str, str] = {}
    missing = []
    for question in run.questions:
        value = str(answers.get(question, "") or "").strip()
        if not value:
            missing.append(question)
        cleaned[question] = value[:2000]
    if missing:
        raise ValidationError({"answers": [_("Please answer: %(q)s") % {"q": q} for q in missing]})
    return cleaned


def enrollment_create(*, run: CourseRun, user, answers: dict | None = None) -> Enrollment:
    """Enroll a trainee: confirmed while seats last, else waitlisted; screened runs wait for staff.

    Someone already in the run gets a ConflictError. Locks the run row, recounts the seats
    under the lock and writes in the same transaction.
    """
    if not getattr(user, "is_trainee", False):
        raise ValidationError(
            _("Only trainees can enroll in courses. Add the trainee role in your profile.")
        )
    with transaction.atomic():
        locked = lock_run(run.pk)
        course = Course.objects.get(pk=locked.course_id)
        now = timezone.now()
        _check_open(locked, course, now)
        existing = Enrollment.objects.filter(
            run_id=locked.pk, user=user, status__in=ACTIVE_STATUSES
        ).first()
        if existing is not None:
            raise ConflictError(
                _("You are already enrolled in this run (%(status)s).")
                % {"status": existing.get_status_display()},
                code="already_enrolled",
            )
        enrollment = Enrollment(run=locked, user=user)
        if locked.is_screened:
            enrollment.answers = _clean_answers(locked, answers)
            enrollment.status = Status.PENDING
        elif seats_taken(locked) < locked.capacity:
            enrollment.status = Status.CONFIRMED
            enrollment.confirmed_at = now
        elif locked.waitlist_enabled:
            enrollment.status = Status.WAITLISTED
            enrollment.waitlist_position = next_waitlist_position(locked)
        else:
            raise ValidationError(_("This run is full and has no waitlist."))
        try:
            with transaction.atomic():
                enrollment.save()
        except IntegrityError:
            # Only reachable if a write bypassed the run lock; say so instead of a 500.
            logger.warning("enrollment constraint hit for run %s user %s", locked.pk, user.pk)
            raise ConflictError(
                _("You are already enrolled in this run."), code="already_enrolled"
            ) from None
    return enrollment


def _reload_for_update(enrollment: Enrollment) -> tuple[Enrollment, CourseRun]:
    """Lock the enrollment's run, then re-read the enrollment under the lock."""
    run = lock_run(enrollment.run_id)
    fresh = Enrollment.objects.select_related("user").get(pk=enrollment.pk)
    fresh.run = run
    return fresh, run


def enrollment_cancel(*, enrollment: Enrollment, by=None) -> Enrollment:
    """Cancel an active enrollment; a freed seat is offered to the head of the waitlist.

    The person cancels their own without ``by``; staff cancelling for them pass ``by``,
    which the audit log records.
    """
    with transaction.atomic():
        enrollment, run = _reload_for_update(enrollment)
        if not enrollment.is_active:
            raise ValidationError(_("This enrollment is no longer active."))
        if run.status == CourseRun.Status.COMPLETED:
            raise ValidationError(
                _("This run has finished; the enrollment can no longer be cancelled.")
            )
        was_waitlisted = enrollment.status == Status.WAITLISTED
        held_seat = enrollment.holds_seat
        now = timezone.now()
        enrollment.status = Status.CANCELLED
        enrollment.cancelled_at = now
        enrollment.offer_expires_at = None
        if was_waitlisted:
            leave_waitlist(enrollment)
        enrollment.save(
            update_fields=[
                "status",
                "cancelled_at",
                "offer_expires_at",
                "waitlist_position",
                "updated_at",
            ]
        )
        if by is not None:
            log_action(by, "courses.enrollment.cancelled", enrollment)
        if held_seat:
            fill_freed_seats(run)
    return enrollment


def enrollment_accept_offer(*, enrollment: Enrollment) -> Enrollment:
    """Take an offered seat before the offer expires."""
    with transaction.atomic():
        enrollment, _run = _reload_for_update(enrollment)
        if enrollment.status != Status.OFFERED:
            raise ValidationError(_("There is no open seat offer on this enrollment."))
        now = timezone.now()
        if enrollment.offer_expires_at <= now:
            raise ValidationError(_("This offer has expired."))
        enrollment.status = Status.CONFIRMED
        enrollment.confirmed_at = now
        enrollment.save(update_fields=["status", "confirmed_at", "updated_at"])
    return enrollment


def enrollment_decline_offer(*, enrollment: Enrollment) -> Enrollment:
    """Turn down an offered seat; it goes to the next person on the waitlist."""
    with transaction.atomic():
        enrollment, run = _reload_for_update(enrollment)
        if enrollment.status != Status.OFFERED:
            raise ValidationError(_("There is no open seat offer on this enrollment."))
        enrollment.status = Status.DECLINED
        enrollment.offer_expires_at = None
        enrollment.save(update_fields=["status", "offer_expires_at", "updated_at"])
        fill_freed_seats(run)
    return enrollment


def offers_expire(*, now: dt.datetime | None = None) -> int:
    """Expire unanswered offers and pass each seat on. Idempotent: safe to run twice at once."""
    now = now or timezone.now()
    run_ids = set(
        Enrollment.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now).values_list(
            "run_id", flat=True
        )
    )
    expired = 0
    for run_id in sorted(run_ids):
        with transaction.atomic():
            run = lock_run(run_id)
            # Re-read under the lock: someone may have accepted, or another worker got here first.
            expired_here = Enrollment.objects.filter(
                run_id=run_id, status=Status.OFFERED, offer_expires_at__lte=now
            ).update(status=Status.EXPIRED, offer_expires_at=None, updated_at=now)
            expired += expired_here
            if expired_here:
                fill_freed_seats(run)
    return expired


def enrollment_approve(*, enrollment: Enrollment, by) -> Enrollment:
    """Accept a screened application: a seat if one is free, else the waitlist."""
    with transaction.atomic():
        enrollment, run = _reload_for_update(enrollment)
        if enrollment.status != Status.PENDING:
            raise ValidationError(_("Only applications under review can be approved."))
        now = timezone.now()
        if seats_taken(run) < run.capacity:
            enrollment.status = Status.CONFIRMED
            enrollment.confirmed_at = now
        elif run.waitlist_enabled:
            enrollment.status = Status.WAITLISTED
            enrollment.waitlist_position = next_waitlist_position(run)
        else:
            raise ValidationError(
                _("The run is full and has no waitlist. Raise the capacity first.")
            )
        enrollment.decided_at = now
        enrollment.decided_by = by
        enrollment.save()
        log_action(by, "courses.enrollment.approved", enrollment, {"status": enrollment.status})
        _email_decision(enrollment)
    return enrollment


def enrollment_reject(*, enrollment: Enrollment, by, note: str = "") -> Enrollment:
    """Decline a screened application, with an optional note to the applicant."""
    with transaction.atomic():
        enrollment, _run = _reload_for_update(enrollment)
        if enrollment.status != Status.PENDING:
            raise ValidationError(_("Only applications under review can be declined."))
        enrollment.status = Status.REJECTED
        enrollment.decided_at = timezone.now()
        enrollment.decided_by = by
        enrollment.decision_note = note.strip()[:300]
        enrollment.save()
        log_action(
            by,
            "courses.enrollment.rejected",
            enrollment,
            {"reason": enrollment.decision_note} if enrollment.decision_note else {},
        )
        _email_decision(enrollment)
    return enrollment


def enrollment_move(*, enrollment: Enrollment, to_run: CourseRun, by) -> Enrollment:
    """Move someone to another run of the same center: a seat there if free, else its waitlist.

    Locks both runs in id order; the seat left behind is offered to that run's waitlist.
    """
    with transaction.atomic():
        runs = lock_runs([enrollment.run_id, to_run.pk])
        source = runs[enrollment.run_id]
        target = runs[to_run.pk]
        enrollment = Enrollment.objects.select_related("user").get(pk=enrollment.pk)
        enrollment.run = source
        if source.pk == target.pk:
            raise ValidationError({"to_run": _("Choose a different run.")})
        if not enrollment.is_active:
            raise ValidationError(_("This enrollment is no longer active."))
        source_course = Course.objects.get(pk=source.course_id)
        target_course = Course.objects.get(pk=target.course_id)
        if source_course.center_id != target_course.center_id:
            raise ValidationError({"to_run": _("Choose a run of the same center.")})
        if target.status != CourseRun.Status.SCHEDULED or target.ends_on < timezone.localdate():
            raise ValidationError({"to_run": _("The chosen run is cancelled or already over.")})
        if Enrollment.objects.filter(
            run_id=target.pk, user_id=enrollment.user_id, status__in=ACTIVE_STATUSES
        ).exists():
            raise ValidationError(
                {"to_run": _("This person is already enrolled in the chosen run.")}
            )
        now = timezone.now()
        held_seat = enrollment.holds_seat
        was_waitlisted = enrollment.status == Status.WAITLISTED
        enrollment.status = Status.MOVED
        enrollment.offer_expires_at = None
        if was_waitlisted:
            leave_waitlist(enrollment)
        moved = Enrollment(
            run=target,
            user=enrollment.user,
            answers=enrollment.answers,
            decided_at=now,
            decided_by=by,
        )
        if seats_taken(target) < target.capacity:
            moved.status = Status.CONFIRMED
            moved.confirmed_at = now
        else:
            moved.status = Status.WAITLISTED
            moved.waitlist_position = next_waitlist_position(target)
        moved.save()
        enrollment.moved_to = moved
        enrollment.save(
            update_fields=[
                "status",
                "offer_expires_at",
                "waitlist_position",
                "moved_to",
                "updated_at",
            ]
        )
        log_action(
            by,
            "courses.enrollment.moved",
            enrollment,
            {"to_run": str(target), "to_enrollment": moved.pk, "status": moved.status},
        )
        if held_seat:
            fill_freed_seats(source)
    return moved
