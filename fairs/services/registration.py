"""Attendees register for a fair, choose what booths may see, and rank booths for the draw."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.exceptions import ConflictError
from core.http import parse_id
from courses.models import Enrollment

from ..models import Booth, DrawRequest, Fair, Registration, Visit

SHARING_FIELDS = ("share_profile", "share_skills", "share_contact", "consent_to_apply")


def is_center_trainee(user: User, center_id: int) -> bool:
    """Whether the person holds a confirmed place in one of the center's course runs."""
    return Enrollment.objects.filter(
        user=user, run__course__center_id=center_id, status=Enrollment.Status.CONFIRMED
    ).exists()


def registration_create(
    *,
    fair: Fair,
    attendee: User,
    sharing: dict[str, bool] | None = None,
    now: datetime | None = None,
) -> Registration:
    """Register within the window; "center trainees only" fairs check the person's enrollments."""
    now = now or timezone.now()
    if not attendee.is_trainee:
        raise ValidationError(_("Only trainees and job seekers can register for a fair."))
    if not fair.registration_is_open(now):
        raise ValidationError(_("Registration for this fair is not open."))
    if fair.audience == Fair.Audience.CENTER_TRAINEES and not is_center_trainee(
        attendee, fair.center_id
    ):
        raise ValidationError(_("This fair is open only to the center's trainees."))
    sharing = {k: bool(v) for k, v in (sharing or {}).items() if k in SHARING_FIELDS}
    existing = Registration.objects.filter(fair=fair, attendee=attendee).first()
    if existing is not None:
        if existing.is_active:
            raise ConflictError(_("You are already registered for this fair."))
        for key, value in sharing.items():
            setattr(existing, key, value)
        existing.cancelled_at = None
        existing.save()
        return existing
    try:
        with transaction.atomic():
            return Registration.objects.create(fair=fair, attendee=attendee, **sharing)
    except IntegrityError:
        raise ConflictError(_("You are already registered for this fair.")) from None


def registration_update_sharing(
    *, registration: Registration, sharing: dict[str, bool]
) -> Registration:
    for key, value in sharing.items():
        if key in SHARING_FIELDS:
            setattr(registration, key, bool(value))
    registration.save()
    return registration


def draw_requests_set(
    *, registration: Registration, booth_ids: list[int], now: datetime | None = None
) -> list[DrawRequest]:
    """Replace the attendee's ranked wishes (best first) while the request window is open."""
    now = now or timezone.now()
    fair = registration.fair
    if not fair.request_window_is_open(now):
        raise ValidationError(_("Interview requests are not open for this fair."))
    ids = []
    for raw in booth_ids:
        value = parse_id(raw)
        if value is None:
            raise ValidationError({"booths": [_("Choose booths from this fair.")]})
        if value not in ids:
            ids.append(value)
    if len(ids) > 10:
        raise ValidationError({"booths": [_("Rank at most 10 booths.")]})
    valid = set(
        Booth.objects.filter(pk__in=ids, fair=fair, status=Booth.Status.APPROVED).values_list(
            "pk", flat=True
        )
    )
    if set(ids) - valid:
        raise ValidationError({"booths": [_("Choose booths from this fair.")]})
    with transaction.atomic():
        DrawRequest.objects.filter(registration=registration).delete()
        return DrawRequest.objects.bulk_create(
            DrawRequest(registration=registration, booth_id=b, rank=i + 1)
            for i, b in enumerate(ids)
        )


def visit_record(*, fair: Fair, visitor: User | None, booth: Booth | None = None) -> None:
    """Count a lobby or booth view for the analytics."""
    Visit.objects.create(
        fair=fair,
        booth=booth,
        visitor=visitor if visitor is not None and visitor.is_authenticated else None,
        kind=Visit.Kind.BOOTH if booth else Visit.Kind.LOBBY,
    )
