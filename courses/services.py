"""Writes for the catalog and enrollment.

Every change to who holds a seat in a run takes the same lock first: the run's row,
``SELECT … FOR UPDATE``. Seats are then recounted under the lock and the change is
written in the same transaction, so two requests can never both take the last seat
(see tests/courses/test_enrollment_concurrency.py). Email goes out after commit.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.emails import send_templated_email
from skills.models import Skill

from .models import SEAT_STATUSES, Course, CourseCategory, CourseRun, CourseSkill, Enrollment

logger = logging.getLogger(__name__)

Status = Enrollment.Status

COURSE_FIELDS = (
    "category",
    "title",
    "title_en",
    "summary",
    "summary_en",
    "description",
    "level",
    "total_hours",
    "fee",
    "subsidy_note",
    "image_alt",
    "prerequisite_note",
    "completion_min_attendance",
    "pass_mark",
    "is_published",
)
RUN_FIELDS = (
    "name",
    "starts_on",
    "ends_on",
    "place",
    "online_url",
    "capacity",
    "enrollment_opens_at",
    "enrollment_closes_at",
    "is_screened",
    "application_questions",
    "waitlist_enabled",
)


def offer_hours() -> int:
    return int(getattr(settings, "COURSE_OFFER_HOURS", 48))


# --- locking and counting ---------------------------------------------------------------------


def _lock_run(run_id: int) -> CourseRun:
    """Lock one run's row for the rest of the transaction and return it fresh."""
    return CourseRun.objects.select_for_update().get(pk=run_id)


def _lock_runs(run_ids: Iterable[int]) -> dict[int, CourseRun]:
    """Lock several runs, always in id order, so two movers cannot deadlock."""
    return {pk: _lock_run(pk) for pk in sorted(set(run_ids))}


def seats_taken(run: CourseRun) -> int:
    """Confirmed seats plus outstanding offers (an offer holds its seat until answered)."""
    return Enrollment.objects.filter(run_id=run.pk, status__in=SEAT_STATUSES).count()


def _next_waitlist_position(run: CourseRun) -> int:
    top = Enrollment.objects.filter(run_id=run.pk, status=Status.WAITLISTED).aggregate(
        top=Max("waitlist_position")
    )["top"]
    return (top or 0) + 1


def _close_waitlist_gap(run: CourseRun, position: int) -> None:
    """Move everyone behind ``position`` up by one.

    Done in two statements through negative numbers, because the unique index on
    (run, waitlist_position) is checked row by row during a single UPDATE.
    """
    behind = Enrollment.objects.filter(run_id=run.pk, status=Status.WAITLISTED)
    behind.filter(waitlist_position__gt=position).update(
        waitlist_position=-(F("waitlist_position") - 1)
    )
    behind.filter(waitlist_position__lt=0).update(waitlist_position=-F("waitlist_position"))


def _leave_waitlist(enrollment: Enrollment) -> None:
    """Clear the position of a waitlisted enrollment (already changed in memory) and close the gap."""
    position = enrollment.waitlist_position
    enrollment.waitlist_position = None
    if position is not None:
        # Save first so the vacated number is free before the others move up.
        Enrollment.objects.filter(pk=enrollment.pk).update(
            waitlist_position=None, status=enrollment.status
        )
        _close_waitlist_gap(enrollment.run, position)


def _offer_deadline(run: CourseRun, now: dt.datetime) -> dt.datetime | None:
    """When an offer made now expires: after COURSE_OFFER_HOURS, but no later than the run's start."""
    start = timezone.make_aware(dt.datetime.combine(run.starts_on, dt.time.min))
    deadline = min(now + timedelta(hours=offer_hours()), start)
    return deadline if deadline > now else None


def _fill_freed_seats(run: CourseRun) -> list[Enrollment]:
    """Offer free seats to the head of the waitlist, one by one. Caller holds the run lock."""
    offers: list[Enrollment] = []
    if run.status != CourseRun.Status.SCHEDULED:
        return offers
    now = timezone.now()
    deadline = _offer_deadline(run, now)
    if deadline is None:
        return offers
    free = run.capacity - seats_taken(run)
    while free > 0:
        head = (
            Enrollment.objects.filter(run_id=run.pk, status=Status.WAITLISTED)
            .order_by("waitlist_position")
            .select_related("user")
            .first()
        )
        if head is None:
            break
        head.status = Status.OFFERED
        head.offered_at = now
        head.offer_expires_at = deadline
        Enrollment.objects.filter(pk=head.pk).update(
            status=Status.OFFERED,
            offered_at=now,
            offer_expires_at=deadline,
            waitlist_position=None,
            updated_at=now,
        )
        _close_waitlist_gap(run, head.waitlist_position)
        head.waitlist_position = None
        offers.append(head)
        free -= 1
    for offer in offers:
        _email_offer(offer, run)
    return offers


# --- emails (sent after commit) ----------------------------------------------------------------


def _my_enrollments_url() -> str:
    return settings.SITE_URL + reverse("courses:my_enrollments")


