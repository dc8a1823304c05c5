"""An application's timeline: the steps both sides see, and moving it to the next stage."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.ics import SEOUL

from ..models import Application, ApplicationEvent, Interview, Offer
from .postings import posting_mark_active


def when(moment: datetime) -> str:
    """A moment as the timeline stores it (ISO 8601, in Korea time as people read it)."""
    return moment.astimezone(SEOUL).isoformat()


def interview_detail(interview: Interview, **extra) -> dict:
    """What a step says about an interview at that moment: how, where, how long."""
    return {
        "mode": interview.mode,
        "place": interview.address
        if interview.mode == Interview.Mode.IN_PERSON
        else interview.phone,
        "duration": interview.duration_minutes,
        **extra,
    }


def record_event(
    application: Application,
    kind: str,
    *,
    actor: User | None,
    interview: Interview | None = None,
    offer: Offer | None = None,
    detail: dict | None = None,
    from_status: str = "",
    to_status: str = "",
    at: datetime | None = None,
) -> ApplicationEvent:
    """One step on the timeline (``at``: when it happened, if not now; the demo's history)."""
    return ApplicationEvent.objects.create(
        application=application,
        kind=kind,
        actor=actor,
        interview=interview,
        offer=offer,
        detail=detail or {},
        from_status=from_status,
        to_status=to_status,
        created_at=at or timezone.now(),
    )


def advance_application(application: Application, status: str, *, by: User | None) -> bool:
    """Move a locked application to ``status`` (a stage change on the timeline); False if it was there."""
    if application.status == status:
        return False
    record_event(
        application,
        ApplicationEvent.Kind.STATUS,
        actor=by,
        from_status=application.status,
        to_status=status,
    )
    application.status = status
    application.save(update_fields=["status", "updated_at"])
    posting_mark_active(application.posting_id)
    return True


def clean_text(value: str | None, *, field: str, limit: int, required: bool = False) -> str:
    """Text a person typed: stripped, refused (never cut) past ``limit``, present if required."""
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: [_("This field is required.")]})
    if len(value) > limit:
        raise ValidationError(
            {
                field: [
                    _("At most %(limit)s characters (you wrote %(count)s).")
                    % {"limit": f"{limit:,}", "count": f"{len(value):,}"}
                ]
            }
        )
    return value
