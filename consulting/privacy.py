"""What consulting holds about a person, for the data download and account deletion."""

from __future__ import annotations

from django.utils import timezone

from core.files import delete_names_on_commit

from .models import ACTIVE_STATUSES, Booking, private_storage


def export_person(user) -> list[dict]:
    """Every consultation the person booked, with their answers, notes about them and the outcome."""
    rows = []
    for b in (
        Booking.objects.filter(person=user)
        .select_related("type", "counselor")
        .prefetch_related("notes", "action_items")
    ):
        rows.append(
            {
                "id": b.pk,
                "type": b.type.name,
                "counselor": b.counselor.name,
                "start": b.start.isoformat(),
                "end": b.end.isoformat(),
                "status": b.status,
                "answers": b.answers,
                "summary": b.summary,
                "outcome": b.outcome,
                "outcome_note": b.outcome_note,
                "action_items": [i.text for i in b.action_items.all()],
                "counselor_notes": [n.text for n in b.notes.all()],
            }
        )
    return rows


def erase_person(user) -> None:
    """Free the person's upcoming slots and drop their intake answers; the history stays anonymous.

    The summary PDFs are deleted once the erasure commits: a rolled-back deletion keeps them.
    """
    now = timezone.now()
    Booking.objects.filter(person=user, status__in=ACTIVE_STATUSES, start__gt=now).update(
        status=Booking.Status.CANCELLED, cancelled_at=now, status_reason="account deleted"
    )
    files = list(
        Booking.objects.filter(person=user)
        .exclude(summary_pdf="")
        .values_list("summary_pdf", flat=True)
    )
    delete_names_on_commit(private_storage(), files)
    Booking.objects.filter(person=user).update(
        answers=[], idempotency_key="", summary_pdf="", summary_pdf_version=None
    )
