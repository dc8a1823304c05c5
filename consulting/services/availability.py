"""A counselor's hours (weekly hours, daily cap, dated exceptions) and the consultation types.

Changes take the counselor's booking lock (``locks.lock_counselor``), so a booking made
at the same moment is checked against either the old hours or the new ones, never half
of each. What center staff change for a counselor is written to the audit log; a
counselor's changes to their own hours are not.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.audit import log_action

from ..models import AvailabilityException, ConsultationType, CounselorSettings, WeeklyAvailability
from .locks import lock_counselor
from .workspace import refuse_past_date


def _own(model, counselor: User, rows) -> None:
    """Refuse rows (already saved ones) that are not this counselor's."""
    ids = {row.pk for row in rows if row.pk is not None}
    if ids and model.objects.filter(pk__in=ids, counselor=counselor).count() != len(ids):
        raise ValidationError(_("These hours were changed meanwhile. Please reload the page."))


@transaction.atomic
def availability_update(
    *,
    counselor: User,
    by: User,
    daily_cap: int | None = None,
    bio: str | None = None,
    weekly: Sequence[WeeklyAvailability] = (),
    weekly_removed: Sequence[WeeklyAvailability] = (),
    exceptions: Sequence[AvailabilityException] = (),
    exceptions_removed: Sequence[AvailabilityException] = (),
) -> None:
    """Save a counselor's changed hours in one transaction, under the counselor's booking lock.

    ``daily_cap`` and ``bio`` change when given. Weekly hours and dated exceptions come
    validated from forms, unsaved (new rows, or changed ones), with the rows to remove;
    each is checked again against the model's rules and must belong to ``counselor``.
    Staff changing another person's hours are logged.
    """
    for row in exceptions:
        refuse_past_date(row.date, field="date")
    _own(WeeklyAvailability, counselor, [*weekly, *weekly_removed])
    _own(AvailabilityException, counselor, [*exceptions, *exceptions_removed])
    lock_counselor(counselor.pk)  # creates the settings row if the counselor has none yet
    settings_row = CounselorSettings.objects.get(counselor=counselor)
    log: dict[str, object] = {}
    for field, value in (("daily_cap", daily_cap), ("bio", bio)):
        if value is not None and getattr(settings_row, field) != value:
            setattr(settings_row, field, value)
            log[field] = value
    if log:
        settings_row.full_clean()
        settings_row.save()
    for group, rows in (("hours", weekly), ("exceptions", exceptions)):
        for row in rows:
            row.counselor = counselor
            row.full_clean()
            row.save()
            log.setdefault(group, []).append(str(row))
    for group, rows in (
        ("hours_removed", weekly_removed),
        ("exceptions_removed", exceptions_removed),
    ):
        for row in rows:
            log.setdefault(group, []).append(str(row))
            row.delete()
    if log and by.pk != counselor.pk:
        log_action(by, "consulting.availability.changed", settings_row, log, subject=counselor)


@transaction.atomic
def consultation_type_save(
    *, type_: ConsultationType, by: User, changed: Sequence[str] = ()
) -> ConsultationType:
    """Save a consultation type center staff edited (in the admin) and log what changed.

    The form has already validated ``type_``; ``changed`` names its fields that differ.
    """
    created = type_.pk is None
    type_.save()
    if created:
        log_action(by, "consulting.type.created", type_)
    elif changed:
        log_action(by, "consulting.type.changed", type_, {"fields": list(changed)})
    return type_
