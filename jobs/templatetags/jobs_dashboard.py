"""Dashboard cards for jobs: each loads its own data, so core's views stay unaware of jobs."""

from __future__ import annotations

from django import template
from django.db.models import Case, Count, Q, When

from jobs.models import Application, Posting
from jobs.selectors import pending_review_count

register = template.Library()


@register.simple_tag
def trainee_applications(user) -> list[Application]:
    """The person's latest applications, open ones first."""
    return list(
        Application.objects.filter(applicant=user)
        .select_related("posting__company")
        .annotate(decided=Case(When(status__in=Application.FINAL, then=1), default=0))
        .order_by("decided", "-updated_at")[:4]
    )


@register.simple_tag
def employer_postings(user) -> list[Posting]:
    """Open postings of the person's companies, with how many applications wait for a first look."""
    return list(
        Posting.objects.filter(company__memberships__user=user)
        .exclude(status=Posting.Status.CLOSED)
        .select_related("company")
        .annotate(
            new_applications=Count(
                "applications", filter=Q(applications__status=Application.Status.SUBMITTED)
            )
        )
        .order_by("-updated_at")[:5]
    )


@register.simple_tag
def staff_pending_postings(user) -> int:
    """Postings waiting for review by the person's centers."""
    return pending_review_count(user)


@register.simple_tag
def unread_threads(user) -> int:
    """How many of the person's message threads have something unread (nav and dashboards)."""
    from jobs.selectors.messages import unread_thread_count

    return unread_thread_count(user)


@register.simple_tag
def staff_reported_threads(user) -> int:
    """Message threads reported for abuse in the person's centers."""
    from jobs.selectors.messages import reported_threads_for_staff

    return reported_threads_for_staff(user).count()
