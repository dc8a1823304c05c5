"""The employment rate exclusions of a center's runs, and the completers who may get one."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import Center, User
from courses.models import Completion, Enrollment

from ..models import RateExclusion
from .outcomes import _in
from .period import Period


def center_exclusions(center: Center, period: Period) -> QuerySet[RateExclusion]:
    """Exclusions of the center's runs that end in the period."""
    return (
        RateExclusion.objects.filter(enrollment__run__course__center=center)
        .filter(_in("enrollment__run__ends_on", period))
        .select_related("enrollment__user", "enrollment__run__course", "recorded_by")
        .order_by("enrollment__run__ends_on", "enrollment__user__name", "pk")
    )


def excludable_completers(center: Center, period: Period) -> QuerySet[Enrollment]:
    """Completers (수료자) of the center's runs ending in the period, not excluded yet."""
    return (
        Enrollment.objects.filter(
            run__course__center=center,
            status=Enrollment.Status.CONFIRMED,
            completion__status=Completion.Status.COMPLETED,
            rate_exclusion__isnull=True,
        )
        .filter(_in("run__ends_on", period))
        .select_related("user", "run__course")
        .order_by("run__ends_on", "user__name", "pk")
    )


def get_exclusion_for_staff(user: User, exclusion_id: int) -> RateExclusion:
    """An exclusion of a run of one of the person's centers; 404 otherwise."""
    exclusion = (
        RateExclusion.objects.filter(
            pk=exclusion_id, enrollment__run__course__center_id__in=user.staff_center_ids()
        )
        .select_related("enrollment__user", "enrollment__run__course__center")
        .first()
    )
    if exclusion is None:
        raise Http404
    return exclusion
