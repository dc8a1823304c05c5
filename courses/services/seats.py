"""The seat machinery every enrollment and run change shares: the run lock, the recount,
the waitlist and seat offers.

Every change to who holds a seat in a run takes the same lock first: the run's row,
``SELECT … FOR UPDATE``. Seats are then recounted under the lock and the change is
written in the same transaction, so two requests can never both take the last seat
(see tests/courses/test_enrollment_concurrency.py). Email goes out after commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone

from core.emails import send_templated_email

from ..models import SEAT_STATUSES, Course, CourseRun, Enrollment

Status = Enrollment.Status


def offer_hours() -> int:
    return int(getattr(settings, "COURSE_OFFER_HOURS", 48))


def lock_run(run_id: int) -> CourseRun:
    """Lock one run's row for the rest of the transaction and return it fresh."""
    return CourseRun.objects.select_for_update().get(pk=run_id)


def lock_runs(run_ids: Iterable[int]) -> dict[int, CourseRun]:
    """Lock several runs, always in id order, so two movers cannot deadlock."""
    return {pk: lock_run(pk) for pk in sorted(set(run_ids))}


def seats_taken(run: CourseRun) -> int:
    """Confirmed seats plus outstanding offers (an offer holds its seat until answered)."""
    return Enrollment.objects.filter(run_id=run.pk, status__in=SEAT_STATUSES).count()


def next_waitlist_position(run: CourseRun) -> int:
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


def leave_waitlist(enrollment: Enrollment) -> None:
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


def fill_freed_seats(run: CourseRun) -> list[Enrollment]:
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


def my_enrollments_url() -> str:
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
            "url": my_enrollments_url(),
        },
        language=user.language,
    )
