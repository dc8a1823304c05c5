"""The consultation summary PDF: rendered by a task after commit, kept as a private file."""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models import F
from django.utils import timezone
from django.utils.translation import override

from ..availability import SEOUL
from ..models import Booking, summary_upload_to
from ..tasks import render_summary_pdf


def summary_changed(*, booking_id: int) -> None:
    """What the summary PDF shows changed: bump its version and render it again after commit."""
    Booking.objects.filter(pk=booking_id).update(summary_version=F("summary_version") + 1)
    if Booking.objects.filter(pk=booking_id, status=Booking.Status.COMPLETED).exists():
        render_summary_pdf.delay_on_commit(booking_id)


def summary_pdf_is_current(booking: Booking) -> bool:
    return bool(booking.summary_pdf) and booking.summary_pdf_version == booking.summary_version


def summary_pdf_ensure(*, booking: Booking) -> bool:
    """Ask for a current summary PDF of a completed consultation; whether ``booking`` has one now.

    Where the kept file is stale the task renders a new one (at once where tasks run
    eagerly) and ``booking`` is reloaded; a busy worker leaves it stale for now.
    """
    if not summary_pdf_is_current(booking):
        render_summary_pdf.delay(booking.pk)
        booking.refresh_from_db()
    return summary_pdf_is_current(booking)


def summary_pdf_render(*, booking_id: int) -> bool:
    """Render and keep a completed consultation's summary PDF, in the person's language.

    Idempotent: a current file is left alone. No lock is held while WeasyPrint works;
    the file is attached only if nothing changed meanwhile (a newer render follows).
    """
    # WeasyPrint is heavy to import; only the worker that renders pays for it.
    from core.pdf import render_pdf

    booking = (
        Booking.objects.select_related("type", "counselor", "person", "center")
        .filter(pk=booking_id, status=Booking.Status.COMPLETED)
        .first()
    )
    if booking is None or summary_pdf_is_current(booking):
        return False
    version = booking.summary_version
    with override(booking.person.language or settings.LANGUAGE_CODE), timezone.override(SEOUL):
        pdf = render_pdf(
            "consulting/summary_pdf.html",
            {
                "booking": booking,
                "action_items": list(booking.action_items.all()),
                "generated_at": timezone.now(),
            },
        )
    storage = booking.summary_pdf.storage
    old_name = booking.summary_pdf.name
    name = storage.save(summary_upload_to(booking, "summary.pdf"), ContentFile(pdf))
    attached = Booking.objects.filter(pk=booking_id, summary_version=version).update(
        summary_pdf=name, summary_pdf_version=version
    )
    if not attached:
        storage.delete(name)
        return False
    if old_name and old_name != name:
        storage.delete(old_name)
    return True
