"""The locks that serialize writes to one counselor's and one person's time.

Always the counselor first, then the person: one order, so two bookings never wait on
each other in a cycle.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import F

from core.scheduling import lock_people

from ..models import CounselorSettings


def lock_counselor(counselor_id: int) -> None:
    """Serialize bookings of one counselor: the row lock on PostgreSQL, the write lock on SQLite.

    Call inside ``transaction.atomic()``; the lock is held until it ends.
    """
    CounselorSettings.objects.get_or_create(counselor_id=counselor_id)
    if connection.vendor == "sqlite":
        # SQLite has no row locks; a write at the start takes the database's single
        # write lock, so the recount below cannot race another booking.
        CounselorSettings.objects.filter(counselor_id=counselor_id).update(daily_cap=F("daily_cap"))
    else:
        CounselorSettings.objects.select_for_update().get(counselor_id=counselor_id)


def lock_person(person_id: int) -> None:
    """Serialize one person's bookings across counselors, and against their interviews.

    ``core.scheduling.lock_people``: every app that gives the person a time takes this lock.
    """
    lock_people(person_id)
