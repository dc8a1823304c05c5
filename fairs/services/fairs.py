"""Staff run fairs: create and edit them, move them through their statuses, pick the companies."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Center, Company, User
from accounts.selectors import company_verified_at
from core.audit import log_action
from core.exceptions import ConflictError

from ..models import Booth, Fair

FAIR_FIELDS = (
    "title",
    "title_en",
    "description",
    "description_en",
    "starts_on",
    "ends_on",
    "opens_at",
    "closes_at",
    "registration_opens_at",
    "registration_closes_at",
    "format",
    "venue",
    "venue_en",
    "audience",
    "release",
    "slots_open_at",
    "request_window_opens_at",
    "max_interviews_per_attendee",
    "call_window_seconds",
)

# Where a fair may go from each status.
TRANSITIONS = {
    Fair.Status.DRAFT: {Fair.Status.REGISTRATION},
    Fair.Status.REGISTRATION: {Fair.Status.DRAFT, Fair.Status.LIVE},
    Fair.Status.LIVE: {Fair.Status.CLOSED},
    Fair.Status.CLOSED: set(),
}


def _validate(fair: Fair) -> None:
    errors: dict[str, list[str]] = {}
    if not (fair.title or "").strip():
        errors.setdefault("title", []).append(_("Give the fair a title."))
    if fair.starts_on and fair.ends_on and fair.starts_on > fair.ends_on:
        errors.setdefault("ends_on", []).append(_("The last day cannot be before the first."))
    if fair.opens_at and fair.closes_at and fair.opens_at >= fair.closes_at:
        errors.setdefault("closes_at", []).append(_("Closing must be after opening."))
    if (
        fair.registration_opens_at
        and fair.registration_closes_at
        and fair.registration_opens_at >= fair.registration_closes_at
    ):
        errors.setdefault("registration_closes_at", []).append(
            _("Registration must close after it opens.")
        )
    if fair.format == Fair.Format.HYBRID and not (fair.venue or "").strip():
        errors.setdefault("venue", []).append(_("A hybrid fair needs a venue."))
    if fair.release == Fair.Release.DRAW:
        if fair.request_window_opens_at is None:
            errors.setdefault("request_window_opens_at", []).append(
                _("A draw needs a time when requests open.")
            )
        elif fair.slots_open_at and fair.request_window_opens_at >= fair.slots_open_at:
            errors.setdefault("request_window_opens_at", []).append(
                _("Requests must open before the slots do.")
            )
    if not fair.max_interviews_per_attendee or fair.max_interviews_per_attendee < 1:
        errors.setdefault("max_interviews_per_attendee", []).append(_("Allow at least one."))
    if fair.call_window_seconds is not None and not 30 <= fair.call_window_seconds <= 600:
        errors.setdefault("call_window_seconds", []).append(
            _("Between 30 and 600 seconds, please.")
        )
    if errors:
        raise ValidationError(errors)


def fair_create(*, center: Center, by: User, data: dict[str, Any]) -> Fair:
    """A new fair in draft; staff of its center only (the view checks that)."""
    fair = Fair(center=center, created_by=by, **{k: v for k, v in data.items() if k in FAIR_FIELDS})
    _validate(fair)
    with transaction.atomic():
        fair.save()
        log_action(by, "fairs.fair.created", fair, {"title": fair.title})
    return fair


def fair_update(*, fair: Fair, by: User, data: dict[str, Any]) -> Fair:
    with transaction.atomic():
        fair = Fair.objects.select_for_update().get(pk=fair.pk)
        changed = {}
        for key, value in data.items():
            if key in FAIR_FIELDS and getattr(fair, key) != value:
                changed[key] = str(value)
                setattr(fair, key, value)
        _validate(fair)
        fair.save()
        if changed:
            log_action(by, "fairs.fair.updated", fair, {"changed": sorted(changed)})
    return fair


def fair_set_status(*, fair: Fair, status: str, by: User) -> Fair:
    """Draft → open for registration → live → closed (and back to draft before going live)."""
    with transaction.atomic():
        fair = Fair.objects.select_for_update().get(pk=fair.pk)
        if status not in Fair.Status.values:
            raise ValidationError({"status": [_("Unknown status.")]})
        if status not in TRANSITIONS[fair.status]:
            raise ConflictError(
                _("A fair that is “%(now)s” cannot become “%(to)s”.")
                % {"now": fair.get_status_display(), "to": Fair.Status(status).label}
            )
        before = fair.status
        fair.status = status
        fair.save(update_fields=["status", "updated_at"])
        log_action(by, "fairs.fair.status_changed", fair, {"from": before, "to": status})
    return fair


# --- participating companies --------------------------------------------------------


def booth_invite(*, fair: Fair, company: Company, by: User) -> Booth:
    """Staff invite a company their center verified; it shows once a member accepts."""
    if not company_verified_at(company, fair.center):
        raise ValidationError(
            _("Only companies this center has verified can be invited to its fair.")
        )
    return _booth_open(fair=fair, company=company, by=by, status=Booth.Status.INVITED)


def booth_request(*, fair: Fair, company: Company, by: User) -> Booth:
    """A verified company asks to take part; staff approve or decline."""
    return _booth_open(fair=fair, company=company, by=by, status=Booth.Status.REQUESTED)


def _booth_open(*, fair: Fair, company: Company, by: User, status: str) -> Booth:
    if not company.is_verified:
        raise ValidationError(_("Only companies the center has verified can take part in a fair."))
    if fair.status == Fair.Status.CLOSED:
        raise ConflictError(_("This fair is closed."))
    try:
        with transaction.atomic():
            booth = Booth.objects.create(fair=fair, company=company, status=status)
            log_action(by, f"fairs.booth.{status}", booth, {"company": company.name})
    except IntegrityError:
        raise ConflictError(_("This company already has a booth at this fair.")) from None
    return booth


def booth_decide(*, booth: Booth, approve: bool, by: User) -> Booth:
    """Staff approve or decline a request (or a company member accepts or declines an invitation)."""
    with transaction.atomic():
        booth = Booth.objects.select_for_update().select_related("company").get(pk=booth.pk)
        if booth.status not in (Booth.Status.INVITED, Booth.Status.REQUESTED):
            raise ConflictError(_("This booth has already been decided."))
        if approve and not booth.company.is_verified:
            raise ValidationError(
                _("Only companies the center has verified can take part in a fair.")
            )
        booth.status = Booth.Status.APPROVED if approve else Booth.Status.DECLINED
        booth.decided_by, booth.decided_at = by, timezone.now()
        booth.save(update_fields=["status", "decided_by", "decided_at"])
        log_action(by, "fairs.booth.approved" if approve else "fairs.booth.declined", booth, {})
    return booth