def _email_offer(enrollment: Enrollment, run: CourseRun) -> None:
    user = enrollment.user
    course = Course.objects.get(pk=run.course_id)
    send_templated_email(
        "course-offer",
        to=[user.email],
        context={
            "name": user.name,
            "course_title": course.title,
            "run_name": run.display_name,
            "starts_on": run.starts_on,
            "expires_at": timezone.localtime(enrollment.offer_expires_at),
            "url": _my_enrollments_url(),
        },
        language=user.language,
    )


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
            "url": _my_enrollments_url(),
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

    Locks the run row, recounts the seats under the lock and writes in the same transaction.
    """
    if not getattr(user, "is_trainee", False):
        raise ValidationError(
            _("Only trainees can enroll in courses. Add the trainee role in your profile.")
        )
    with transaction.atomic():
        locked = _lock_run(run.pk)
        course = Course.objects.get(pk=locked.course_id)
        now = timezone.now()
        _check_open(locked, course, now)
        existing = Enrollment.objects.filter(
            run_id=locked.pk,
            user=user,
            status__in=[Status.PENDING, Status.CONFIRMED, Status.WAITLISTED, Status.OFFERED],
        ).first()
        if existing is not None:
            raise ValidationError(
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
            enrollment.waitlist_position = _next_waitlist_position(locked)
        else:
            raise ValidationError(_("This run is full and has no waitlist."))
        try:
            with transaction.atomic():
                enrollment.save()
        except IntegrityError:
            # Only reachable if a write bypassed the run lock; say so instead of a 500.
            logger.warning("enrollment constraint hit for run %s user %s", locked.pk, user.pk)
            raise ValidationError(
                _("You are already enrolled in this run."), code="already_enrolled"
            ) from None
    return enrollment


def _reload_for_update(enrollment: Enrollment) -> tuple[Enrollment, CourseRun]:
    """Lock the enrollment's run, then re-read the enrollment under the lock."""
    run = _lock_run(enrollment.run_id)
    fresh = Enrollment.objects.select_related("user").get(pk=enrollment.pk)
    fresh.run = run
    return fresh, run


def enrollment_cancel(*, enrollment: Enrollment, by=None) -> Enrollment:
    """Cancel an active enrollment; a freed seat is offered to the head of the waitlist."""
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
            _leave_waitlist(enrollment)
        enrollment.save(
            update_fields=[
                "status",
                "cancelled_at",
                "offer_expires_at",
                "waitlist_position",
                "updated_at",
            ]
        )
        if held_seat:
            _fill_freed_seats(run)
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
        _fill_freed_seats(run)
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
            run = _lock_run(run_id)
            # Re-read under the lock: someone may have accepted, or another worker got here first.
            expired_here = Enrollment.objects.filter(
                run_id=run_id, status=Status.OFFERED, offer_expires_at__lte=now
            ).update(status=Status.EXPIRED, offer_expires_at=None, updated_at=now)
            expired += expired_here
            if expired_here:
                _fill_freed_seats(run)
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
            enrollment.waitlist_position = _next_waitlist_position(run)
        else:
            raise ValidationError(
                _("The run is full and has no waitlist. Raise the capacity first.")
            )
        enrollment.decided_at = now
        enrollment.decided_by = by
        enrollment.save()
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
        _email_decision(enrollment)
    return enrollment


def enrollment_move(*, enrollment: Enrollment, to_run: CourseRun, by) -> Enrollment:
    """Move someone to another run of the same center: a seat there if free, else its waitlist.

    Locks both runs in id order; the seat left behind is offered to that run's waitlist.
    """
    with transaction.atomic():
        runs = _lock_runs([enrollment.run_id, to_run.pk])
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
            run_id=target.pk,
            user_id=enrollment.user_id,
            status__in=[Status.PENDING, Status.CONFIRMED, Status.WAITLISTED, Status.OFFERED],
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
            _leave_waitlist(enrollment)
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
            moved.waitlist_position = _next_waitlist_position(target)
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
        if held_seat:
            _fill_freed_seats(source)
    return moved


# --- catalog -----------------------------------------------------------------------------------


def _validate_course(course: Course) -> None:
    errors: dict[str, list[str]] = {}
    if not course.title.strip():
        errors.setdefault("title", []).append(_("Give the course a title."))
    if not course.total_hours or course.total_hours <= 0:
        errors.setdefault("total_hours", []).append(
            _("A course needs its total training hours (at least 1).")
        )
    if (
        course.completion_min_attendance is not None
        and not 0 <= course.completion_min_attendance <= 100
    ):
        errors.setdefault("completion_min_attendance", []).append(
            _("Enter a percentage from 0 to 100.")
        )
    if errors:
        raise ValidationError(errors)


def _set_course_skills(course: Course, skills: list[tuple[Skill, int]]) -> None:
    seen = set()
    for skill, level in skills:
        if skill.pk in seen:
            raise ValidationError({"skills": _("Each skill may appear only once.")})
        if not 1 <= int(level) <= 5:
            raise ValidationError({"skills": _("Choose a level from 1 to 5.")})
        seen.add(skill.pk)
    CourseSkill.objects.filter(course=course).exclude(skill_id__in=seen).delete()
    for skill, level in skills:
        CourseSkill.objects.update_or_create(
            course=course, skill=skill, defaults={"level": int(level)}
        )


@transaction.atomic
def course_create(
    *,
    center,
    category: CourseCategory,
    title: str,
    total_hours: int,
    skills: list[tuple[Skill, int]] | None = None,
    instructors: Iterable | None = None,
    **fields,
) -> Course:
    """Create a course of ``center``; ``fields`` are further Course fields (see COURSE_FIELDS)."""
    unknown = set(fields) - set(COURSE_FIELDS) - {"image"}
    if unknown:
        raise TypeError(f"unknown course fields: {sorted(unknown)}")
    course = Course(
        center=center, category=category, title=title, total_hours=total_hours, **fields
    )
    _validate_course(course)
    course.save()
    if skills is not None:
        _set_course_skills(course, skills)
    if instructors is not None:
        course.instructors.set(instructors)
    return course


@transaction.atomic
def course_update(
    *,
    course: Course,
    skills: list[tuple[Skill, int]] | None = None,
    instructors: Iterable | None = None,
    **fields,
) -> Course:
    """Change a course's fields, and its skills or instructors when given."""
    unknown = set(fields) - set(COURSE_FIELDS) - {"image"}
    if unknown:
        raise TypeError(f"unknown course fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(course, name, value)
    _validate_course(course)
    course.save()
    if skills is not None:
        _set_course_skills(course, skills)
    if instructors is not None:
        course.instructors.set(instructors)
    return course


def _validate_run(run: CourseRun) -> None:
    errors: dict[str, list[str]] = {}
    if run.starts_on and run.ends_on and run.ends_on < run.starts_on:
        errors.setdefault("ends_on", []).append(_("The end date is before the start date."))
    if run.capacity is None or run.capacity < 1:
        errors.setdefault("capacity", []).append(_("Capacity must be at least 1."))
    if (
        run.enrollment_opens_at
        and run.enrollment_closes_at
        and run.enrollment_closes_at < run.enrollment_opens_at
    ):
        errors.setdefault("enrollment_closes_at", []).append(
            _("Enrollment cannot close before it opens.")
        )
    if run.is_screened and not run.questions:
        errors.setdefault("application_questions", []).append(
            _("A screened run needs at least one application question.")
        )
    if errors:
        raise ValidationError(errors)


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def run_create(
    *, course: Course, starts_on: dt.date, ends_on: dt.date, capacity: int, **fields
) -> CourseRun:
    """Add a run. Enrollment is open from now until the start unless the window is given."""
    unknown = set(fields) - set(RUN_FIELDS)
    if unknown:
        raise TypeError(f"unknown run fields: {sorted(unknown)}")
    now = timezone.now()
    fields.setdefault("enrollment_opens_at", None)
    fields.setdefault("enrollment_closes_at", None)
    run = CourseRun(
        course=course, starts_on=starts_on, ends_on=ends_on, capacity=capacity, **fields
    )
    if run.enrollment_closes_at is None and starts_on:
        run.enrollment_closes_at = _start_of(starts_on)
    if run.enrollment_opens_at is None:
        run.enrollment_opens_at = (
            min(now, run.enrollment_closes_at) if run.enrollment_closes_at else now
        )
    _validate_run(run)
    run.save()
    return run


def run_update(*, run: CourseRun, **fields) -> CourseRun:
    """Change a run. A new capacity is checked against the seats taken, under the run lock."""
    unknown = set(fields) - set(RUN_FIELDS)
    if unknown:
        raise TypeError(f"unknown run fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = _lock_run(run.pk)
        old_capacity = locked.capacity
        for name, value in fields.items():
            setattr(locked, name, value)
        _validate_run(locked)
        if "capacity" in fields and locked.capacity != old_capacity:
            taken = seats_taken(locked)
            if locked.capacity < taken:
                raise ValidationError(
                    {
                        "capacity": [
                            _(
                                "Capacity cannot be lower than the %(count)d seats already taken (confirmed or offered)."
                            )
                            % {"count": taken}
                        ]
                    }
                )
        locked.save()
        if locked.capacity > old_capacity:
            _fill_freed_seats(locked)
    return locked


def run_set_capacity(*, run: CourseRun, capacity: int) -> CourseRun:
    """Change a run's capacity; never below the confirmed seats and open offers."""
    return run_update(run=run, capacity=capacity)


def run_cancel(*, run: CourseRun, by) -> CourseRun:
    """Cancel a run and every active enrollment in it."""
    with transaction.atomic():
        locked = _lock_run(run.pk)
        if locked.status == CourseRun.Status.COMPLETED:
            raise ValidationError(_("A finished run cannot be cancelled."))
        now = timezone.now()
        locked.status = CourseRun.Status.CANCELLED
        locked.save(update_fields=["status", "updated_at"])
        Enrollment.objects.filter(
            run_id=locked.pk,
            status__in=[Status.PENDING, Status.CONFIRMED, Status.WAITLISTED, Status.OFFERED],
        ).update(
            status=Status.CANCELLED,
            cancelled_at=now,
            waitlist_position=None,
            offer_expires_at=None,
            updated_at=now,
        )
    return locked
